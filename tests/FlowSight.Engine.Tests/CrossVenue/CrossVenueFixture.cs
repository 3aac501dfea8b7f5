using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Tests.Instruments;
using Microsoft.Extensions.Time.Testing;

namespace FlowSight.Engine.Tests.CrossVenue;

/// <summary>A bus with order books and a consolidated quote book over the recorded BTC/USDT perpetual specs.</summary>
internal sealed class CrossVenueFixture
{
    public static readonly InstrumentId Binance = RecordedSpecs.BinanceBtcUsdtPerp.Id;
    public static readonly InstrumentId Okx = RecordedSpecs.OkxBtcUsdtSwap.Id;
    public static readonly InstrumentId Gate = RecordedSpecs.GateBtcUsdtPerp.Id;
    public static readonly CommonInstrumentKey BtcUsdtPerp = CommonInstrumentKey.Parse("BTC/USDT-PERP");

    public CrossVenueFixture(TimeSpan? staleAfter = null, params Instrument[] extra)
    {
        Registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        Registry.RegisterAll(extra);
        Books.Attach(Bus);
        Book = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions
        {
            Registry = Registry,
            Bus = Bus,
            Books = Books,
            Clock = Clock,
            StaleAfter = staleAfter ?? TimeSpan.FromSeconds(5),
        });
        Book.Attach();
        Bus.Subscribe("collector", Collector);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public EventBus Bus { get; } = new(rethrowFailures: true);

    public InstrumentRegistry Registry { get; } = new();

    public OrderBookManager Books { get; } = new();

    public ConsolidatedQuoteBook Book { get; }

    public ConsolidatedQuoteCollector Collector { get; } = new();

    public static QuoteTick Quote(InstrumentId id, string bid, string bidSize, string ask, string askSize, long eventTime = 0) =>
        new(id, Price.Parse(bid), Quantity.Parse(bidSize), Price.Parse(ask), Quantity.Parse(askSize), 0, eventTime, 0);

    public void Publish(InstrumentId id, string bid, string bidSize, string ask, string askSize)
    {
        var quote = Quote(id, bid, bidSize, ask, askSize);
        Bus.Publish(in quote);
    }

    /// <summary>Publishes a depth message on the bus delta by delta, as the engine does (snapshots start with a Clear).</summary>
    public void PublishBook(InstrumentId id, bool snapshot, long sequence, params (OrderSide Side, string Price, string Size)[] levels)
    {
        var flags = snapshot ? BookDeltaFlags.Snapshot : BookDeltaFlags.None;
        var deltas = new List<BookDelta>();
        if (snapshot)
        {
            deltas.Add(new BookDelta(id, BookAction.Clear, OrderSide.Buy, default, default, sequence, flags, 0, 0));
        }

        foreach (var (side, price, size) in levels)
        {
            var quantity = Quantity.Parse(size);
            deltas.Add(new BookDelta(id, quantity.Raw == 0 ? BookAction.Delete : BookAction.Set, side, Price.Parse(price), quantity, sequence, flags, 0, 0));
        }

        deltas[^1] = deltas[^1] with { Flags = deltas[^1].Flags | BookDeltaFlags.Last };
        foreach (var delta in deltas)
        {
            Bus.Publish(in delta);
        }
    }
}
