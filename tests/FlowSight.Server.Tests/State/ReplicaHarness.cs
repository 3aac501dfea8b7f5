using FlowSight.Core;
using FlowSight.Engine.Candles;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.Server.State;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Server.Tests.State;

/// <summary>
/// A real engine driven on the test thread with <see cref="EngineLoop.RunPending"/>, its books, a candle store, a
/// trading node (no venue client: every submit the risk engine passes is rejected for want of one) and the replica
/// on a fake clock, so flushes happen exactly when the test says.
/// </summary>
internal sealed class ReplicaHarness : IAsyncDisposable
{
    public static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    public static readonly InstrumentId Eth = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance);

    private readonly BookDeltas _deltas = new(512);
    private long _sequence;
    private long _tradeId;

    public ReplicaHarness(StateReplicaOptions? options = null, RiskLimits? risk = null, bool trading = true)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        Engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 8192 }, Clock);
        Books = new OrderBookManager();
        Books.Attach(Engine.Bus);
        Instruments = [Spec(Btc, "BTCUSDT", "0.10", "0.001"), Spec(Eth, "ETHUSDT", "0.01", "0.001")];
        foreach (var instrument in Instruments)
        {
            Books.Register(instrument.Id, instrument.PricePrecision, instrument.SizePrecision);
        }

        Candles = new MemoryKlineStore();
        Node = trading ? new TradingNode(Engine, Instruments, new TradingNodeOptions { Risk = risk ?? new RiskLimits() }) : null;
        Replica = StateReplica.Attach(Engine, Instruments, Books, Candles, Node, options, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public EngineLoop Engine { get; }

    public OrderBookManager Books { get; }

    public MemoryKlineStore Candles { get; }

    public TradingNode? Node { get; }

    public StateReplica Replica { get; }

    public IReadOnlyList<Instrument> Instruments { get; }

    public long Now => UnixNanos.Now(Clock);

    /// <summary>Publishes a full book snapshot: <paramref name="levels"/> per side around <paramref name="mid"/>, one tick apart, every size <paramref name="size"/>.</summary>
    public void PublishBook(InstrumentId instrument, decimal mid, int levels, decimal size, decimal tick = 0.10m)
    {
        _deltas.Clear();
        _deltas.Instrument = instrument;
        _deltas.IsSnapshot = true;
        var sequence = ++_sequence;
        _deltas.LastUpdateId = sequence;
        _deltas.EventTime = Now;
        for (var i = 0; i < levels; i++)
        {
            _deltas.Add(new BookDelta(instrument, BookAction.Set, OrderSide.Buy, Price.FromDecimal(mid - (tick * (i + 1)), 2), Quantity.FromDecimal(size, 3), sequence, BookDeltaFlags.Snapshot, Now, Now));
            _deltas.Add(new BookDelta(instrument, BookAction.Set, OrderSide.Sell, Price.FromDecimal(mid + (tick * (i + 1)), 2), Quantity.FromDecimal(size, 3), sequence, BookDeltaFlags.Snapshot, Now, Now));
        }

        _deltas.MarkLast();
        Engine.Publish(_deltas);
    }

    /// <summary>Publishes one level change (a diff message of one delta).</summary>
    public void PublishLevel(InstrumentId instrument, OrderSide side, decimal price, decimal size)
    {
        var sequence = ++_sequence;
        _deltas.Clear();
        _deltas.Instrument = instrument;
        _deltas.IsSnapshot = false;
        _deltas.LastUpdateId = sequence;
        _deltas.Add(new BookDelta(instrument, size == 0 ? BookAction.Delete : BookAction.Set, side, Price.FromDecimal(price, 2), Quantity.FromDecimal(size, 3), sequence, BookDeltaFlags.None, Now, Now));
        _deltas.MarkLast();
        Engine.Publish(_deltas);
    }

    public TradeTick Trade(InstrumentId instrument, decimal price, decimal size, AggressorSide aggressor = AggressorSide.Buyer) =>
        new(instrument, Price.FromDecimal(price, 2), Quantity.FromDecimal(size, 3), aggressor, ++_tradeId, Now, Now);

    /// <summary>Runs every pending engine message on this thread (the replica's handlers and posted flushes included).</summary>
    public int Run() => Engine.RunPending();

    /// <summary>Runs pending messages, then flushes (as the engine thread would).</summary>
    public void RunAndFlush()
    {
        Run();
        Replica.Flush();
    }

    /// <summary>Waits (without sleeping) until <paramref name="condition"/> holds; fails after 10 s.</summary>
    public async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 10 s.");
            }

            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Replica.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        Engine.RunPending();
        Engine.Dispose();
    }

    private static Instrument Spec(InstrumentId id, string symbol, string tick, string step) => new()
    {
        Id = id,
        VenueSymbol = symbol,
        Kind = InstrumentKind.Perpetual,
        BaseAsset = symbol[..3],
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse(tick),
        StepSize = Quantity.Parse(step),
        MinQuantity = Quantity.Parse(step),
        MinNotional = Money.Parse("5"),
        MaxLeverage = 20m,
    };
}
