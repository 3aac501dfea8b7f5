using System.Diagnostics;
using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Trading;

namespace FlowSight.Benchmarks.Trading;

/// <summary>
/// The last hop of the tick-to-order path without the network: the Binance client's own encoder and signer turn the
/// approved order into the signed request bytes, and the time they are ready is recorded.
/// </summary>
internal sealed class SigningExecutionClient(Instrument instrument) : IExecutionClient
{
    private readonly byte[] _buffer = new byte[BinanceOrderEncoder.MaxRequestLength];
    private readonly byte[] _symbol = Encoding.ASCII.GetBytes(instrument.VenueSymbol);
    private readonly BinanceRequestSigner _signer = new("bench-key", "bench-secret-bench-secret-bench-secret-bench-secret-0123456789ab");
    private long _timestampMs = 1_764_000_000_000;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the execution engine called <see cref="SubmitAsync"/> last.</summary>
    public long LastEntered { get; private set; }

    /// <summary>Bytes this thread had allocated when <see cref="SubmitAsync"/> was called last (runner's stage breakdown).</summary>
    public long AllocatedAtEntry { get; private set; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the last request's bytes were ready.</summary>
    public long LastReady { get; private set; }

    /// <summary>Orders signed.</summary>
    public long Signed { get; private set; }

    /// <summary>Bytes of the last request.</summary>
    public int LastLength { get; private set; }

    public Venue Venue => Venue.Binance;

    public string Account => "bench";

    public IReadOnlyList<Instrument> Instruments { get; } = [instrument];

    public bool IsConnected => true;

    public Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
    {
        AllocatedAtEntry = GC.GetAllocatedBytesForCurrentThread();
        LastEntered = Stopwatch.GetTimestamp();
        LastLength = BinanceOrderEncoder.WriteSignedNewOrder(_buffer, _signer, BinanceMarket.UsdM, _symbol, command, 5_000, _timestampMs++);
        LastReady = Stopwatch.GetTimestamp();
        Signed++;
        return Task.CompletedTask;
    }

    public Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult<OrderStatusReport?>(null);

    public Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ExecutionStateSnapshot { OpenOrders = [], Fills = [], Balances = [], Positions = [] });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
