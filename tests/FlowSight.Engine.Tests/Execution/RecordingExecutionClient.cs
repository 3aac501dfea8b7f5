using System.Collections.Concurrent;
using FlowSight.Core;

namespace FlowSight.Engine.Tests.Execution;

/// <summary>An in-test venue client for <paramref name="instruments"/>: records every command, answers queries from what the test sets.</summary>
internal sealed class RecordingExecutionClient(Venue venue, string account, params InstrumentId[] instruments) : IExecutionClient
{
    public RecordingExecutionClient(Venue venue, params InstrumentId[] instruments)
        : this(venue, "test", instruments)
    {
    }

    public ConcurrentQueue<SubmitOrder> Submits { get; } = new();

    public ConcurrentQueue<CancelOrder> Cancels { get; } = new();

    public ConcurrentQueue<ReplaceOrder> Replaces { get; } = new();

    public ConcurrentQueue<CancelAllOrders> CancelAlls { get; } = new();

    public ConcurrentQueue<ClientOrderId> Queries { get; } = new();

    /// <summary>What <see cref="QueryOrderAsync"/> answers per id (absent: the venue does not know it).</summary>
    public ConcurrentDictionary<ClientOrderId, OrderStatusReport> KnownOrders { get; } = new();

    /// <summary>What <see cref="QueryStateAsync"/> answers.</summary>
    public ExecutionStateSnapshot State { get; set; } = new() { OpenOrders = [], Fills = [], Balances = [], Positions = [] };

    public long LastFillsSince { get; private set; }

    public IExecutionReportSink? Sink { get; private set; }

    public Func<SubmitOrder, Task>? OnSubmit { get; set; }

    public Venue Venue { get; } = venue;

    public string Account { get; } = account;

    public IReadOnlyList<Instrument> Instruments { get; } = [.. instruments.Select(Spec)];

    public bool IsConnected => Sink is not null;

    public Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default)
    {
        Sink = sink;
        return Task.CompletedTask;
    }

    public Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
    {
        Submits.Enqueue(command);
        return OnSubmit?.Invoke(command) ?? Task.CompletedTask;
    }

    public Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default)
    {
        Cancels.Enqueue(command);
        return Task.CompletedTask;
    }

    public Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default)
    {
        Replaces.Enqueue(command);
        return Task.CompletedTask;
    }

    public Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default)
    {
        CancelAlls.Enqueue(command);
        return Task.CompletedTask;
    }

    public Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        Queries.Enqueue(clientOrderId);
        return Task.FromResult(KnownOrders.TryGetValue(clientOrderId, out var report) ? report : (OrderStatusReport?)null);
    }

    public Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default)
    {
        LastFillsSince = fillsSince;
        return Task.FromResult(State);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A minimal spec: the engine routes by its id only.</summary>
    public static Instrument Spec(InstrumentId id) => new()
    {
        Id = id,
        VenueSymbol = id.Symbol,
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "BTC",
        QuoteAsset = "USDT",
        TickSize = Price.FromDecimal(0.1m, 1),
        StepSize = Quantity.FromDecimal(0.001m, 3),
        MinQuantity = Quantity.FromDecimal(0.001m, 3),
    };
}
