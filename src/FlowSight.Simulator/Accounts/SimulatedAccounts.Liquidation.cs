using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Accounts;

/// <summary>Liquidation: finding breached positions and taking them over at the bankruptcy price.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>
    /// Adds to <paramref name="destination"/> the positions to liquidate after <paramref name="instrument"/>'s mark or
    /// funding changed: isolated positions on it whose isolated wallet + unrealised PnL ≤ maintenance margin, and, for
    /// accounts with a cross position on it whose cross margin balance ≤ cross maintenance margin, every cross position
    /// of that settle asset. Accounts in creation order, instruments in listing order, legs Both/Long/Short.
    /// </summary>
    /// <returns>How many were added.</returns>
    public int FindLiquidations(InstrumentId instrument, List<LiquidationCandidate> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var accounted = InstrumentOf(instrument);
        if (accounted.IsSpot)
        {
            return 0;
        }

        var before = destination.Count;
        foreach (var account in _accountList)
        {
            var isolated = account.MarginTypes[accounted.Index] == MarginType.Isolated;
            var hasCross = false;
            for (var side = 0; side < 3; side++)
            {
                var position = account.PositionOrNull(accounted.Index, (PositionSide)side);
                if (position is not { SizeRaw: > 0 })
                {
                    continue;
                }

                if (!isolated)
                {
                    hasCross = true;
                    continue;
                }

                var notional = MarkNotionalRaw(position);
                if (position.IsolatedWalletRaw + UnrealizedPnlRaw(position, notional) <= MaintenanceMarginRaw(accounted, notional))
                {
                    destination.Add(new LiquidationCandidate(account.Id, instrument, position.PositionSide, MarginType.Isolated));
                }
            }

            if (!hasCross)
            {
                continue;
            }

            var balance = Valuate(account, accounted.SettleAsset);
            if (balance.CrossMarginBalance > balance.CrossMaintenanceMargin)
            {
                continue;
            }

            foreach (var other in _instruments)
            {
                if (other.IsSpot || other.SettleAsset != accounted.SettleAsset || account.MarginTypes[other.Index] == MarginType.Isolated)
                {
                    continue;
                }

                for (var side = 0; side < 3; side++)
                {
                    if (account.PositionOrNull(other.Index, (PositionSide)side) is { SizeRaw: > 0 } leg)
                    {
                        destination.Add(new LiquidationCandidate(account.Id, other.Instrument.Id, leg.PositionSide, MarginType.Cross));
                    }
                }
            }
        }

        return destination.Count - before;
    }

    /// <summary>
    /// Takes over a position (its account's open orders should be canceled first): it is closed at its bankruptcy
    /// price, where the margin backing it is used up — isolated: the isolated wallet; cross: the cross margin balance,
    /// shared among the account's cross positions in proportion to their maintenance margin, the last taking the rest.
    /// The bankruptcy price is rounded to the tick in the account's favour (long up, short down); the account then loses
    /// exactly that margin (isolated wallet, or the whole cross wallet once its last cross position is gone) and the
    /// insurance fund receives the margin balance at the mark: the position's PnL between mark and bankruptcy price,
    /// plus what rounding left in the wallet (an INSURANCE_CLEAR). No fee is charged: the clearance is the fee.
    /// </summary>
    /// <param name="candidate">The position, from <see cref="FindLiquidations"/>.</param>
    /// <param name="orderId">The exchange order id for the liquidation order.</param>
    /// <param name="timestamp">Exchange time.</param>
    /// <param name="fill">The liquidation fill as an order event (<see cref="ExecutionType.Liquidation"/>, Filled, taker).</param>
    /// <returns>False when the position is already flat.</returns>
    public bool TryLiquidate(in LiquidationCandidate candidate, long orderId, long timestamp, out OrderEvent fill)
    {
        fill = default;
        var instrument = InstrumentOf(candidate.Instrument);
        var account = AccountOf(candidate.AccountId);
        var position = account.PositionOrNull(instrument.Index, candidate.PositionSide);
        if (position is not { SizeRaw: > 0 })
        {
            return false;
        }

        var settle = instrument.SettleAsset;
        var isolated = account.MarginTypes[instrument.Index] == MarginType.Isolated;
        var markNotional = MarkNotionalRaw(position);
        var upnl = UnrealizedPnlRaw(position, markNotional);
        var maintenance = MaintenanceMarginRaw(instrument, markNotional);
        long marginBalance, share;
        var lastCross = false;
        if (isolated)
        {
            marginBalance = position.IsolatedWalletRaw + upnl;
            share = marginBalance;
        }
        else
        {
            var balance = Valuate(account, settle);
            marginBalance = balance.CrossMarginBalance.Raw;
            var totalMaintenance = balance.CrossMaintenanceMargin.Raw;
            lastCross = CrossPositionCount(account, settle) == 1;
            share = lastCross || totalMaintenance <= 0 ? marginBalance : MulDiv(marginBalance, maintenance, totalMaintenance);
        }

        // Realised PnL at the bankruptcy price = unrealised PnL at the mark − the margin share.
        var sign = position.Sign;
        var size = instrument.Quantity(position.SizeRaw);
        var entry = M(position.EntryNotionalRaw).ToDecimal();
        var target = M(upnl - share).ToDecimal();
        var exact = (entry + (sign * target)) / (size.ToDecimal() * instrument.Multiplier);
        var bankruptcy = exact <= 0m
            ? Price.Zero(instrument.PricePrecision)
            : instrument.RoundPrice(exact, sign > 0 ? RoundingMode.Up : RoundingMode.Down);
        var fillNotional = instrument.NotionalRaw(bankruptcy, position.SizeRaw);
        var pnl = sign * (fillNotional - position.EntryNotionalRaw);
        var insurance = sign * (markNotional - fillNotional);
        var direction = position.Direction;

        position.RealizedPnlRaw += pnl;
        position.SizeRaw = 0;
        position.EntryNotionalRaw = 0;
        position.Direction = PositionDirection.Flat;
        long residual = 0;
        if (isolated)
        {
            residual = position.IsolatedWalletRaw + pnl;
            position.IsolatedWalletRaw = 0;
        }
        else
        {
            account.CrossWallet[settle] += pnl;
            if (lastCross)
            {
                residual = account.CrossWallet[settle];
                account.CrossWallet[settle] = 0;
            }
        }

        insurance += residual;
        _insuranceFund[settle] += insurance;

        EmitPosition(account, position, AccountUpdateReason.Order, timestamp);
        EmitBalance(account, WalletKind.Futures, settle, AccountUpdateReason.Order, 0, timestamp);
        _sink?.OnLiquidation(new LiquidationEvent(
            account.Id, candidate.Instrument, candidate.PositionSide, isolated ? MarginType.Isolated : MarginType.Cross, direction, size,
            instrument.Mark, bankruptcy, M(marginBalance), M(maintenance), M(pnl), M(insurance), timestamp));
        if (residual != 0)
        {
            EmitBalance(account, WalletKind.Futures, settle, AccountUpdateReason.InsuranceClear, -residual, timestamp);
        }

        var closingSide = direction == PositionDirection.Long ? OrderSide.Sell : OrderSide.Buy;
        fill = new OrderEvent
        {
            AccountId = account.Id,
            Instrument = candidate.Instrument,
            OrderId = orderId,
            Side = closingSide,
            PositionSide = candidate.PositionSide,
            Type = OrderType.Market,
            TimeInForce = TimeInForce.Ioc,
            ReduceOnly = true,
            Price = bankruptcy,
            Quantity = size,
            ExecutionType = ExecutionType.Liquidation,
            Status = OrderStatus.Filled,
            LastQuantity = size,
            LastPrice = bankruptcy,
            CumulativeQuantity = size,
            CumulativeQuote = bankruptcy.Notional(size, MoneyPrecision, RoundingMode.ToEven),
            Liquidity = LiquiditySide.Taker,
            Commission = M(0),
            CommissionAsset = _assets[settle],
            RealizedPnl = M(pnl),
            Timestamp = timestamp,
        };
        return true;
    }

    private int CrossPositionCount(AccountState account, int asset)
    {
        var count = 0;
        foreach (var instrument in _instruments)
        {
            if (instrument.IsSpot || instrument.SettleAsset != asset || account.MarginTypes[instrument.Index] == MarginType.Isolated)
            {
                continue;
            }

            for (var side = 0; side < 3; side++)
            {
                if (account.PositionOrNull(instrument.Index, (PositionSide)side) is { SizeRaw: > 0 })
                {
                    count++;
                }
            }
        }

        return count;
    }
}
