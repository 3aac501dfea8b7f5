using FlowSight.Core;
using FlowSight.Engine.CrossVenue;
using FsCheck.Xunit;
using static FlowSight.Engine.Tests.CrossVenue.CrossVenueFixture;

namespace FlowSight.Engine.Tests.CrossVenue;

/// <summary>
/// Over any sequence of quote ticks from the three BTC/USDT perpetuals (different tick precisions, contract sizes
/// 1, 0.01 and 0.0001 BTC, empty sides, venues quoting their own bid at or above their ask), the consolidated quote
/// equals a naive decimal model, and an event is published exactly when the model's top changes.
/// </summary>
public sealed class ConsolidatedQuoteBookProperties
{
    private static readonly InstrumentId[] Venues = [Okx, Binance, Gate]; // the registry's order (by id): ties go to the first
    private static readonly decimal[] Multipliers = [0.01m, 1m, 0.0001m];

    private sealed record VenueTop(bool HasBid, decimal Bid, decimal BidSize, bool HasAsk, decimal Ask, decimal AskSize);

    private readonly record struct ModelTop(bool HasBid, decimal Bid, decimal BidSize, int BidVenue, bool HasAsk, decimal Ask, decimal AskSize, int AskVenue, int Live, int Stale);

    /// <summary>One op per int: the venue, a bid offset, an ask spread (−1…4 ticks), sizes (a zero now and then empties a side).</summary>
    private static QuoteTick Decode(int op, out int venue)
    {
        var bits = (uint)op;
        venue = (int)(bits % 3);
        var offset = (long)((bits >> 2) % 9) - 4;
        var spread = (long)((bits >> 6) % 6) - 1;
        var bidSize = (long)((bits >> 9) % 7);
        var askSize = (long)((bits >> 13) % 7);
        var id = Venues[venue];
        return venue == 1
            ? new QuoteTick(id, Price.FromRaw(2_900_000 + (offset * 5), 2), Quantity.FromRaw(bidSize * 250, 3), Price.FromRaw(2_900_000 + (offset * 5) + (spread * 5), 2), Quantity.FromRaw(askSize * 250, 3), 0, 0, 0)
            : new QuoteTick(id, Price.FromRaw(290_000 + offset, 1), Quantity.FromRaw(bidSize * (venue == 0 ? 25 : 2500), 0), Price.FromRaw(290_000 + offset + spread, 1), Quantity.FromRaw(askSize * (venue == 0 ? 25 : 2500), 0), 0, 0, 0);
    }

    private static ModelTop Model(VenueTop?[] tops)
    {
        var model = new ModelTop(false, 0, 0, -1, false, 0, 0, -1, 0, 0);
        for (var v = 0; v < tops.Length; v++)
        {
            if (tops[v] is not { } top)
            {
                continue;
            }

            if (top.HasBid && top.HasAsk && top.Bid >= top.Ask)
            {
                model = model with { Stale = model.Stale + 1 };
                continue;
            }

            model = model with { Live = model.Live + 1 };
            if (top.HasBid && (!model.HasBid || top.Bid > model.Bid || (top.Bid == model.Bid && top.BidSize > model.BidSize)))
            {
                model = model with { HasBid = true, Bid = top.Bid, BidSize = top.BidSize, BidVenue = v };
            }

            if (top.HasAsk && (!model.HasAsk || top.Ask < model.Ask || (top.Ask == model.Ask && top.AskSize > model.AskSize)))
            {
                model = model with { HasAsk = true, Ask = top.Ask, AskSize = top.AskSize, AskVenue = v };
            }
        }

        return model;
    }

    private static bool Matches(ConsolidatedQuote q, ModelTop m) =>
        q.Venues == m.Live
        && q.StaleVenues == m.Stale
        && ((q.Flags & ConsolidatedQuoteFlags.HasBid) != 0) == m.HasBid
        && ((q.Flags & ConsolidatedQuoteFlags.HasAsk) != 0) == m.HasAsk
        && (!m.HasBid || (q.BidPrice.ToDecimal() == m.Bid && q.BidSize.ToDecimal() == m.BidSize && q.BidInstrument == Venues[m.BidVenue]))
        && (!m.HasAsk || (q.AskPrice.ToDecimal() == m.Ask && q.AskSize.ToDecimal() == m.AskSize && q.AskInstrument == Venues[m.AskVenue]))
        && q.IsCrossed == (m.HasBid && m.HasAsk && m.Bid > m.Ask)
        && (!(m.HasBid && m.HasAsk) || q.Spread.ToDecimal() == m.Ask - m.Bid);

    [Property(MaxTest = 300)]
    public bool The_consolidated_quote_equals_a_decimal_model_and_is_published_only_on_change(int[] ops)
    {
        var f = new CrossVenueFixture();
        var tops = new VenueTop?[3];
        ModelTop? last = null;
        var expectedEvents = 0;
        foreach (var op in ops)
        {
            var quote = Decode(op, out var venue);
            f.Bus.Publish(in quote);

            var multiplier = Multipliers[venue];
            tops[venue] = new VenueTop(
                quote.BidSize.Raw > 0, quote.BidPrice.ToDecimal(), quote.BidSize.ToDecimal() * multiplier,
                quote.AskSize.Raw > 0, quote.AskPrice.ToDecimal(), quote.AskSize.ToDecimal() * multiplier);
            var model = Model(tops);
            if (last is null || !Same(last.Value, model))
            {
                expectedEvents++;
            }

            last = model;
            if (!f.Book.TryGetQuote(BtcUsdtPerp, out var actual) || !Matches(actual, model))
            {
                return false;
            }
        }

        return f.Collector.Quotes.Count == expectedEvents;
    }

    private static bool Same(ModelTop a, ModelTop b) =>
        a.Live == b.Live && a.Stale == b.Stale && a.HasBid == b.HasBid && a.HasAsk == b.HasAsk
        && (!a.HasBid || (a.Bid == b.Bid && a.BidSize == b.BidSize && a.BidVenue == b.BidVenue))
        && (!a.HasAsk || (a.Ask == b.Ask && a.AskSize == b.AskSize && a.AskVenue == b.AskVenue));
}
