using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.OrderBook;
using FlowSight.Engine.Tests.Instruments;
using FlowSight.TestKit;
using Xunit;
using static FlowSight.Engine.Tests.CrossVenue.CrossVenueFixture;

namespace FlowSight.Engine.Tests.CrossVenue;

/// <summary>Venue events through the engine's ring buffer and bus become consolidated quotes, in order, without allocating.</summary>
public sealed class ConsolidatedQuoteEngineTests
{
    private static (EngineLoop Engine, ConsolidatedQuoteBook Book, ConsolidatedQuoteCollector Collector, SimulatedClock Clock) Start()
    {
        var clock = new SimulatedClock(UnixNanos.FromMilliseconds(1_795_000_000_000));
        var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, clock);
        var registry = new InstrumentRegistry();
        registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        var books = new OrderBookManager();
        books.Attach(engine.Bus);
        var book = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = engine.Bus, Books = books, Clock = engine.Clock });
        book.Attach();
        var collector = new ConsolidatedQuoteCollector();
        engine.Bus.Subscribe("collector", collector);
        return (engine, book, collector, clock);
    }

    [Fact]
    public void Quote_ticks_from_three_venues_become_consolidated_quotes_in_order()
    {
        var (engine, _, collector, clock) = Start();
        using var _ = engine;

        engine.Publish(Quote(Binance, "29000.01", "0.500", "29000.02", "1.000", eventTime: 1));
        engine.Publish(Quote(Okx, "29000.0", "30", "29000.1", "12", eventTime: 2));
        engine.Publish(Quote(Gate, "29000.0", "5000", "29000.2", "100", eventTime: 3));
        engine.Publish(Quote(Gate, "29000.0", "5000", "29000.2", "100", eventTime: 4));      // no change
        engine.Publish(Quote(Okx, "29000.5", "30", "29000.6", "12", eventTime: 5));          // crosses Binance's ask
        var gateBook = new BookDeltas { Instrument = Gate, IsSnapshot = true, LastUpdateId = 9 };
        gateBook.Add(new BookDelta(Gate, BookAction.Set, OrderSide.Buy, Price.Parse("29000.7"), Quantity.Parse("20"), 9, BookDeltaFlags.Snapshot, 6, 0));
        gateBook.Add(new BookDelta(Gate, BookAction.Set, OrderSide.Sell, Price.Parse("29000.8"), Quantity.Parse("20"), 9, BookDeltaFlags.Snapshot, 6, 0));
        gateBook.MarkLast();
        engine.Publish(gateBook);                                                            // Gate.io's book top now bids highest
        clock.Advance(TimeSpan.FromSeconds(1));
        engine.RunPending();

        Assert.Equal([1L, 2, 3, 5, 6], collector.Quotes.Select(q => q.EventTime));
        Assert.Equal([Binance, Binance, Binance, Okx, Gate], collector.Quotes.Select(q => q.BidInstrument));
        Assert.Equal([1, 2, 3, 3, 3], collector.Quotes.Select(q => (int)q.Venues));
        Assert.Equal([false, false, false, true, true], collector.Quotes.Select(q => q.IsCrossed));
        Assert.Equal(Price.Parse("-0.68"), collector.Last.Spread); // Binance ask 29000.02 − Gate.io bid 29000.70
        Assert.Equal(Quantity.Parse("0.0020"), collector.Last.BidSize);
        Assert.All(collector.Quotes, q => Assert.Equal(UnixNanos.Now(clock), q.Time)); // the engine clock when the engine handled them
    }

    [Fact]
    public void A_silent_venue_drops_out_on_the_engine_timer_with_no_other_update()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        using var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, clock);
        var registry = new InstrumentRegistry();
        registry.RegisterAll(RecordedSpecs.BtcUsdtPerpetuals);
        var book = new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = engine.Bus, Clock = engine.Clock, StaleAfter = TimeSpan.FromSeconds(5) });
        book.Attach();
        var collector = new ConsolidatedQuoteCollector();
        engine.Bus.Subscribe("collector", collector);
        using var timer = book.ScheduleStalenessChecks(engine, TimeSpan.FromSeconds(1));
        Assert.NotNull(timer);

        engine.Publish(Quote(Binance, "29000.01", "0.500", "29000.02", "1.000"));
        engine.Publish(Quote(Okx, "29000.0", "30", "29000.1", "12"));
        engine.RunPending();
        Assert.Equal(2, collector.Last.Venues);

        clock.Advance(TimeSpan.FromSeconds(6)); // the timer fires and posts the check to the engine
        engine.RunPending();

        Assert.Equal((0, 2, ConsolidatedQuoteFlags.None), (collector.Last.Venues, collector.Last.StaleVenues, collector.Last.Flags));
        using var backtest = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, new SimulatedClock());
        Assert.Null(book.ScheduleStalenessChecks(backtest)); // no timers on a simulated clock: the backtest calls CheckStaleness
    }

    [Fact]
    public void The_steady_state_allocates_nothing_through_the_engine()
    {
        var (engine, book, collector, _) = Start();
        using var _ = engine;
        var quotes = new QuoteTick[300];
        for (var i = 0; i < quotes.Length; i++)
        {
            // Each venue in turn improves or worsens the top, so most ticks publish a consolidated quote.
            var id = (i % 3) switch { 0 => Binance, 1 => Okx, _ => Gate };
            var bid = 2_900_000 + (i % 7);
            quotes[i] = id == Binance
                ? new QuoteTick(id, Price.FromRaw(bid, 2), Quantity.FromRaw(500, 3), Price.FromRaw(bid + 8, 2), Quantity.FromRaw(1000, 3), 0, i, 0)
                : new QuoteTick(id, Price.FromRaw(bid / 10, 1), Quantity.FromRaw(30 + i, 0), Price.FromRaw((bid / 10) + 1, 1), Quantity.FromRaw(12, 0), 0, i, 0);
        }

        var published = book.Published;
        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < quotes.Length; i++)
            {
                engine.Publish(in quotes[i]);
                if ((i & 63) == 63)
                {
                    engine.RunPending();
                }
            }

            engine.RunPending();
            collector.Quotes.Clear(); // the list keeps its capacity: clearing does not allocate
        });

        Assert.Equal(0, bytes);
        Assert.True(book.Published - published > 100, $"{book.Published - published} consolidated quotes published");
    }

    [Fact]
    public void The_steady_state_allocates_nothing_on_the_bus()
    {
        var f = new CrossVenueFixture();
        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var q = new QuoteTick(Okx, Price.FromRaw(290_000 + (i % 5), 1), Quantity.FromRaw(30, 0), Price.FromRaw(290_010, 1), Quantity.FromRaw(12, 0), 0, i, 0);
                f.Bus.Publish(in q);
                var b = new QuoteTick(Binance, Price.FromRaw(2_900_002, 2), Quantity.FromRaw(500, 3), Price.FromRaw(2_900_050, 2), Quantity.FromRaw(1000, 3), 0, i, 0);
                f.Bus.Publish(in b);
            }

            f.Collector.Quotes.Clear();
            f.Book.TryGetVenueSpread(Okx, Binance, out _);
            f.Book.TryGetQuote(BtcUsdtPerp, out _);
        });

        Assert.Equal(0, bytes);
        Assert.True(f.Book.Published > 1000);
    }
}
