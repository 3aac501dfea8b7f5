using FlowSight.Core;
using FlowSight.Engine.CrossVenue;
using FlowSight.Engine.Instruments;
using FlowSight.Engine.Tests.Instruments;
using Xunit;
using static FlowSight.Engine.Tests.CrossVenue.CrossVenueFixture;

namespace FlowSight.Engine.Tests.CrossVenue;

public sealed class ConsolidatedQuoteBookTests
{
    /// <summary>Binance in BTC (step 0.001), OKX in contracts of 0.01 BTC, Gate.io in contracts of 0.0001 BTC.</summary>
    private static CrossVenueFixture ThreeVenues()
    {
        var f = new CrossVenueFixture();
        f.Publish(Binance, "29000.01", "0.500", "29000.02", "1.000");
        f.Publish(Okx, "29000.0", "30", "29000.1", "12");
        f.Publish(Gate, "29000.0", "5000", "29000.2", "100");
        return f;
    }

    [Fact]
    public void Three_venues_give_the_best_bid_and_ask_with_their_venues_and_normalised_sizes()
    {
        var f = ThreeVenues();

        var q = f.Collector.Last;
        Assert.Equal(BtcUsdtPerp, q.Key);
        Assert.Equal((Price.Parse("29000.01"), Quantity.Parse("0.5000"), Venue.Binance), (q.BidPrice, q.BidSize, q.BidVenue));
        Assert.Equal((Price.Parse("29000.02"), Quantity.Parse("1.0000"), Venue.Binance), (q.AskPrice, q.AskSize, q.AskVenue));
        Assert.Equal(Price.Parse("0.01"), q.Spread);
        Assert.Equal(ConsolidatedQuoteFlags.HasBid | ConsolidatedQuoteFlags.HasAsk, q.Flags);
        Assert.Equal((3, 0), (q.Venues, q.StaleVenues));
        Assert.Equal(2, q.BidPrice.Precision); // the finest venue's precision
        Assert.Equal(4, q.BidSize.Precision);  // enough for Gate.io's 0.0001 BTC contracts

        // Binance steps back: OKX and Gate.io tie at 29000.0, and the larger size (Gate.io's 5,000 contracts = 0.5 BTC) wins.
        f.Publish(Binance, "28999.99", "0.500", "29000.02", "1.000");
        Assert.Equal((Price.Parse("29000.00"), Quantity.Parse("0.5000"), Gate), (f.Collector.Last.BidPrice, f.Collector.Last.BidSize, f.Collector.Last.BidInstrument));

        var venues = f.Book.GetVenueQuotes(BtcUsdtPerp);
        Assert.Equal([Okx, Binance, Gate], venues.Select(v => v.Instrument));
        Assert.All(venues, v => Assert.Equal(VenueQuoteStatus.Live, v.Status));
        Assert.Equal(Quantity.Parse("0.3000"), venues[0].BidSize); // 30 OKX contracts × 0.01 BTC
    }

    [Fact]
    public void A_crossed_market_between_venues_is_flagged_with_a_negative_spread()
    {
        var f = ThreeVenues();

        f.Publish(Okx, "29000.5", "30", "29000.6", "12");

        var q = f.Collector.Last;
        Assert.True(q.IsCrossed);
        Assert.Equal((Venue.Okx, Venue.Binance), (q.BidVenue, q.AskVenue));
        Assert.Equal(Price.Parse("-0.48"), q.Spread);

        Assert.True(f.Book.TryGetVenueSpread(Okx, Binance, out var sellOkxBuyBinance));
        Assert.Equal(Price.Parse("0.48"), sellOkxBuyBinance.Spread);
        Assert.Equal(Quantity.Parse("0.3000"), sellOkxBuyBinance.Size); // min(0.3 BTC bid on OKX, 1 BTC ask on Binance)
        Assert.True(f.Book.TryGetVenueSpread(Binance, Okx, out var reverse));
        Assert.Equal(Price.Parse("-0.59"), reverse.Spread); // 29000.01 − 29000.60

        f.Publish(Okx, "29000.0", "30", "29000.1", "12");
        Assert.False(f.Collector.Last.IsCrossed);
    }

    [Fact]
    public void A_venue_quoting_its_own_bid_at_or_above_its_ask_is_left_out_not_flagged_as_arbitrage()
    {
        var f = ThreeVenues();

        f.Publish(Okx, "29000.5", "30", "29000.4", "12");

        Assert.False(f.Collector.Last.IsCrossed);
        Assert.Equal((2, 1, Binance), (f.Collector.Last.Venues, f.Collector.Last.StaleVenues, f.Collector.Last.BidInstrument));
        Assert.Equal(VenueQuoteStatus.Marked, f.Book.GetVenueQuotes(BtcUsdtPerp).Single(v => v.Instrument == Okx).Status);

        f.Publish(Okx, "29000.0", "30", "29000.1", "12");
        Assert.Equal((3, 0), (f.Collector.Last.Venues, f.Collector.Last.StaleVenues));
    }

    [Fact]
    public void A_locked_market_is_flagged()
    {
        var f = ThreeVenues();

        f.Publish(Gate, "28999.9", "5000", "29000.0", "100");      // Gate.io asks at OKX's bid
        f.Publish(Binance, "28999.99", "0.500", "29000.02", "1.000");

        Assert.Equal((Okx, Gate), (f.Collector.Last.BidInstrument, f.Collector.Last.AskInstrument));

        Assert.Equal(ConsolidatedQuoteFlags.HasBid | ConsolidatedQuoteFlags.HasAsk | ConsolidatedQuoteFlags.Locked, f.Collector.Last.Flags);
        Assert.Equal(0, f.Collector.Last.Spread.Raw);
    }

    [Fact]
    public void Events_are_published_only_when_the_consolidated_top_changes()
    {
        var f = ThreeVenues();
        Assert.Equal(3, f.Collector.Quotes.Count); // one per venue joining: the venue count is part of the event
        Assert.Equal([1, 2, 3], f.Collector.Quotes.Select(q => (int)q.Venues));

        f.Publish(Binance, "29000.01", "0.500", "29000.02", "1.000"); // the same again
        f.Publish(Gate, "29000.0", "5000", "29000.2", "200");         // behind the top
        f.Publish(Okx, "28999.0", "1", "29001.0", "1");               // behind the top
        Assert.Equal(3, f.Collector.Quotes.Count);

        f.Publish(Binance, "29000.01", "0.500", "29000.02", "2.000"); // size at the best ask
        Assert.Equal(4, f.Collector.Quotes.Count);
        Assert.Equal(Quantity.Parse("2.0000"), f.Collector.Last.AskSize);
        Assert.Equal(4, f.Book.Published);
        Assert.True(f.Book.TryGetQuote(BtcUsdtPerp, out var latest));
        Assert.Equal(f.Collector.Last, latest);
    }

    [Fact]
    public void A_venue_without_updates_for_the_stale_time_is_left_out_and_counted()
    {
        var f = ThreeVenues();

        f.Clock.Advance(TimeSpan.FromSeconds(6));
        f.Publish(Okx, "29000.0", "30", "29000.1", "12");

        var q = f.Collector.Last;
        Assert.Equal((1, 2), (q.Venues, q.StaleVenues));
        Assert.Equal((Venue.Okx, Venue.Okx), (q.BidVenue, q.AskVenue));
        Assert.Equal(Price.Parse("29000.10"), q.AskPrice);
        Assert.Equal(VenueQuoteStatus.TimedOut, f.Book.GetVenueQuotes(BtcUsdtPerp).Single(v => v.Instrument == Binance).Status);
        Assert.False(f.Book.TryGetVenueSpread(Binance, Okx, out _));

        Assert.Equal(0, f.Book.CheckStaleness()); // nothing more went stale
        f.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, f.Book.CheckStaleness()); // now OKX too, with no update of the key to notice it
        Assert.Equal((0, 3, ConsolidatedQuoteFlags.None), (f.Collector.Last.Venues, f.Collector.Last.StaleVenues, f.Collector.Last.Flags));

        f.Publish(Binance, "29000.01", "0.500", "29000.02", "1.000");
        Assert.Equal((1, 2), (f.Collector.Last.Venues, f.Collector.Last.StaleVenues));
    }

    [Fact]
    public void A_venue_marked_stale_is_left_out_until_its_next_quote()
    {
        var f = ThreeVenues();

        Assert.True(f.Book.MarkStale(Binance));

        var q = f.Collector.Last;
        Assert.Equal((2, 1), (q.Venues, q.StaleVenues));
        Assert.Equal(Gate, q.BidInstrument); // 29000.0 tie, larger size
        Assert.Equal((Okx, Price.Parse("29000.10")), (q.AskInstrument, q.AskPrice));
        Assert.Equal(VenueQuoteStatus.Marked, f.Book.GetVenueQuotes(BtcUsdtPerp).Single(v => v.Instrument == Binance).Status);

        f.Publish(Binance, "29000.01", "0.500", "29000.02", "1.000");
        Assert.Equal((3, 0, Binance), (f.Collector.Last.Venues, f.Collector.Last.StaleVenues, f.Collector.Last.BidInstrument));
        Assert.False(f.Book.MarkStale(InstrumentId.Parse("SOLUSDT-PERP.BINANCE")));
    }

    [Fact]
    public void Prices_at_different_precisions_compare_exactly()
    {
        var f = new CrossVenueFixture();
        f.Publish(Okx, "29000.1", "1", "29000.2", "1");         // 1 decimal
        f.Publish(Binance, "29000.09", "0.001", "29000.11", "0.001"); // 2 decimals: bid below OKX's, ask between
        Assert.Equal((Okx, Binance), (f.Collector.Last.BidInstrument, f.Collector.Last.AskInstrument));
        Assert.Equal(Price.Parse("0.01"), f.Collector.Last.Spread);

        f.Publish(Binance, "29000.10", "0.001", "29000.11", "0.001"); // equal to OKX's 29000.1 at another precision
        Assert.Equal(Okx, f.Collector.Last.BidInstrument);          // equal price, OKX's 0.01 BTC beats 0.001
        Assert.Equal(ConsolidatedQuoteFlags.HasBid | ConsolidatedQuoteFlags.HasAsk, f.Collector.Last.Flags);
    }

    [Fact]
    public void Binance_1000SHIB_and_OKX_SHIB_contracts_consolidate_per_SHIB()
    {
        var okxShib = new Instrument
        {
            Id = InstrumentId.Of("SHIB-USDT-SWAP", Venue.Okx),
            VenueSymbol = "SHIB-USDT-SWAP",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "SHIB",
            QuoteAsset = "USDT",
            SettleAsset = "USDT",
            TickSize = Price.Parse("0.00000001"),  // tickSz in the recorded instruments
            StepSize = Quantity.Parse("1"),
            MinQuantity = Quantity.Parse("1"),
            ContractMultiplier = 1_000_000m,        // ctVal: 1,000,000 SHIB
        };
        var f = new CrossVenueFixture(null, RecordedSpecs.Binance1000ShibUsdtPerp, okxShib);
        var binance = RecordedSpecs.Binance1000ShibUsdtPerp.Id;

        f.Publish(binance, "0.007123", "5", "0.007124", "7");
        f.Publish(okxShib.Id, "0.00000712", "2", "0.00000713", "3");

        var q = f.Collector.Last;
        Assert.Equal(CommonInstrumentKey.Parse("SHIB/USDT-PERP"), q.Key);
        Assert.Equal((Price.Parse("0.000007123"), Quantity.Parse("5000"), binance), (q.BidPrice, q.BidSize, q.BidInstrument));
        Assert.Equal((Price.Parse("0.000007124"), Quantity.Parse("7000"), binance), (q.AskPrice, q.AskSize, q.AskInstrument));

        f.Publish(okxShib.Id, "0.00000713", "2", "0.00000714", "3");
        Assert.True(f.Collector.Last.IsCrossed);
        Assert.Equal(Price.Parse("-0.000000006"), f.Collector.Last.Spread);
        Assert.Equal(Quantity.Parse("2000000"), f.Collector.Last.BidSize);
    }

    [Fact]
    public void Book_tops_feed_the_consolidated_quote_after_each_complete_message()
    {
        var f = new CrossVenueFixture();
        f.Publish(Binance, "29000.01", "0.500", "29000.40", "1.000");
        f.PublishBook(Gate, snapshot: true, 1, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.3", "100"));
        Assert.Equal((Binance, Gate), (f.Collector.Last.BidInstrument, f.Collector.Last.AskInstrument));
        Assert.Equal(Quantity.Parse("0.0100"), f.Collector.Last.AskSize);

        var count = f.Collector.Quotes.Count;
        f.PublishBook(Gate, snapshot: false, 2, (OrderSide.Buy, "28990.0", "7")); // deep in the book
        Assert.Equal(count, f.Collector.Quotes.Count);

        f.PublishBook(Gate, snapshot: false, 3, (OrderSide.Buy, "29000.2", "10"));
        Assert.Equal((Gate, Price.Parse("29000.20"), Quantity.Parse("0.0010")), (f.Collector.Last.BidInstrument, f.Collector.Last.BidPrice, f.Collector.Last.BidSize));
    }

    [Fact]
    public void A_book_out_of_sync_stays_out_until_its_next_snapshot()
    {
        var f = new CrossVenueFixture();
        f.Publish(Binance, "29000.01", "0.500", "29000.40", "1.000");
        f.PublishBook(Gate, snapshot: true, 1, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.3", "100"));

        f.Book.MarkStale(Gate); // e.g. the venue adapter saw a sequence gap
        Assert.Equal((Binance, 1), (f.Collector.Last.AskInstrument, (int)f.Collector.Last.StaleVenues));

        f.PublishBook(Gate, snapshot: false, 2, (OrderSide.Sell, "29000.1", "100")); // a diff onto the broken book
        Assert.Equal(Binance, f.Collector.Last.AskInstrument);

        f.PublishBook(Gate, snapshot: true, 10, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.2", "100"));
        Assert.Equal((Gate, Price.Parse("29000.20"), 0), (f.Collector.Last.AskInstrument, f.Collector.Last.AskPrice, (int)f.Collector.Last.StaleVenues));

        f.PublishBook(Gate, snapshot: false, 11, (OrderSide.Buy, "29000.5", "1")); // crosses Gate.io's own book
        Assert.Equal((1, Binance), ((int)f.Collector.Last.StaleVenues, f.Collector.Last.AskInstrument));
        Assert.Equal(VenueQuoteStatus.Marked, f.Book.GetVenueQuotes(BtcUsdtPerp).Single(v => v.Instrument == Gate).Status);
    }

    [Fact]
    public void A_quote_tick_brings_a_marked_venue_back_but_not_its_broken_book()
    {
        var f = new CrossVenueFixture();
        f.Publish(Binance, "29000.01", "0.500", "29000.40", "1.000");
        f.PublishBook(Gate, snapshot: true, 1, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.3", "100"));
        f.Book.MarkStale(Gate);

        f.Publish(Gate, "29000.0", "5000", "29000.2", "300");                        // Gate.io's book_ticker still flows
        Assert.Equal((Gate, Price.Parse("29000.20"), 0), (f.Collector.Last.AskInstrument, f.Collector.Last.AskPrice, (int)f.Collector.Last.StaleVenues));

        f.PublishBook(Gate, snapshot: false, 2, (OrderSide.Sell, "29000.1", "100")); // still a diff onto the broken book
        Assert.Equal(Price.Parse("29000.20"), f.Collector.Last.AskPrice);

        f.PublishBook(Gate, snapshot: true, 9, (OrderSide.Buy, "29000.0", "5000"), (OrderSide.Sell, "29000.1", "100"));
        f.PublishBook(Gate, snapshot: false, 10, (OrderSide.Sell, "29000.1", "200"));
        Assert.Equal((Price.Parse("29000.10"), Quantity.Parse("0.0200")), (f.Collector.Last.AskPrice, f.Collector.Last.AskSize));
    }

    [Fact]
    public void Instruments_outside_the_registry_are_ignored_and_inexact_updates_are_counted()
    {
        var f = ThreeVenues();
        var count = f.Collector.Quotes.Count;

        f.Publish(InstrumentId.Parse("ETHUSDT-PERP.BINANCE"), "2000.00", "1.000", "2000.01", "1.000");
        f.Publish(Okx, "29000.123", "1", "29000.2", "1"); // finer than any venue's tick

        Assert.Equal(count, f.Collector.Quotes.Count);
        Assert.Equal(1, f.Book.RejectedUpdates);
    }

    [Fact]
    public void A_venue_registered_later_with_a_finer_tick_raises_the_common_precision()
    {
        var f = ThreeVenues();
        var sim = RecordedSpecs.BinanceBtcUsdtPerp with { Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Simulator), TickSize = Price.Parse("0.001") };

        f.Registry.Register(sim);
        f.Publish(sim.Id, "29000.015", "0.001", "29000.900", "0.001");

        var q = f.Collector.Last;
        Assert.Equal(4, q.Venues);
        Assert.Equal((Price.Parse("29000.015"), sim.Id), (q.BidPrice, q.BidInstrument));
        Assert.Equal((Price.Parse("29000.020"), (byte)3), (q.AskPrice, q.AskPrice.Precision)); // Binance's held ask, converted
    }

    [Fact]
    public void A_venue_spread_needs_two_instruments_of_one_key()
    {
        var f = new CrossVenueFixture(null, RecordedSpecs.GateEthUsdtPerp);

        Assert.Throws<ArgumentException>(() => f.Book.TryGetVenueSpread(Binance, RecordedSpecs.GateEthUsdtPerp.Id, out _));
        Assert.False(f.Book.TryGetVenueSpread(Binance, Okx, out _)); // no data yet
    }

    [Fact]
    public void Options_are_checked()
    {
        var registry = new InstrumentRegistry();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsolidatedQuoteBook(new ConsolidatedQuoteBookOptions { Registry = registry, Bus = new(), StaleAfter = TimeSpan.Zero }));
    }
}
