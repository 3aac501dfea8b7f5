namespace FlowSight.Core;

/// <summary>
/// One venue account's trading adapter: signed requests out, reports in. Every outcome reaches the
/// <see cref="IExecutionReportSink"/> given to <see cref="ConnectAsync"/>: acknowledgements as
/// <see cref="OrderStatusReport"/>s, venue refusals and unknown outcomes as <see cref="VenueCommandFailure"/>s. The
/// command methods never throw for a venue refusal or a network failure; their task completes when the request has
/// been answered or given up on, so callers may await it or not.
/// </summary>
public interface IExecutionClient : IAsyncDisposable
{
    /// <summary>The venue.</summary>
    Venue Venue { get; }

    /// <summary>The account's name (config key; never the API key itself).</summary>
    string Account { get; }

    /// <summary>The instruments this client can trade.</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>True while the private connection (user stream / private WebSocket) is up.</summary>
    bool IsConnected { get; }

    /// <summary>Opens the private connection and starts delivering reports to <paramref name="sink"/>; keeps it alive and reconnects until disposed.</summary>
    Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default);

    /// <summary>Places an order.</summary>
    Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default);

    /// <summary>Cancels an order.</summary>
    Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default);

    /// <summary>Amends an order in place where the venue can, else cancels and resubmits.</summary>
    Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default);

    /// <summary>Cancels all working orders of an instrument (or of every instrument).</summary>
    Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default);

    /// <summary>Asks the venue for one order by our id; null when the venue does not know it.</summary>
    Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Open orders, fills since <paramref name="fillsSince"/> (Unix ns), balances and positions: the input of reconciliation.</summary>
    Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default);
}
