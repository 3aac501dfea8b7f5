using FlowSight.Core;

namespace FlowSight.Engine.Risk;

public sealed partial class RiskEngine
{
    /// <summary>Runs every check on an order without sending or publishing anything (what-if, benchmarks).</summary>
    public RiskDecision Check(in SubmitOrder order) => Check(in order, RateNow());

    /// <summary>Runs every check on a replace (as a submit of the new values) without sending or publishing anything.</summary>
    public RiskDecision Check(in ReplaceOrder replace) => Check(in replace, RateNow());

    // The clock is read only when an order-rate window needs it: the read (~25 ns) is a third of a filters-only check.
    private long RateNow() => _perSecond is null && _perMinute is null ? 0 : UnixNanos.Now(_clock);

    private RiskDecision Check(in SubmitOrder order, long now)
    {
        if (State == TradingState.Halted)
        {
            return HaltedRefusal();
        }

        if (!TryGetInstrument(order.Instrument, out var instrument))
        {
            return UnknownInstrument(order.Instrument);
        }

        if (instrument.AccountHaltReason is { } halted)
        {
            return AccountHaltedRefusal(instrument, halted);
        }

        var type = order.Type;
        var needsPrice = type is OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit;
        if (needsPrice && order.Price is null)
        {
            return RiskDecision.Deny(RiskChecks.InvalidOrder, $"a {type} order needs a limit price ({instrument.Name})");
        }

        if (type is OrderType.StopMarket or OrderType.StopLimit or OrderType.TakeProfitMarket or OrderType.TakeProfitLimit && order.TriggerPrice is null)
        {
            return RiskDecision.Deny(RiskChecks.InvalidOrder, $"a {type} order needs a trigger price ({instrument.Name})");
        }

        return CheckOrder(instrument, order.Side, type, order.Quantity, order.Quantity.ToDecimal(), order.Price, order.TriggerPrice, order.ReduceOnly, 0m, isNew: true, now, order.PositionSide);
    }

    private RiskDecision Check(in ReplaceOrder replace, long now)
    {
        if (State == TradingState.Halted)
        {
            return HaltedRefusal();
        }

        if (!_orders.TryGetOpen(replace.ClientOrderId, out _, out var instrumentId, out var side, out var leaves))
        {
            return RiskDecision.Deny(RiskChecks.OrderNotOpen, $"order {replace.ClientOrderId} is not working on {replace.Instrument}: nothing to replace");
        }

        if (!TryGetInstrument(instrumentId, out var instrument))
        {
            return UnknownInstrument(instrumentId);
        }

        if (instrument.AccountHaltReason is { } halted)
        {
            return AccountHaltedRefusal(instrument, halted);
        }

        // The view does not tell the order's type: a new price makes it a priced order (banded); without one its
        // value is taken at the trigger or the mark.
        var type = replace.Price is not null ? OrderType.Limit : replace.TriggerPrice is not null ? OrderType.StopMarket : OrderType.Market;
        var quantity = replace.Quantity is { } q ? q.ToDecimal() : leaves;
        return CheckOrder(instrument, side, type, replace.Quantity, quantity, replace.Price, replace.TriggerPrice, reduceOnly: false, replacedLeaves: leaves, isNew: false, now);
    }

    private RiskDecision CheckOrder(
        RiskInstrument instrument,
        OrderSide side,
        OrderType type,
        Quantity? newQuantity,
        decimal quantity,
        Price? price,
        Price? trigger,
        bool reduceOnly,
        decimal replacedLeaves,
        bool isNew,
        long now,
        PositionSide positionSide = PositionSide.Both)
    {
        var name = instrument.Name;

        // Instrument filters: what the venue would reject anyway, refused here with a clearer reason.
        if (newQuantity is { } q)
        {
            if (q.Raw <= 0)
            {
                return RiskDecision.Deny(RiskChecks.InvalidOrder, $"order quantity {q} must be positive ({name})");
            }

            if (!instrument.IsOnStep(q))
            {
                return RiskDecision.Deny(RiskChecks.StepSize, $"quantity {q} is not a multiple of the {instrument.StepSize} step size of {name}");
            }

            if (q < instrument.MinQuantity)
            {
                return RiskDecision.Deny(RiskChecks.MinQuantity, $"quantity {q} is below the {instrument.MinQuantity} minimum quantity of {name}");
            }

            if (instrument.MaxQuantity is { } venueMax && q > venueMax)
            {
                return RiskDecision.Deny(RiskChecks.VenueMaxQuantity, $"quantity {q} is above the venue's {venueMax} maximum quantity for {name}");
            }
        }

        // Crypto venues take no zero or negative prices, and a non-positive price would pass every notional limit.
        if ((price is { } nonPositive && nonPositive.Raw <= 0) || (trigger is { } nonPositiveTrigger && nonPositiveTrigger.Raw <= 0))
        {
            return RiskDecision.Deny(RiskChecks.InvalidOrder, $"prices must be positive (price {price?.ToString() ?? "none"}, trigger {trigger?.ToString() ?? "none"}, {name})");
        }

        if (price is { } p && !instrument.IsOnTick(p))
        {
            return RiskDecision.Deny(RiskChecks.TickSize, $"price {p} is not a multiple of the {instrument.TickSize} tick size of {name}");
        }

        if (trigger is { } t && !instrument.IsOnTick(t))
        {
            return RiskDecision.Deny(RiskChecks.TickSize, $"trigger price {t} is not a multiple of the {instrument.TickSize} tick size of {name}");
        }

        // The price the order's value is taken at: its limit price, a stop's trigger, else the mark (market orders).
        var mark = _portfolio.MarkPrice(instrument.Id);
        decimal reference;
        var hasReference = true;
        if (price is { } limitPrice)
        {
            reference = limitPrice.ToDecimal();
        }
        else if (type != OrderType.Market && trigger is { } triggerPrice)
        {
            reference = triggerPrice.ToDecimal();
        }
        else if (mark is { } m)
        {
            reference = m;
        }
        else if (_limits.RefuseWithoutMarkPrice)
        {
            return RiskDecision.Deny(RiskChecks.NoMarkPrice, $"no mark price for {name} yet: the {type} order's value cannot be checked");
        }
        else
        {
            reference = 0m;
            hasReference = false;
        }

        var notional = hasReference ? instrument.Notional(quantity, reference) : 0m;
        var quote = instrument.QuoteAsset;

        // Reduce-only orders are exempt, as on the venues, so a small remainder can always be closed.
        if (hasReference && !reduceOnly && notional < instrument.MinNotional)
        {
            return RiskDecision.Deny(RiskChecks.MinNotional, $"order notional {RiskText.Amount(notional)} {quote} is below the {RiskText.Number(instrument.MinNotional)} {quote} minimum notional of {name}");
        }

        if (instrument.MaxOrderQuantity is { } maxQuantity && quantity > maxQuantity)
        {
            return RiskDecision.Deny(RiskChecks.MaxQuantity, $"order quantity {RiskText.Quantity(quantity)} exceeds the {RiskText.Quantity(maxQuantity)} limit for {name}");
        }

        if (hasReference && instrument.MaxOrderNotional is { } maxNotional && notional > maxNotional)
        {
            return RiskDecision.Deny(RiskChecks.MaxNotional, $"order notional {RiskText.Amount(notional)} {quote} exceeds the {RiskText.Number(maxNotional)} {quote} limit for {name}");
        }

        if (type == OrderType.Limit && price is { } bandPrice && instrument.PriceBandBps is { } bandBps)
        {
            if (mark is { } markPrice)
            {
                var limitValue = bandPrice.ToDecimal();
                var deviation = Math.Abs(limitValue - markPrice);
                if (deviation * 10_000m > bandBps * markPrice)
                {
                    var deviationBps = markPrice > 0m ? Math.Round(deviation * 10_000m / markPrice, 2) : 0m;
                    return RiskDecision.Deny(RiskChecks.PriceBand, $"limit price {bandPrice} is {RiskText.Number(deviationBps)} bps from the {RiskText.Number(markPrice)} mark price, outside the ±{RiskText.Number(bandBps)} bps band for {name}");
                }
            }
            else if (_limits.RefuseWithoutMarkPrice)
            {
                return RiskDecision.Deny(RiskChecks.NoMarkPrice, $"no mark price for {name} yet: the ±{RiskText.Number(bandBps)} bps price band cannot be checked");
            }
        }

        // Does the order reduce the position? Working orders on the same side reduce it first. Only asked when
        // the answer matters: in REDUCING, or when a limit on opening orders is set. A hedge-mode order acts on its
        // own leg: a sell of the long leg reduces it whatever the short leg holds.
        if (State == TradingState.Reducing || instrument.HasOpeningLimits)
        {
            var position = positionSide == PositionSide.Both ? _portfolio.NetPosition(instrument.Id) : _portfolio.LegPosition(instrument.Id, positionSide);
            var workingSameSide = _orders.OpenQuantity(instrument.Id, side) - replacedLeaves;
            var buy = side == OrderSide.Buy;
            var opposite = position != 0m && (position > 0m) != buy;
            var reducing = opposite && ((reduceOnly && instrument.CanReduceOnly) || quantity <= Math.Abs(position) - workingSameSide);

            if (State == TradingState.Reducing && !reducing)
            {
                return RiskDecision.Deny(RiskChecks.Reducing, $"trading is REDUCING ({_stateReason}): a {SideText(side)} of {RiskText.Quantity(quantity)} does not reduce the {RiskText.Quantity(position)} position in {name} (working {SideText(side)} orders: {RiskText.Quantity(workingSameSide)})");
            }

            if (!reducing)
            {
                var opening = CheckOpening(instrument, buy, quantity, position, workingSameSide, reference, hasReference, notional);
                if (!opening.Approved)
                {
                    return opening;
                }
            }
        }

        if (isNew)
        {
            if (instrument.MaxOpenOrders is { } maxOpen)
            {
                var open = _orders.OpenOrderCount(instrument.Id);
                if (open >= maxOpen)
                {
                    return RiskDecision.Deny(RiskChecks.MaxOpenOrders, $"{name} already has {open} working orders, the limit is {maxOpen}");
                }
            }

            if (_limits.MaxTotalOpenOrders is { } maxTotalOpen)
            {
                var open = _orders.TotalOpenOrderCount;
                if (open >= maxTotalOpen)
                {
                    return RiskDecision.Deny(RiskChecks.TotalOpenOrders, $"the account already has {open} working orders, the limit is {maxTotalOpen}");
                }
            }
        }

        if (_perSecond is not null && _perSecond.IsFull(now))
        {
            return RiskDecision.Deny(RiskChecks.OrderRate, $"{_perSecond.Capacity} orders in the last second reach the limit of {_perSecond.Capacity} orders per second");
        }

        if (_perMinute is not null && _perMinute.IsFull(now))
        {
            return RiskDecision.Deny(RiskChecks.OrderRate, $"{_perMinute.Capacity} orders in the last minute reach the limit of {_perMinute.Capacity} orders per minute");
        }

        return RiskDecision.Approve;
    }

    /// <summary>The checks an order that opens or grows a position must also pass.</summary>
    private RiskDecision CheckOpening(RiskInstrument instrument, bool buy, decimal quantity, decimal position, decimal workingSameSide, decimal reference, bool hasReference, decimal notional)
    {
        var name = instrument.Name;
        var quote = instrument.QuoteAsset;
        var currency = _limits.ValuationCurrency;
        if (DailyLossBreached(instrument.Id, out var pnl, out var lossLimit, out var lossAccount))
        {
            return RiskDecision.Deny(RiskChecks.DailyLoss, DailyLossReason(pnl, lossLimit, lossAccount) + ": opening orders are refused");
        }

        // Worst case on the order's side: every working order on that side fills, then this one.
        var exposure = (buy ? position : -position) + workingSameSide + quantity;
        if (instrument.MaxPositionQuantity is { } maxPosition && exposure > maxPosition)
        {
            return RiskDecision.Deny(RiskChecks.PositionQuantity, $"{LongShort(buy)} exposure in {name} would be {RiskText.Quantity(exposure)} (position {RiskText.Quantity(position)}, working {RiskText.Quantity(workingSameSide)}, this order {RiskText.Quantity(quantity)}), above the {RiskText.Quantity(maxPosition)} position limit");
        }

        if (!hasReference)
        {
            return RiskDecision.Approve;
        }

        var exposureNotional = instrument.Notional(exposure, reference);
        if (instrument.MaxPositionNotional is { } maxPositionNotional && exposureNotional > maxPositionNotional)
        {
            return RiskDecision.Deny(RiskChecks.PositionNotional, $"{LongShort(buy)} exposure in {name} would be {RiskText.Amount(exposureNotional)} {quote} (position, working orders and this order), above the {RiskText.Number(maxPositionNotional)} {quote} position limit");
        }

        var totalNotional = _limits.MaxTotalPositionNotional is not null ? _portfolio.TotalPositionNotional : 0m;
        if (_limits.MaxTotalPositionNotional is { } maxTotal)
        {
            var current = _portfolio.PositionNotional(instrument.Id);
            var total = totalNotional - current + Math.Max(current, exposureNotional);
            if (total > maxTotal)
            {
                return RiskDecision.Deny(RiskChecks.TotalPositionNotional, $"total position notional would be {RiskText.Amount(total)} {currency} with this order's exposure in {name}, above the {RiskText.Number(maxTotal)} {currency} account limit");
            }
        }

        if (_limits.MaxLeverage is { } maxLeverage)
        {
            // Per account: margin is, so one account's equity never carries another account's positions.
            var account = _portfolio.AccountOf(instrument.Id);
            var equity = _portfolio.AccountEquity(account);
            var accountNotional = _portfolio.AccountPositionNotional(account);
            if (equity <= 0m)
            {
                return RiskDecision.Deny(RiskChecks.Leverage, $"equity is {RiskText.Amount(equity)} {currency}{AccountText(account)}: no room under the {RiskText.Number(maxLeverage)}x leverage cap");
            }

            if (accountNotional + notional > maxLeverage * equity)
            {
                var leverage = Math.Round((accountNotional + notional) / equity, 2);
                return RiskDecision.Deny(RiskChecks.Leverage, $"leverage would be {RiskText.Number(leverage)}x ((total notional {RiskText.Amount(accountNotional)} + order notional {RiskText.Amount(notional)}) / equity {RiskText.Amount(equity)} {currency}{AccountText(account)}), above the {RiskText.Number(maxLeverage)}x cap");
            }
        }

        return RiskDecision.Approve;
    }

    /// <summary>
    /// The node-wide daily loss limit, then the per-account one of <paramref name="instrument"/>'s account (of every
    /// instrument's account when <paramref name="instrument"/> is default), an account already halted aside: true with
    /// the figures of the first reached (<paramref name="account"/> null for the node-wide one).
    /// </summary>
    private bool DailyLossBreached(InstrumentId instrument, out decimal pnl, out decimal limit, out VenueAccount? account)
    {
        account = null;
        if (_limits.DailyLossLimit is { } lossLimit)
        {
            limit = lossLimit;
            pnl = _portfolio.DailyPnl;
            if (pnl <= -lossLimit)
            {
                return true;
            }
        }

        if (_limits.Accounts.Count > 0)
        {
            if (!instrument.IsDefault)
            {
                var owner = _portfolio.AccountOf(instrument);
                if (!_haltedAccounts.ContainsKey(owner) && AccountDailyLossBreached(owner, out pnl, out limit))
                {
                    account = owner;
                    return true;
                }
            }
            else
            {
                foreach (var each in _instruments)
                {
                    var owner = _portfolio.AccountOf(each.Id);
                    if (!_haltedAccounts.ContainsKey(owner) && AccountDailyLossBreached(owner, out pnl, out limit))
                    {
                        account = owner;
                        return true;
                    }
                }
            }
        }

        pnl = 0m;
        limit = 0m;
        return false;
    }

    private bool AccountDailyLossBreached(VenueAccount account, out decimal pnl, out decimal limit)
    {
        if (_limits.Accounts.TryGetValue(account.Name, out var accountLimits) && accountLimits.DailyLossLimit is { } lossLimit)
        {
            limit = lossLimit;
            pnl = _portfolio.AccountDailyPnl(account);
            return pnl <= -lossLimit;
        }

        pnl = 0m;
        limit = 0m;
        return false;
    }

    private string DailyLossReason(decimal pnl, decimal limit, VenueAccount? account) => account is { } which
        ? $"account {which}'s daily PnL {RiskText.Amount(pnl)} {_limits.ValuationCurrency} has reached its -{RiskText.Number(limit)} {_limits.ValuationCurrency} daily loss limit"
        : $"daily PnL {RiskText.Amount(pnl)} {_limits.ValuationCurrency} has reached the -{RiskText.Number(limit)} {_limits.ValuationCurrency} daily loss limit";

    /// <summary>" of account BINANCE/usdm" when the account has a name, for reasons.</summary>
    private static string AccountText(VenueAccount account) => string.IsNullOrEmpty(account.Name) ? string.Empty : $" of account {account}";

    private static RiskDecision AccountHaltedRefusal(RiskInstrument instrument, string reason) =>
        RiskDecision.Deny(RiskChecks.AccountHalted, $"{instrument.Name}'s account is HALTED ({reason}): only cancels pass on its instruments");

    private RiskDecision HaltedRefusal() =>
        RiskDecision.Deny(RiskChecks.Halted, $"trading is HALTED ({_stateReason}): only cancels pass");

    private static RiskDecision UnknownInstrument(InstrumentId id) =>
        RiskDecision.Deny(RiskChecks.UnknownInstrument, $"instrument {(id.IsDefault ? "(none)" : id.Value)} is not one the risk engine knows");

    private static string SideText(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    private static string LongShort(bool buy) => buy ? "long" : "short";
}
