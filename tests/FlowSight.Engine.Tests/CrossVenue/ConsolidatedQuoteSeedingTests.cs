using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Tests.Instruments;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Engine.Tests.CrossVenue;

/// <summary>
/// Books that synced before the consolidated book attached (a host loads the venues' specs only after connecting)
/// join the consolidated quote through <see cref="ConsolidatedQuoteBook.SeedFromBooks"/>, without waiting for a diff.
/// </summary>
public sealed class ConsolidatedQuoteSeedingTests
{
    [Fact]
    public void A_quiet_venue_whose_book_synced_before_attach_is_seeded_from_its_book()
    {
        var bus = new EventBus(rethrowFailures: true);
        var books = new OrderBookManager();
        books.Attach(bus);
        var gate = CrossVenueFixture.Gate;
        PublishSnapshot(bus, gate, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.3", "100"));

        var registry = new InstrumentRegistry();
        registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        var consolidated = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = bus, Books = books, Clock = new FakeTimeProvider() });
        consolidated.Attach();
        var collector = new ConsolidatedQuoteCollector();
        bus.Subscribe("collector", collector);
        Assert.False(consolidated.TryGetQuote(CrossVenueFixture.BtcUsdtPerp, out _));

        Assert.Equal(1, consolidated.SeedFromBooks());

        var quote = Assert.Single(collector.Quotes);
        Assert.Equal((gate, Price.Parse("29000.00"), gate, Price.Parse("29000.30")), (quote.BidInstrument, quote.BidPrice, quote.AskInstrument, quote.AskPrice));
        Assert.Equal(Quantity.Parse("0.5000"), quote.BidSize); // 5000 contracts of 0.0001 BTC
        Assert.Equal(0, consolidated.SeedFromBooks()); // nothing new: nothing published
    }

    [Fact]
    public void A_crossed_book_is_not_seeded()
    {
        var bus = new EventBus(rethrowFailures: true);
        var books = new OrderBookManager();
        books.Attach(bus);
        PublishSnapshot(bus, CrossVenueFixture.Okx, (OrderSide.Buy, "29001.0", "5"), (OrderSide.Sell, "29000.0", "5"));
        var registry = new InstrumentRegistry();
        registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        var consolidated = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = bus, Books = books, Clock = new FakeTimeProvider() });
        consolidated.Attach();

        Assert.Equal(0, consolidated.SeedFromBooks());
        Assert.False(consolidated.TryGetQuote(CrossVenueFixture.BtcUsdtPerp, out _));
    }

    private static void PublishSnapshot(EventBus bus, InstrumentId id, params (OrderSide Side, string Price, string Size)[] levels)
    {
        var deltas = new List<BookDelta> { new(id, BookAction.Clear, OrderSide.Buy, default, default, 1, BookDeltaFlags.Snapshot, 0, 0) };
        deltas.AddRange(levels.Select(l => new BookDelta(id, BookAction.Set, l.Side, Price.Parse(l.Price), Quantity.Parse(l.Size), 1, BookDeltaFlags.Snapshot, 0, 0)));
        deltas[^1] = deltas[^1] with { Flags = deltas[^1].Flags | BookDeltaFlags.Last };
        foreach (var delta in deltas)
        {
            bus.Publish(in delta);
        }
    }
}
