using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>Marks and funding.</summary>
public sealed partial class Portfolio
{
    /// <summary>
    /// A venue mark price: positions revalue at it. Funding follows the paper venue's schedule exactly: the update
    /// (Binance <c>markPriceUpdate</c>) or a <see cref="Core.FundingRate"/> (OKX <c>funding-rate</c>, whose mark carries
    /// no funding) announces the rate and the next funding time; the first mark at or after that time settles the period
    /// at the last rate announced for it and at the new mark (see <see cref="SettleFunding"/>), once per funding time.
    /// </summary>
    public void OnMarkPrice(in MarkPrice mark)
    {
        RollDay();
        if (!_byId.TryGetValue(mark.Instrument, out var tracked))
        {
            UnknownInstrumentEvents++;
            return;
        }

        tracked.Mark = mark.Mark;
        tracked.HasMark = true;
        NoteAssetPrice(tracked, mark.Mark);
        if (tracked.NextFundingTime > 0 && mark.EventTime >= tracked.NextFundingTime)
        {
            Settle(tracked, tracked.FundingRate);
            tracked.SettledFundingTime = tracked.NextFundingTime;
            tracked.NextFundingTime = 0;
        }

        if (mark.NextFundingTime > mark.EventTime)
        {
            Schedule(tracked, mark.FundingRate, mark.NextFundingTime);
        }

        SampleIfDue();
    }

    /// <summary>
    /// A venue funding rate (OKX <c>funding-rate</c>): the rate and the funding time it applies to. The first mark at or
    /// after that time settles it (see <see cref="OnMarkPrice"/>); a time already settled, by this or by a mark-carried
    /// rate, is ignored, so each funding time settles once whichever source announced it.
    /// </summary>
    public void OnFundingRate(in FundingRate funding)
    {
        if (!_byId.TryGetValue(funding.Instrument, out var tracked))
        {
            return; // rates of every subscribed swap pass here; most are not traded by this account
        }

        if (funding.FundingTime > 0)
        {
            Schedule(tracked, funding.Rate, funding.FundingTime);
        }
    }

    private static void Schedule(TrackedInstrument tracked, decimal rate, long fundingTime)
    {
        // A time at or before the last settlement was paid already (OKX may still name it right after settling).
        if (fundingTime <= tracked.SettledFundingTime)
        {
            return;
        }

        tracked.FundingRate = rate;
        tracked.NextFundingTime = fundingTime;
    }

    /// <summary>The last traded price of an instrument: it values the instrument (and its base asset) while no venue mark was seen.</summary>
    public void OnLastPrice(InstrumentId instrument, Price price)
    {
        RollDay();
        if (!_byId.TryGetValue(instrument, out var tracked))
        {
            return; // trades of every subscribed instrument pass here; most are not traded by this account
        }

        tracked.LastPrice = price;
        tracked.HasLastPrice = true;
        if (!tracked.HasMark)
        {
            NoteAssetPrice(tracked, price);
        }

        SampleIfDue();
    }

    /// <summary>
    /// Settles one funding period of <paramref name="instrument"/> at <paramref name="fundingRate"/> on every open leg,
    /// at the current mark: payment = −direction × mark × size × multiplier × rate, rounded toward negative infinity at
    /// 8 decimals (longs pay a positive rate, shorts receive it), added to the account's settle asset balance (and, isolated, to
    /// the leg's isolated wallet). Nothing happens without a price or a position.
    /// </summary>
    public void SettleFunding(InstrumentId instrument, decimal fundingRate)
    {
        RollDay();
        Settle(Tracked(instrument), fundingRate);
    }

    private void Settle(TrackedInstrument tracked, decimal fundingRate)
    {
        if (tracked.IsSpot)
        {
            return;
        }

        for (var side = 0; side < 3; side++)
        {
            var leg = tracked.LegOrNull((PositionSide)side);
            if (leg is not { SizeRaw: not 0 })
            {
                continue;
            }

            var notional = MarkNotionalRaw(leg);
            var amount = Money.FromRaw(-leg.Sign * notional, AmountPrecision).Multiply(fundingRate, AmountPrecision, RoundingMode.Down).Raw;
            leg.FundingRaw += amount;
            if (tracked.MarginMode == MarginMode.Isolated)
            {
                leg.IsolatedWalletRaw += amount;
            }

            tracked.Account.Add(tracked.SettleAsset, amount);
            var value = ValueRaw(tracked.SettleAsset, amount);
            _fundingRaw += value;
            AddDayRealized(tracked.Account, value);
        }
    }
}
