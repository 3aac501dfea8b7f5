using FlowSight.Core;

namespace FlowSight.Engine.Portfolio;

/// <summary>Valuation: unrealised PnL, equity and its curve, the day's PnL, margin and liquidation prices.</summary>
public sealed partial class Portfolio
{
    private const long NanosPerDay = 86_400_000_000_000L;

    /// <inheritdoc/>
    /// <remarks>
    /// Every account's balances valued in the valuation currency (assets with no known price count zero) plus
    /// derivatives' unrealised PnL: the sum of <see cref="AccountEquity"/> over <see cref="Accounts"/>.
    /// </remarks>
    public decimal Equity => Amount(EquityRaw());

    /// <inheritdoc/>
    /// <remarks>
    /// The account's balances valued in the valuation currency plus the unrealised PnL of the derivatives it trades.
    /// 0 for an account the portfolio does not know.
    /// </remarks>
    public decimal AccountEquity(VenueAccount account) => FindBook(account) is { } book ? Amount(EquityRaw(book)) : 0m;

    /// <inheritdoc/>
    /// <remarks>As <see cref="DailyPnl"/>, for the instruments and balances of one account.</remarks>
    public decimal AccountDailyPnl(VenueAccount account)
    {
        RollDay();
        return FindBook(account) is { } book
            ? Amount(book.DayRealizedRaw + UnrealizedRaw(book, includeSpot: true) - book.DayStartUnrealizedRaw)
            : 0m;
    }

    /// <summary>Initial margin of the derivatives legs <paramref name="account"/> holds, in the valuation currency.</summary>
    public decimal AccountMarginUsed(VenueAccount account)
    {
        long total = 0;
        if (FindBook(account) is { } book)
        {
            foreach (var tracked in book.Instruments)
            {
                if (!tracked.IsSpot)
                {
                    total += ValueRaw(tracked.SettleAsset, InstrumentMarginRaw(tracked));
                }
            }
        }

        return Amount(total);
    }

    /// <summary>Unrealised PnL of the derivatives legs <paramref name="account"/> holds, in the valuation currency.</summary>
    public decimal AccountUnrealizedPnl(VenueAccount account) =>
        FindBook(account) is { } book ? Amount(UnrealizedRaw(book, includeSpot: false)) : 0m;

    /// <inheritdoc/>
    /// <remarks>
    /// Realised PnL after fees and funding since 00:00 UTC, plus the change in unrealised PnL since then (spot legs
    /// included: their PnL counts trades since the portfolio started).
    /// </remarks>
    public decimal DailyPnl
    {
        get
        {
            RollDay();
            return Amount(_dayRealizedRaw + UnrealizedRaw(includeSpot: true) - _dayStartUnrealizedRaw);
        }
    }

    /// <summary>Unrealised PnL of every derivatives leg at the mark, in the valuation currency.</summary>
    public decimal UnrealizedPnl => Amount(UnrealizedRaw(includeSpot: false));

    /// <summary>Initial margin of every derivatives leg: notional at the mark ÷ leverage, rounded up, in the valuation currency.</summary>
    public decimal MarginUsed
    {
        get
        {
            long total = 0;
            foreach (var tracked in _instruments)
            {
                if (!tracked.IsSpot)
                {
                    total += ValueRaw(tracked.SettleAsset, InstrumentMarginRaw(tracked));
                }
            }

            return Amount(total);
        }
    }

    /// <summary>Initial margin of <paramref name="instrument"/>'s legs, in its settle asset.</summary>
    public decimal InstrumentMarginUsed(InstrumentId instrument)
    {
        var tracked = Tracked(instrument);
        return tracked.IsSpot ? 0m : Amount(InstrumentMarginRaw(tracked));
    }

    /// <summary>
    /// The liquidation price of <paramref name="instrument"/>'s leg <paramref name="side"/>, or null (spot, flat, or no
    /// positive price liquidates). See <see cref="LiquidationPrice(PositionLeg, long)"/> for the formula.
    /// </summary>
    public decimal? LiquidationPrice(InstrumentId instrument, PositionSide side = PositionSide.Both) => GetPosition(instrument, side).LiquidationPrice;

    /// <summary>Samples equity now into <see cref="EquityCurve"/> and each account's <see cref="AccountEquityCurve"/>, whatever the interval.</summary>
    public EquityPoint SampleEquity()
    {
        var now = NowNs();
        long total = 0;
        foreach (var book in _accounts)
        {
            var raw = EquityRaw(book);
            book.EquityCurve.Add(new EquityPoint(now, Amount(raw)));
            total += raw;
        }

        var point = new EquityPoint(now, Amount(total));
        _equityCurve.Add(point);
        _nextSampleNs = ((now / _sampleIntervalNs) + 1) * _sampleIntervalNs;
        return point;
    }

    /// <summary>Samples equity when the interval has passed (the engine calls this on a timer; every event handler does too).</summary>
    public void SampleIfDue()
    {
        if (NowNs() >= _nextSampleNs)
        {
            SampleEquity();
        }
    }

    private long EquityRaw()
    {
        long total = 0;
        foreach (var book in _accounts)
        {
            total += EquityRaw(book);
        }

        return total;
    }

    private long EquityRaw(AccountBook book)
    {
        long total = 0;
        foreach (var (asset, balance) in book.Balances)
        {
            total += ValueRaw(asset, balance);
        }

        return total + UnrealizedRaw(book, includeSpot: false);
    }

    private long UnrealizedRaw(bool includeSpot)
    {
        long total = 0;
        foreach (var book in _accounts)
        {
            total += UnrealizedRaw(book, includeSpot);
        }

        return total;
    }

    private long UnrealizedRaw(AccountBook book, bool includeSpot)
    {
        long total = 0;
        foreach (var tracked in book.Instruments)
        {
            if (tracked.IsSpot && !includeSpot)
            {
                continue;
            }

            for (var side = 0; side < 3; side++)
            {
                if (tracked.LegOrNull((PositionSide)side) is { SizeRaw: not 0 } leg)
                {
                    total += ValueRaw(tracked.SettleAsset, UnrealizedPnlRaw(leg, MarkNotionalRaw(leg)));
                }
            }
        }

        return total;
    }

    private static long InstrumentMarginRaw(TrackedInstrument tracked)
    {
        long total = 0;
        for (var side = 0; side < 3; side++)
        {
            if (tracked.LegOrNull((PositionSide)side) is { SizeRaw: not 0 } leg)
            {
                total += InitialMarginRaw(MarkNotionalRaw(leg), tracked.Leverage);
            }
        }

        return total;
    }

    /// <summary>Starts a new UTC day when the clock crossed midnight: realised resets, unrealised is the new baseline.</summary>
    private void RollDay()
    {
        var dayStart = DayStart(NowNs());
        if (dayStart != _dayStartNs)
        {
            _dayStartNs = dayStart;
            _dayRealizedRaw = 0;
            _dayStartUnrealizedRaw = 0;
            foreach (var book in _accounts)
            {
                book.DayRealizedRaw = 0;
                book.DayStartUnrealizedRaw = UnrealizedRaw(book, includeSpot: true);
                _dayStartUnrealizedRaw += book.DayStartUnrealizedRaw;
            }
        }
    }

    private void AddDayRealized(AccountBook account, long value)
    {
        _dayRealizedRaw += value;
        account.DayRealizedRaw += value;
    }

    private static long DayStart(long nanos) => nanos - (((nanos % NanosPerDay) + NanosPerDay) % NanosPerDay);

    /// <summary><paramref name="raw"/> of <paramref name="asset"/> in the valuation currency; zero when its price is unknown.</summary>
    private long ValueRaw(string asset, long raw)
    {
        if (raw == 0 || string.Equals(asset, _options.ValuationCurrency, StringComparison.Ordinal))
        {
            return raw;
        }

        return _assetPrices.TryGetValue(asset, out var price)
            ? Money.FromRaw(raw, AmountPrecision).Multiply(price.ToDecimal(), AmountPrecision, RoundingMode.ToEven).Raw
            : 0;
    }

    /// <summary>Notional at the mark, else the last price, else the entry notional.</summary>
    private static long MarkNotionalRaw(PositionLeg leg) =>
        leg.SizeRaw == 0 ? 0
        : leg.Instrument.TryGetValuationPrice(out var price) ? leg.Instrument.NotionalRaw(price, leg.AbsSizeRaw)
        : leg.EntryNotionalRaw;

    private static long UnrealizedPnlRaw(PositionLeg leg, long markNotional) => leg.Sign * (markNotional - leg.EntryNotionalRaw);

    private static long InitialMarginRaw(long markNotional, int leverage) => CeilDiv(markNotional, leverage);

    private static long MaintenanceMarginRaw(TrackedInstrument tracked, long markNotional) =>
        markNotional == 0 ? 0 : tracked.Brackets.MaintenanceMarginRaw(markNotional);

    /// <summary>
    /// Binance USDⓈ-M liquidation price of one leg, one-way form
    /// (<see href="https://www.binance.com/en/support/faq/how-to-calculate-liquidation-price-of-usd%E2%93%A2-m-futures-contracts-b3c689c1f50a44cabb3a84e663b81d93"/>):
    /// <code>
    /// LP = (WB − TMM₁ + UPNL₁ + cumB − side × size × EP) ÷ (size × MMRB − side × size)
    /// </code>
    /// side = 1 long, −1 short; size = |quantity| × multiplier; EP the average entry; MMRB and cumB the maintenance
    /// margin rate and amount of the bracket of the position's notional at the mark. Isolated: WB is the leg's isolated
    /// wallet and TMM₁ = UPNL₁ = 0. Cross: WB is the settle asset's cross wallet of the account holding the leg (its
    /// balance less its isolated wallets) and TMM₁, UPNL₁ are the maintenance margin and unrealised PnL of every other
    /// cross leg of that asset in that account (the other hedge-mode leg included; another account's positions never
    /// count, as margin is per account). Rounded to the tick toward the mark (long down, short up), as the paper venue does;
    /// null when no positive price liquidates.
    /// </summary>
    private static Price? LiquidationPrice(PositionLeg leg, long markNotional)
    {
        var tracked = leg.Instrument;
        if (tracked.IsSpot || leg.SizeRaw == 0)
        {
            return null;
        }

        long walletRaw;
        if (tracked.MarginMode == MarginMode.Isolated)
        {
            walletRaw = leg.IsolatedWalletRaw;
        }
        else
        {
            walletRaw = tracked.Account.Balance(tracked.SettleAsset);
            foreach (var other in tracked.Account.Instruments)
            {
                if (other.IsSpot || !string.Equals(other.SettleAsset, tracked.SettleAsset, StringComparison.Ordinal))
                {
                    continue;
                }

                for (var side = 0; side < 3; side++)
                {
                    if (other.LegOrNull((PositionSide)side) is not { SizeRaw: not 0 } otherLeg || ReferenceEquals(otherLeg, leg))
                    {
                        continue;
                    }

                    if (other.MarginMode == MarginMode.Isolated)
                    {
                        walletRaw -= otherLeg.IsolatedWalletRaw;
                    }
                    else
                    {
                        var notional = MarkNotionalRaw(otherLeg);
                        walletRaw += UnrealizedPnlRaw(otherLeg, notional) - MaintenanceMarginRaw(other, notional);
                    }
                }
            }
        }

        var sign = leg.Sign;
        var index = tracked.Brackets.IndexOf(markNotional);
        var cum = tracked.Brackets.MaintenanceAmountRawAt(index);
        var (rateNumerator, rateDenominator) = tracked.Brackets.MaintenanceRateAt(index);
        if (tracked.NotionalScale != 0)
        {
            // Exactly, in ticks: (WB + cum − side × entry) × rd ÷ (scale × size × (rn − side × rd) × tick), MMR = rn ÷ rd.
            var numerator = ((Int128)walletRaw + cum - (sign * (Int128)leg.EntryNotionalRaw)) * rateDenominator;
            var tickRaw = tracked.Spec.TickSize.RoundTo(tracked.PricePrecision, RoundingMode.ToEven).Raw;
            var denominator = (Int128)tracked.NotionalScale * leg.AbsSizeRaw * (rateNumerator - (sign * rateDenominator)) * tickRaw;
            var ticks = sign > 0 ? FloorDivide(numerator, denominator) : CeilDivide(numerator, denominator);
            return ticks <= 0 ? null : Price.FromRaw((long)(ticks * tickRaw), tracked.PricePrecision);
        }

        var size = tracked.Quantity(leg.AbsSizeRaw).ToDecimal() * tracked.Multiplier;
        var rate = (decimal)rateNumerator / rateDenominator;
        var price = (Amount(walletRaw) + Amount(cum) - (sign * Amount(leg.EntryNotionalRaw))) / (size * (rate - sign));
        return price <= 0m ? null : tracked.RoundPrice(price, sign > 0 ? RoundingMode.Down : RoundingMode.Up);
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
}
