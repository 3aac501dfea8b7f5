using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Accounts;

/// <summary>Order events in: locks on New, settlement on fills, releases on cancel / expiry.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>
    /// Applies one order event to its account and returns it with <see cref="OrderEvent.Commission"/>,
    /// <see cref="OrderEvent.CommissionAsset"/> and <see cref="OrderEvent.RealizedPnl"/> set for a fill. New locks
    /// (spot funds, or futures order margin); a fill releases its share of the lock and settles; Canceled, Expired and
    /// Rejected release what is left; Amended re-locks the remainder at the new price. Events of unknown instruments pass through.
    /// </summary>
    public OrderEvent Apply(in OrderEvent orderEvent)
    {
        if (IsHouseAccount(orderEvent.AccountId) || !_instrumentsById.TryGetValue(orderEvent.Instrument, out var instrument))
        {
            return orderEvent;
        }

        switch (orderEvent.ExecutionType)
        {
            case ExecutionType.New:
                OnNew(instrument, orderEvent);
                return orderEvent;
            case ExecutionType.Triggered:
                OnTriggered(instrument, orderEvent);
                return orderEvent;
            case ExecutionType.Trade:
                return OnFill(instrument, orderEvent);
            case ExecutionType.Amended:
                OnAmended(instrument, orderEvent);
                return orderEvent;
            case ExecutionType.Canceled or ExecutionType.Expired or ExecutionType.Rejected:
                if (orderEvent.OrderId == 0 || orderEvent.ExecutionType == ExecutionType.Rejected)
                {
                    _pending = default;
                }

                Release(orderEvent.OrderId, orderEvent.Timestamp);
                return orderEvent;
            default:
                return orderEvent;
        }
    }

    private void OnNew(AccountedInstrument instrument, in OrderEvent e)
    {
        var account = AccountOf(e.AccountId);
        var reference = _pending.IsSet && _pending.AccountId == e.AccountId && _pending.Instrument == e.Instrument
                        && _pending.ClientOrderId == e.ClientOrderId && _pending.Side == e.Side
            ? _pending.ReferencePrice
            : default;
        _pending = default;
        var price = LockPrice(e.Type, e.Price, e.TriggerPrice, reference);
        var remaining = instrument.QuantityRaw(e.Quantity) - instrument.QuantityRaw(e.CumulativeQuantity);
        var orderLock = new OpenOrderLock { AccountId = e.AccountId, InstrumentIndex = instrument.Index, RemainingRaw = remaining };
        if (instrument.IsSpot)
        {
            var amount = SpotLockRaw(instrument, e.Side, price, remaining, out var asset);
            amount = Math.Min(amount, Math.Max(0, account.SpotFree[asset])); // never drive free negative
            account.SpotFree[asset] -= amount;
            account.SpotLocked[asset] += amount;
            orderLock.Asset = asset;
            orderLock.LockedRaw = amount;
            EmitBalance(account, WalletKind.Spot, asset, AccountUpdateReason.Order, 0, e.Timestamp);
        }
        else
        {
            orderLock.Asset = instrument.SettleAsset;
            if (IsConditional(e.Type) && e.Status == OrderStatus.Untriggered)
            {
                orderLock.WaitingForTrigger = true;
            }
            else
            {
                orderLock.LockedRaw = OrderMarginRaw(account, instrument, e.Side, e.PositionSide, e.ReduceOnly, price, remaining);
                account.OrderMargin[orderLock.Asset] += orderLock.LockedRaw;
            }
        }

        if (remaining > 0 && _locks.TryAdd(e.OrderId, orderLock))
        {
            account.OpenOrders[instrument.Index]++;
        }
        else if (instrument.IsSpot)
        {
            account.SpotFree[orderLock.Asset] += orderLock.LockedRaw;
            account.SpotLocked[orderLock.Asset] -= orderLock.LockedRaw;
        }
        else
        {
            account.OrderMargin[orderLock.Asset] -= orderLock.LockedRaw;
        }
    }

    private void OnTriggered(AccountedInstrument instrument, in OrderEvent e)
    {
        ref var orderLock = ref CollectionsMarshal.GetValueRefOrNullRef(_locks, e.OrderId);
        if (Unsafe.IsNullRef(ref orderLock) || instrument.IsSpot || !orderLock.WaitingForTrigger)
        {
            return;
        }

        var account = AccountOf(e.AccountId);
        var price = e.Type is OrderType.StopLimit or OrderType.TakeProfitLimit ? e.Price
            : instrument.HasMark ? instrument.Mark
            : e.TriggerPrice;
        orderLock.WaitingForTrigger = false;
        orderLock.LockedRaw = OrderMarginRaw(account, instrument, e.Side, e.PositionSide, e.ReduceOnly, price, orderLock.RemainingRaw);
        account.OrderMargin[orderLock.Asset] += orderLock.LockedRaw;
    }

    private void OnAmended(AccountedInstrument instrument, in OrderEvent e)
    {
        ref var orderLock = ref CollectionsMarshal.GetValueRefOrNullRef(_locks, e.OrderId);
        if (Unsafe.IsNullRef(ref orderLock))
        {
            return;
        }

        var account = AccountOf(e.AccountId);
        var remaining = instrument.QuantityRaw(e.Quantity) - instrument.QuantityRaw(e.CumulativeQuantity);
        orderLock.RemainingRaw = Math.Max(0, remaining);
        if (instrument.IsSpot)
        {
            account.SpotFree[orderLock.Asset] += orderLock.LockedRaw;
            account.SpotLocked[orderLock.Asset] -= orderLock.LockedRaw;
            var amount = Math.Min(SpotLockRaw(instrument, e.Side, e.Price, orderLock.RemainingRaw, out _), Math.Max(0, account.SpotFree[orderLock.Asset]));
            account.SpotFree[orderLock.Asset] -= amount;
            account.SpotLocked[orderLock.Asset] += amount;
            orderLock.LockedRaw = amount;
            EmitBalance(account, WalletKind.Spot, orderLock.Asset, AccountUpdateReason.Order, 0, e.Timestamp);
        }
        else if (!orderLock.WaitingForTrigger)
        {
            account.OrderMargin[orderLock.Asset] -= orderLock.LockedRaw;
            orderLock.LockedRaw = OrderMarginRaw(account, instrument, e.Side, e.PositionSide, e.ReduceOnly, e.Price, orderLock.RemainingRaw);
            account.OrderMargin[orderLock.Asset] += orderLock.LockedRaw;
        }
    }

    private void Release(long orderId, long timestamp)
    {
        if (orderId == 0 || !_locks.Remove(orderId, out var orderLock))
        {
            return;
        }

        var account = AccountOf(orderLock.AccountId);
        account.OpenOrders[orderLock.InstrumentIndex]--;
        if (_instruments[orderLock.InstrumentIndex].IsSpot)
        {
            account.SpotFree[orderLock.Asset] += orderLock.LockedRaw;
            account.SpotLocked[orderLock.Asset] -= orderLock.LockedRaw;
            EmitBalance(account, WalletKind.Spot, orderLock.Asset, AccountUpdateReason.Order, 0, timestamp);
        }
        else
        {
            account.OrderMargin[orderLock.Asset] -= orderLock.LockedRaw;
        }
    }

    /// <summary>The share of the order's lock that backs a fill of <paramref name="filled"/>: proportional, the last fill taking the rest.</summary>
    private long TakeLockShare(in OrderEvent e, long filled, out int asset)
    {
        asset = -1;
        ref var orderLock = ref CollectionsMarshal.GetValueRefOrNullRef(_locks, e.OrderId);
        if (Unsafe.IsNullRef(ref orderLock))
        {
            return 0;
        }

        asset = orderLock.Asset;
        var closes = filled >= orderLock.RemainingRaw || e.Status.IsTerminal();
        var share = closes ? orderLock.LockedRaw : MulDiv(orderLock.LockedRaw, filled, orderLock.RemainingRaw);
        orderLock.LockedRaw -= share;
        orderLock.RemainingRaw -= Math.Min(filled, orderLock.RemainingRaw);
        if (closes)
        {
            var accountId = orderLock.AccountId;
            var index = orderLock.InstrumentIndex;
            _locks.Remove(e.OrderId);
            AccountOf(accountId).OpenOrders[index]--;
        }

        return share;
    }

    private OrderEvent OnFill(AccountedInstrument instrument, in OrderEvent e)
    {
        var account = AccountOf(e.AccountId);
        var quantity = instrument.QuantityRaw(e.LastQuantity);
        var price = e.LastPrice;
        var rate = e.Liquidity == LiquiditySide.Maker ? instrument.MakerRate : instrument.TakerRate;
        var share = TakeLockShare(e, quantity, out var lockedAsset);
        if (instrument.IsSpot)
        {
            return SettleSpotFill(account, instrument, e, quantity, price, rate, share, lockedAsset);
        }

        if (lockedAsset >= 0)
        {
            account.OrderMargin[lockedAsset] -= share;
        }

        var notional = instrument.NotionalRaw(price, quantity);
        var fee = rate.Apply(notional, RoundingMode.Up);
        var settle = instrument.SettleAsset;
        account.CrossWallet[settle] -= fee;
        if (!instrument.HasMark)
        {
            instrument.Mark = price;
            instrument.HasMark = true;
        }

        var position = LegOf(account, instrument, e.Side, e.PositionSide);
        var pnl = ApplyToPosition(account, position, e.Side, price, quantity);
        EmitPosition(account, position, AccountUpdateReason.Order, e.Timestamp);
        EmitBalance(account, WalletKind.Futures, settle, AccountUpdateReason.Order, 0, e.Timestamp);
        return e with { Commission = M(fee), CommissionAsset = _assets[settle], RealizedPnl = M(pnl) };
    }

    /// <summary>
    /// A spot fill: the buyer receives base less the fee (charged in the asset received, as Binance does without BNB),
    /// pays price × quantity out of the fill's share of its lock and gets the surplus back; the seller delivers base from
    /// its lock and receives quote less the fee.
    /// </summary>
    private OrderEvent SettleSpotFill(AccountState account, AccountedInstrument instrument, in OrderEvent e, long quantity, Price price, ScaledRate rate, long share, int lockedAsset)
    {
        var cost = instrument.NotionalRaw(price, quantity);
        var baseAmount = instrument.BaseMoneyRaw(quantity);
        long fee;
        int feeAsset;
        if (e.Side == OrderSide.Buy)
        {
            var quote = instrument.QuoteAsset;
            if (lockedAsset == quote)
            {
                account.SpotLocked[quote] -= share;
                account.SpotFree[quote] += share;
            }

            account.SpotFree[quote] -= cost;
            feeAsset = instrument.BaseAsset;
            fee = rate.Apply(baseAmount, RoundingMode.Up);
            account.SpotFree[feeAsset] += baseAmount - fee;
        }
        else
        {
            var baseAsset = instrument.BaseAsset;
            if (lockedAsset == baseAsset)
            {
                account.SpotLocked[baseAsset] -= share;
                account.SpotFree[baseAsset] += share;
            }

            account.SpotFree[baseAsset] -= baseAmount;
            feeAsset = instrument.QuoteAsset;
            fee = rate.Apply(cost, RoundingMode.Up);
            account.SpotFree[feeAsset] += cost - fee;
        }

        EmitBalance(account, WalletKind.Spot, instrument.BaseAsset, AccountUpdateReason.Order, 0, e.Timestamp);
        EmitBalance(account, WalletKind.Spot, instrument.QuoteAsset, AccountUpdateReason.Order, 0, e.Timestamp);
        return e with { Commission = M(fee), CommissionAsset = _assets[feeAsset] };
    }

    private static PositionState LegOf(AccountState account, AccountedInstrument instrument, OrderSide side, PositionSide positionSide)
    {
        var leg = account.Mode == PositionMode.OneWay ? PositionSide.Both
            : positionSide != PositionSide.Both ? positionSide
            : side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;
        return account.Position(instrument, leg);
    }

    /// <summary>
    /// Adds a fill to a position and returns the PnL it realised: an opening fill adds its notional to the entry
    /// notional (and, isolated, moves notional ÷ leverage from the cross wallet into the isolated wallet); a closing fill
    /// realises ±(fill notional − the closed share of the entry notional) into the wallet and, isolated, returns the
    /// closed share of the isolated wallet to the cross wallet; a one-way fill beyond the position opens the other way.
    /// </summary>
    private static long ApplyToPosition(AccountState account, PositionState position, OrderSide side, Price price, long quantity)
    {
        var instrument = position.Instrument;
        var isolated = account.MarginTypes[instrument.Index] == MarginType.Isolated;
        var settle = instrument.SettleAsset;
        var sign = side.Sign();
        if (position.SizeRaw == 0 || position.Sign == sign)
        {
            Open(quantity);
            return 0;
        }

        var closed = Math.Min(quantity, position.SizeRaw);
        var sizeBefore = position.SizeRaw;
        var entryShare = closed == sizeBefore ? position.EntryNotionalRaw : MulDiv(position.EntryNotionalRaw, closed, sizeBefore);
        var pnl = position.Sign * (instrument.NotionalRaw(price, closed) - entryShare);
        position.EntryNotionalRaw -= entryShare;
        position.SizeRaw -= closed;
        position.RealizedPnlRaw += pnl;
        if (isolated)
        {
            position.IsolatedWalletRaw += pnl;
            var released = position.SizeRaw == 0 ? position.IsolatedWalletRaw : MulDiv(position.IsolatedWalletRaw, closed, sizeBefore);
            position.IsolatedWalletRaw -= released;
            account.CrossWallet[settle] += released;
        }
        else
        {
            account.CrossWallet[settle] += pnl;
        }

        if (position.SizeRaw == 0)
        {
            position.Direction = PositionDirection.Flat;
            position.EntryNotionalRaw = 0;
        }

        if (quantity > closed)
        {
            Open(quantity - closed);
        }

        return pnl;

        void Open(long opened)
        {
            var notional = instrument.NotionalRaw(price, opened);
            position.Direction = sign > 0 ? PositionDirection.Long : PositionDirection.Short;
            position.SizeRaw += opened;
            position.EntryNotionalRaw += notional;
            if (isolated)
            {
                var margin = CeilDiv(notional, account.Leverage[instrument.Index]);
                account.CrossWallet[settle] -= margin;
                position.IsolatedWalletRaw += margin;
            }
        }
    }
}
