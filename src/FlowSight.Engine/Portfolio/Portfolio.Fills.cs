using System.Runtime.InteropServices;
using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>Fills: positions, realised PnL, fees, spot balances.</summary>
public sealed partial class Portfolio
{
    /// <summary>
    /// Applies one execution (the order manager publishes each venue trade once). Derivatives: the leg named by
    /// <see cref="OrderFilled.PositionSide"/> (net mode: <see cref="PositionSide.Both"/>) opens, adds, reduces, closes
    /// or flips, the realised PnL goes to the settle asset's balance. Spot: base and quote balances move. Either way
    /// the fee is taken from the balance of its own asset and kept per asset. Balances are those of the account that
    /// trades the instrument (<see cref="AssignAccount"/>).
    /// </summary>
    public void OnFill(in OrderFilled fill)
    {
        RollDay();
        if (!_byId.TryGetValue(fill.Instrument, out var tracked))
        {
            UnknownInstrumentEvents++;
            return;
        }

        var quantity = tracked.QuantityRaw(fill.LastQuantity);
        if (quantity <= 0)
        {
            return;
        }

        var price = fill.LastPrice;
        tracked.LastPrice = price;
        tracked.HasLastPrice = true;
        if (!tracked.HasMark)
        {
            NoteAssetPrice(tracked, price);
        }

        var account = tracked.Account;
        var feeRaw = fill.Fee.RoundTo(AmountPrecision, RoundingMode.ToEven).Raw;
        if (feeRaw != 0 && !string.IsNullOrEmpty(fill.FeeAsset))
        {
            ref var fees = ref CollectionsMarshal.GetValueRefOrAddDefault(_fees, fill.FeeAsset, out _);
            fees += feeRaw;
            account.Add(fill.FeeAsset, -feeRaw);
            AddDayRealized(account, -ValueRaw(fill.FeeAsset, feeRaw));
        }

        var sign = fill.Side == OrderSide.Buy ? 1 : -1;
        if (tracked.IsSpot)
        {
            var cost = tracked.NotionalRaw(price, quantity);
            var baseAmount = tracked.Quantity(quantity).RoundTo(AmountPrecision, RoundingMode.ToEven).Raw;
            account.Add(tracked.Spec.BaseAsset, sign * baseAmount);
            account.Add(tracked.Spec.QuoteAsset, -sign * cost);
        }

        var leg = tracked.Leg(fill.PositionSide);
        var pnl = ApplyToLeg(leg, sign, price, quantity);
        if (!tracked.IsSpot)
        {
            account.Add(tracked.SettleAsset, pnl);
        }

        AddDayRealized(account, ValueRaw(tracked.SettleAsset, pnl));
        SampleIfDue();
    }

    /// <summary>
    /// Adds a fill to a leg and returns the PnL it realised, as the paper venue does: an opening fill adds its notional
    /// to the entry notional (isolated: notional ÷ leverage, rounded up, into the isolated wallet); a closing fill
    /// realises ±(fill notional − the closed share of the entry notional, truncated) and releases the closed share of
    /// the isolated wallet; a fill beyond the position flips it and the rest opens at the fill price.
    /// </summary>
    private static long ApplyToLeg(PositionLeg leg, int sign, Price price, long quantity)
    {
        var tracked = leg.Instrument;
        var isolated = !tracked.IsSpot && tracked.MarginMode == MarginMode.Isolated;
        if (leg.SizeRaw == 0 || leg.Sign == sign)
        {
            Open(quantity);
            return 0;
        }

        var sizeBefore = leg.AbsSizeRaw;
        var closed = Math.Min(quantity, sizeBefore);
        var entryShare = closed == sizeBefore ? leg.EntryNotionalRaw : MulDiv(leg.EntryNotionalRaw, closed, sizeBefore);
        var pnl = leg.Sign * (tracked.NotionalRaw(price, closed) - entryShare);
        leg.EntryNotionalRaw -= entryShare;
        leg.SizeRaw += sign * closed;
        leg.RealizedPnlRaw += pnl;
        if (isolated)
        {
            leg.IsolatedWalletRaw += pnl;
            var released = leg.SizeRaw == 0 ? leg.IsolatedWalletRaw : MulDiv(leg.IsolatedWalletRaw, closed, sizeBefore);
            leg.IsolatedWalletRaw -= released;
        }

        if (leg.SizeRaw == 0)
        {
            leg.EntryNotionalRaw = 0;
        }

        if (quantity > closed)
        {
            Open(quantity - closed);
        }

        return pnl;

        void Open(long opened)
        {
            var notional = tracked.NotionalRaw(price, opened);
            leg.SizeRaw += sign * opened;
            leg.EntryNotionalRaw += notional;
            if (isolated)
            {
                leg.IsolatedWalletRaw += CeilDiv(notional, tracked.Leverage);
            }
        }
    }

    private void NoteAssetPrice(TrackedInstrument tracked, Price price)
    {
        if (string.Equals(tracked.Spec.QuoteAsset, _options.ValuationCurrency, StringComparison.Ordinal) && !tracked.Spec.IsInverse)
        {
            _assetPrices[tracked.Spec.BaseAsset] = price;
        }
    }

    private static long CeilDiv(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder > 0 ? quotient + 1 : quotient;
    }

    /// <summary>value × numerator ÷ denominator, truncated toward zero (a proportional share).</summary>
    private static long MulDiv(long value, long numerator, long denominator) => (long)((Int128)value * numerator / denominator);
}
