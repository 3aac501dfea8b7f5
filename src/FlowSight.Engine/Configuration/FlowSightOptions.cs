using FlowSight.Engine.Messaging;

namespace FlowSight.Engine.Configuration;

/// <summary>
/// FlowSight's core settings (seed 000 section 7) plus the engine's own. Bind it from configuration
/// (<see cref="FlowSightConfiguration.Load"/>) or build it in code (<see cref="FlowSightOptionsBuilder"/>); either way
/// <see cref="Validate"/> checks it and lists every problem.
/// </summary>
public sealed class FlowSightOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FlowSight";

    /// <summary>The instrument to watch and trade first, e.g. <c>BTCUSDT</c> or <c>BTCUSDT-PERP.BINANCE</c>.</summary>
    public string Symbol { get; set; } = "BTCUSDT";

    /// <summary>Slots in the engine's inbound ring buffer; a power of two between 1,024 and 16,777,216.</summary>
    public int EventBufferSize { get; set; } = 65_536;

    /// <summary>Consecutive failed reconnects after which a venue connection gives up (0 = never); the circuit breaker pauses it in between.</summary>
    public int MaxReconnectAttempts { get; set; } = 10;

    /// <summary>Rows an order-book view shows (seed 000: 3,000).</summary>
    public int MaxVisibleRows { get; set; } = 3_000;

    /// <summary>The price step an order-book view aggregates levels to, e.g. 0.01.</summary>
    public decimal PricePrecision { get; set; } = 0.01m;

    /// <summary>How the engine thread waits for events.</summary>
    public WaitStrategyKind WaitStrategy { get; set; } = WaitStrategyKind.Yielding;

    /// <summary>What a producer does when the ring buffer is full.</summary>
    public FullBufferPolicy FullBufferPolicy { get; set; } = FullBufferPolicy.Wait;

    /// <summary>What the engine does when a handler throws.</summary>
    public ConsumerErrorPolicy ErrorPolicy { get; set; } = ConsumerErrorPolicy.Continue;

    /// <summary>The CPU to pin the engine thread to (Linux), or null not to pin.</summary>
    public int? CpuAffinity { get; set; }

    /// <summary>How often the engine publishes its statistics.</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time one handler call in this many (a power of two); 1 times every call.</summary>
    public int LatencySampleEvery { get; set; } = 1;

    /// <summary>Checks every setting and returns each problem as a sentence (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            errors.Add("Symbol is required (e.g. BTCUSDT).");
        }
        else if (Symbol.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':')))
        {
            errors.Add($"Symbol '{Symbol}' has characters other than letters, digits and - _ . / :.");
        }

        if (EventBufferSize is < 1_024 or > 16_777_216 || !System.Numerics.BitOperations.IsPow2(EventBufferSize))
        {
            var lower = EventBufferSize > 0 ? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)EventBufferSize) / 2 : 0;
            var hint = EventBufferSize > 1_024 && EventBufferSize < 16_777_216
                ? $" (nearest: {lower} or {lower * 2})"
                : string.Empty;
            errors.Add($"EventBufferSize must be a power of two between 1024 and 16777216, was {EventBufferSize}{hint}.");
        }

        if (MaxReconnectAttempts is < 0 or > 10_000)
        {
            errors.Add($"MaxReconnectAttempts must be between 0 and 10000, was {MaxReconnectAttempts}.");
        }

        if (MaxVisibleRows is < 1 or > 100_000)
        {
            errors.Add($"MaxVisibleRows must be between 1 and 100000, was {MaxVisibleRows}.");
        }

        if (PricePrecision <= 0m)
        {
            errors.Add($"PricePrecision (the price aggregation step) must be positive, was {PricePrecision}.");
        }

        if (CpuAffinity is { } cpu && (cpu < 0 || cpu >= Environment.ProcessorCount))
        {
            errors.Add($"CpuAffinity must name a CPU from 0 to {Environment.ProcessorCount - 1}, was {cpu}.");
        }

        if (StatisticsInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add($"StatisticsInterval must be at least 10 ms, was {StatisticsInterval}.");
        }

        if (LatencySampleEvery < 1 || !System.Numerics.BitOperations.IsPow2(LatencySampleEvery))
        {
            errors.Add($"LatencySampleEvery must be a power of two (1, 2, 4, ...), was {LatencySampleEvery}.");
        }

        if (!Enum.IsDefined(WaitStrategy) || !Enum.IsDefined(FullBufferPolicy) || !Enum.IsDefined(ErrorPolicy))
        {
            errors.Add("WaitStrategy, FullBufferPolicy or ErrorPolicy has an unknown value.");
        }

        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems.</summary>
    /// <exception cref="ConfigurationValidationException">Lists every problem.</exception>
    public FlowSightOptions EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new ConfigurationValidationException(errors);
    }
}
