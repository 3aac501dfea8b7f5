using FlowSight.Engine.Messaging;

namespace FlowSight.Engine.Configuration;

/// <summary>
/// Builds <see cref="FlowSightOptions"/> in code, as seed 000 section 7 shows:
/// <c>new FlowSightOptionsBuilder("BTCUSDT").WithBufferSize(16384).WithMaxReconnects(5).Build()</c>.
/// </summary>
public sealed class FlowSightOptionsBuilder
{
    private readonly FlowSightOptions _options;

    /// <summary>Starts from the defaults with the given symbol.</summary>
    public FlowSightOptionsBuilder(string symbol) => _options = new FlowSightOptions { Symbol = symbol };

    /// <summary>Sets the ring buffer size (a power of two).</summary>
    public FlowSightOptionsBuilder WithBufferSize(int slots) => Set(o => o.EventBufferSize = slots);

    /// <summary>Sets how many reconnects are tried before the circuit breaker opens.</summary>
    public FlowSightOptionsBuilder WithMaxReconnects(int attempts) => Set(o => o.MaxReconnectAttempts = attempts);

    /// <summary>Sets the rows an order-book view shows.</summary>
    public FlowSightOptionsBuilder WithMaxVisibleRows(int rows) => Set(o => o.MaxVisibleRows = rows);

    /// <summary>Sets the price aggregation step of order-book views.</summary>
    public FlowSightOptionsBuilder WithPricePrecision(decimal step) => Set(o => o.PricePrecision = step);

    /// <summary>Sets how the engine thread waits.</summary>
    public FlowSightOptionsBuilder WithWaitStrategy(WaitStrategyKind kind) => Set(o => o.WaitStrategy = kind);

    /// <summary>Sets what producers do when the buffer is full.</summary>
    public FlowSightOptionsBuilder WithFullBufferPolicy(FullBufferPolicy policy) => Set(o => o.FullBufferPolicy = policy);

    /// <summary>Sets what the engine does when a handler throws.</summary>
    public FlowSightOptionsBuilder WithErrorPolicy(ConsumerErrorPolicy policy) => Set(o => o.ErrorPolicy = policy);

    /// <summary>Pins the engine thread to a CPU (Linux).</summary>
    public FlowSightOptionsBuilder WithCpuAffinity(int cpu) => Set(o => o.CpuAffinity = cpu);

    /// <summary>Sets how often statistics are published.</summary>
    public FlowSightOptionsBuilder WithStatisticsInterval(TimeSpan interval) => Set(o => o.StatisticsInterval = interval);

    /// <summary>Times one handler call in <paramref name="every"/>.</summary>
    public FlowSightOptionsBuilder WithLatencySampling(int every) => Set(o => o.LatencySampleEvery = every);

    /// <summary>Validates and returns the options.</summary>
    /// <exception cref="ConfigurationValidationException">Lists every problem.</exception>
    public FlowSightOptions Build() => _options.EnsureValid();

    private FlowSightOptionsBuilder Set(Action<FlowSightOptions> change)
    {
        change(_options);
        return this;
    }
}
