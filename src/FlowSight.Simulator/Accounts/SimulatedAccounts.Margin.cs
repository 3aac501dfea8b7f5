using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>Valuation at the mark: unrealised PnL, initial and maintenance margin, liquidation price.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>Records <paramref name="instrument"/>'s mark price; liquidation checks are the caller's (<see cref="FindLiquidations"/>).</summary>
    public void OnMarkPrice(InstrumentId instrument, Price markPrice)
    {
        var accounted = InstrumentOf(instrument);
        accounted.Mark = markPrice;
        accounted.HasMark = true;
    }

    /// <summary>Position notional at the mark (at the entry before any mark or fill set one).</summary>
    private static long MarkNotionalRaw(PositionState position) =>
        position.SizeRaw == 0 ? 0
        : position.Instrument.HasMark ? position.Instrument.NotionalRaw(position.Instrument.Mark, position.SizeRaw)
        : position.EntryNotionalRaw;

    private static long UnrealizedPnlRaw(PositionState position, long markNotional) =>
        position.Sign * (markNotional - position.EntryNotionalRaw);

    private static long InitialMarginRaw(long markNotional, int leverage) => CeilDiv(markNotional, leverage);

    /// <summary>notional × rate − cum of the notional's bracket, the product rounded up.</summary>
    private static long MaintenanceMarginRaw(AccountedInstrument instrument, long markNotional) =>
        markNotional == 0 ? 0 : instrument.Brackets.MaintenanceMarginRaw(markNotional);

    private FuturesBalance Valuate(AccountState account, int asset)
    {
        long cross = account.CrossWallet[asset], isolated = 0, upnl = 0, initial = 0, maintenance = 0;
        foreach (var instrument in _instruments)
        {
            if (instrument.IsSpot || instrument.SettleAsset != asset)
            {
                continue;
            }

            var isIsolated = account.MarginTypes[instrument.Index] == MarginType.Isolated;
            for (var side = 0; side < 3; side++)
            {
                var position = account.PositionOrNull(instrument.Index, (PositionSide)side);
                if (position is null)
                {
                    continue;
                }

                if (isIsolated)
                {
                    isolated += position.IsolatedWalletRaw;
                }
                else if (position.SizeRaw > 0)
                {
                    var notional = MarkNotionalRaw(position);
                    upnl += UnrealizedPnlRaw(position, notional);
                    initial += InitialMarginRaw(notional, account.Leverage[instrument.Index]);
                    maintenance += MaintenanceMarginRaw(instrument, notional);
                }
            }
        }

        var marginBalance = cross + upnl;
        return new FuturesBalance(
            M(cross + isolated), M(cross), M(upnl), M(marginBalance), M(initial), M(maintenance), M(account.OrderMargin[asset]),
            M(marginBalance - initial - account.OrderMargin[asset]));
    }

    private PositionSnapshot Snapshot(AccountState account, PositionState position)
    {
        var instrument = position.Instrument;
        var notional = MarkNotionalRaw(position);
        var leverage = account.Leverage[instrument.Index];
        var entryPrice = position.SizeRaw == 0
            ? Price.Zero(MoneyPrecision)
            : instrument.Multiplier == 1m
                ? Price.FromRaw(DivideHalfEven((Int128)position.EntryNotionalRaw * Pow10(instrument.SizePrecision), position.SizeRaw), MoneyPrecision)
                : Price.FromDecimal(
                Math.Round(M(position.EntryNotionalRaw).ToDecimal() / (instrument.Quantity(position.SizeRaw).ToDecimal() * instrument.Multiplier), MoneyPrecision, MidpointRounding.ToEven),
                MoneyPrecision);
        var marginType = account.MarginTypes[instrument.Index];
        return new PositionSnapshot(
            account.Id,
            instrument.Instrument.Id,
            position.PositionSide,
            position.Direction,
            instrument.Quantity(position.SizeRaw),
            M(position.EntryNotionalRaw),
            entryPrice,
            instrument.Mark,
            M(UnrealizedPnlRaw(position, notional)),
            M(position.RealizedPnlRaw),
            marginType,
            leverage,
            M(position.IsolatedWalletRaw),
            M(InitialMarginRaw(notional, leverage)),
            M(MaintenanceMarginRaw(instrument, notional)),
            LiquidationPrice(account, position, notional));
    }

    /// <summary>
    /// Binance's one-way liquidation price: LP = (WB − TMM₁ + UPNL₁ + cum − side × size × EP) ÷ (size × MMR − side × size),
    /// where for isolated WB is the isolated wallet and TMM₁ = UPNL₁ = 0, and for cross WB is the cross wallet and TMM₁,
    /// UPNL₁ are the maintenance margin and unrealised PnL of the account's other cross positions. MMR and cum are the
    /// bracket of the position's notional at the mark. Rounded to the tick toward the mark (long down, short up), so a
    /// mark at or beyond the printed price is always liquidated; zero when no positive price liquidates.
    /// </summary>
    private Price LiquidationPrice(AccountState account, PositionState position, long markNotional)
    {
        var instrument = position.Instrument;
        if (position.SizeRaw == 0)
        {
            return Price.Zero(instrument.PricePrecision);
        }

        long walletRaw;
        if (account.MarginTypes[instrument.Index] == MarginType.Isolated)
        {
            walletRaw = position.IsolatedWalletRaw;
        }
        else
        {
            long others = 0;
            foreach (var other in _instruments)
            {
                if (other.IsSpot || other.SettleAsset != instrument.SettleAsset || account.MarginTypes[other.Index] == MarginType.Isolated)
                {
                    continue;
                }

                for (var side = 0; side < 3; side++)
                {
                    var leg = account.PositionOrNull(other.Index, (PositionSide)side);
                    if (leg is { SizeRaw: > 0 } && !ReferenceEquals(leg, position))
                    {
                        var notional = MarkNotionalRaw(leg);
                        others += UnrealizedPnlRaw(leg, notional) - MaintenanceMarginRaw(other, notional);
                    }
                }
            }

            walletRaw = account.CrossWallet[instrument.SettleAsset] + others;
        }

        var sign = position.Sign;
        if (instrument.NotionalScale != 0)
        {
            // In ticks, exactly: (wallet + cum − side × entry) × rd ÷ (scale × size × (rn − side × rd) × tick), with
            // MMR = rn ÷ rd and scale = 10^(8 − price decimals − size decimals).
            var index = instrument.Brackets.IndexOf(markNotional);
            var rate = instrument.Brackets.MaintenanceRateAt(index);
            var scaledNumerator = ((Int128)walletRaw + instrument.Brackets.MaintenanceAmountRawAt(index) - (sign * (Int128)position.EntryNotionalRaw)) * rate.Denominator;
            var tickRaw = instrument.Instrument.TickSize.RoundTo(instrument.PricePrecision, RoundingMode.ToEven).Raw;
            var scaledDenominator = (Int128)instrument.NotionalScale * position.SizeRaw * (rate.Numerator - (sign * rate.Denominator)) * tickRaw;
            var ticks = sign > 0 ? FloorDivide(scaledNumerator, scaledDenominator) : CeilDivide(scaledNumerator, scaledDenominator);
            return ticks <= 0
                ? Price.Zero(instrument.PricePrecision)
                : Price.FromRaw((long)(ticks * tickRaw), instrument.PricePrecision);
        }

        var bracket = instrument.Brackets.Find(M(markNotional));
        var wallet = M(walletRaw).ToDecimal();
        var size = instrument.Quantity(position.SizeRaw).ToDecimal() * instrument.Multiplier;
        var numerator = wallet + bracket.MaintenanceAmount.ToDecimal() - (sign * M(position.EntryNotionalRaw).ToDecimal());
        var denominator = size * (bracket.MaintenanceMarginRate - sign);
        var price = numerator / denominator;
        return price <= 0m
            ? Price.Zero(instrument.PricePrecision)
            : instrument.RoundPrice(price, sign > 0 ? RoundingMode.Down : RoundingMode.Up);
    }

    private static Int128 FloorDivide(Int128 numerator, Int128 denominator)
    {
        var quotient = numerator / denominator;
        return (numerator % denominator != 0) && ((numerator < 0) != (denominator < 0)) ? quotient - 1 : quotient;
    }

    private static Int128 CeilDivide(Int128 numerator, Int128 denominator)
    {
        var quotient = numerator / denominator;
        return (numerator % denominator != 0) && ((numerator < 0) == (denominator < 0)) ? quotient + 1 : quotient;
    }

    private static long DivideHalfEven(Int128 numerator, long denominator)
    {
        var quotient = numerator / denominator;
        var twice = Int128.Abs(numerator - (quotient * denominator)) * 2;
        if (twice > denominator || (twice == denominator && !Int128.IsEvenInteger(quotient)))
        {
            quotient += numerator < 0 ? -1 : 1;
        }

        return (long)quotient;
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static long CeilDiv(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder > 0 ? quotient + 1 : quotient;
    }

    /// <summary>value × numerator ÷ denominator, truncated toward zero (a proportional split; the last split takes the rest).</summary>
    private static long MulDiv(long value, long numerator, long denominator) => (long)((Int128)value * numerator / denominator);
}
