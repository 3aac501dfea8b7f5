using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Accounts;

/// <summary>Order admission: balance and margin checks before an order reaches the book.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>
    /// Spot: the free quote (buy: lock price × quantity, rounded up) or base (sell: quantity) must cover the order.
    /// Perpetual: the position side must fit the mode; reduce-only (and hedge-mode closing) orders need an opposite
    /// position; other orders need available balance ≥ initial margin of the part that opens exposure (lock price ×
    /// quantity × multiplier ÷ leverage, rounded up), and the resulting position must stay within the notional the
    /// leverage's bracket allows. Conditional orders are checked for margin when they trigger (Binance).
    /// </summary>
    public RejectReason Admit(in SimOrderRequest request, Price referencePrice)
    {
        _pending = default;
        if (IsHouseAccount(request.AccountId))
        {
            return RejectReason.None;
        }

        if (!_instrumentsById.TryGetValue(request.Instrument, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        var account = AccountOf(request.AccountId);
        var quantity = instrument.QuantityRaw(request.Quantity);
        var lockPrice = LockPrice(request.Type, request.Price, request.TriggerPrice, referencePrice);
        _pending = new PendingAdmission
        {
            IsSet = true,
            AccountId = request.AccountId,
            Instrument = request.Instrument,
            ClientOrderId = request.ClientOrderId,
            Side = request.Side,
            ReferencePrice = lockPrice,
        };
        return instrument.IsSpot
            ? AdmitSpot(account, instrument, request, quantity, lockPrice)
            : AdmitFutures(account, instrument, request, quantity, lockPrice);
    }

    /// <inheritdoc/>
    public Quantity ReduceOnlyCapacity(int accountId, InstrumentId instrument, OrderSide side, PositionSide positionSide)
    {
        if (IsHouseAccount(accountId))
        {
            return Quantity.FromRaw(long.MaxValue, 0);
        }

        if (!_instrumentsById.TryGetValue(instrument, out var accounted) || accounted.IsSpot || !_accounts.TryGetValue(accountId, out var account))
        {
            return Quantity.Zero(0);
        }

        return accounted.Quantity(ReduceCapacityRaw(account, accounted, side, positionSide));
    }

    private static long ReduceCapacityRaw(AccountState account, AccountedInstrument instrument, OrderSide side, PositionSide positionSide)
    {
        PositionState? position;
        if (account.Mode == PositionMode.OneWay)
        {
            position = account.PositionOrNull(instrument.Index, PositionSide.Both);
        }
        else
        {
            // A hedge leg is reduced by the opposite side: sell closes the long leg, buy the short one.
            var closes = (positionSide == PositionSide.Long && side == OrderSide.Sell) || (positionSide == PositionSide.Short && side == OrderSide.Buy);
            position = closes ? account.PositionOrNull(instrument.Index, positionSide) : null;
        }

        return position is { SizeRaw: > 0 } && position.Sign == -side.Sign() ? position.SizeRaw : 0;
    }

    private static Price LockPrice(OrderType type, Price price, Price triggerPrice, Price referencePrice) => type switch
    {
        OrderType.Limit or OrderType.StopLimit or OrderType.TakeProfitLimit => price,
        OrderType.Market => referencePrice,
        _ => triggerPrice,
    };

    private static bool IsConditional(OrderType type) => type is not (OrderType.Limit or OrderType.Market);

    private static bool IsHedgeClose(AccountState account, OrderSide side, PositionSide positionSide) =>
        account.Mode == PositionMode.Hedge
        && ((positionSide == PositionSide.Long && side == OrderSide.Sell) || (positionSide == PositionSide.Short && side == OrderSide.Buy));

    private static RejectReason AdmitSpot(AccountState account, AccountedInstrument instrument, in SimOrderRequest request, long quantity, Price lockPrice)
    {
        if (request.ReduceOnly)
        {
            return RejectReason.ReduceOnlyRejected;
        }

        if (request.PositionSide != PositionSide.Both)
        {
            return RejectReason.PositionSideMismatch;
        }

        return SpotLockRaw(instrument, request.Side, lockPrice, quantity, out var asset) > account.SpotFree[asset]
            ? RejectReason.InsufficientBalance
            : RejectReason.None;
    }

    /// <summary>What a spot order locks: the quote a buy may spend (rounded up) or the base a sell delivers.</summary>
    private static long SpotLockRaw(AccountedInstrument instrument, OrderSide side, Price lockPrice, long quantity, out int asset)
    {
        if (side == OrderSide.Sell)
        {
            asset = instrument.BaseAsset;
            return instrument.BaseMoneyRaw(quantity);
        }

        asset = instrument.QuoteAsset;
        return lockPrice.Raw <= 0
            ? 0
            : lockPrice.Notional(instrument.Quantity(quantity), MoneyPrecision, RoundingMode.Up).Raw;
    }

    private RejectReason AdmitFutures(AccountState account, AccountedInstrument instrument, in SimOrderRequest request, long quantity, Price lockPrice)
    {
        var modeFits = account.Mode == PositionMode.OneWay
            ? request.PositionSide == PositionSide.Both
            : request.PositionSide != PositionSide.Both;
        if (!modeFits)
        {
            return RejectReason.PositionSideMismatch;
        }

        if (request.ReduceOnly || IsHedgeClose(account, request.Side, request.PositionSide))
        {
            return ReduceCapacityRaw(account, instrument, request.Side, request.PositionSide) > 0 ? RejectReason.None : RejectReason.ReduceOnlyRejected;
        }

        if (IsConditional(request.Type) || lockPrice.Raw <= 0)
        {
            return RejectReason.None;
        }

        var leverage = account.Leverage[instrument.Index];
        var opening = quantity - OneWayOffsetRaw(account, instrument, request.Side, quantity);
        var leg = account.PositionOrNull(instrument.Index, request.PositionSide);
        var held = leg is { SizeRaw: > 0 } && leg.Sign == request.Side.Sign() ? leg.SizeRaw : 0;
        if (opening > 0 && instrument.NotionalRaw(lockPrice, held + opening) > instrument.Brackets.MaxNotionalAt(leverage).Raw)
        {
            return RejectReason.LeverageTooHigh;
        }

        var required = OpeningMarginRaw(instrument, request.Side, lockPrice, opening, leverage);
        return required > Valuate(account, instrument.SettleAsset).AvailableBalance.Raw
            ? RejectReason.InsufficientMargin
            : RejectReason.None;
    }

    /// <summary>In one-way mode, the part of an order that closes the opposite position needs no margin.</summary>
    private static long OneWayOffsetRaw(AccountState account, AccountedInstrument instrument, OrderSide side, long quantity)
    {
        if (account.Mode != PositionMode.OneWay)
        {
            return 0;
        }

        var position = account.PositionOrNull(instrument.Index, PositionSide.Both);
        return position is { SizeRaw: > 0 } && position.Sign == -side.Sign() ? Math.Min(quantity, position.SizeRaw) : 0;
    }

    /// <summary>Initial margin an open futures order holds: the opening part's notional ÷ leverage, rounded up.</summary>
    private static long OrderMarginRaw(AccountState account, AccountedInstrument instrument, OrderSide side, PositionSide positionSide, bool reduceOnly, Price price, long quantity)
    {
        if (reduceOnly || IsHedgeClose(account, side, positionSide) || price.Raw <= 0)
        {
            return 0;
        }

        var opening = quantity - OneWayOffsetRaw(account, instrument, side, quantity);
        return opening <= 0 ? 0 : OpeningMarginRaw(instrument, side, price, opening, account.Leverage[instrument.Index]);
    }

    /// <summary>
    /// Binance's order initial margin: notional ÷ leverage (rounded up) plus the open loss against the mark — a buy
    /// above the mark or a sell below it would start at a loss of |price − mark| × quantity × multiplier.
    /// </summary>
    private static long OpeningMarginRaw(AccountedInstrument instrument, OrderSide side, Price price, long opening, int leverage)
    {
        var notional = instrument.NotionalRaw(price, opening);
        var margin = CeilDiv(notional, leverage);
        if (instrument.HasMark)
        {
            var atMark = instrument.NotionalRaw(instrument.Mark, opening);
            margin += Math.Max(0, side == OrderSide.Buy ? notional - atMark : atMark - notional);
        }

        return margin;
    }
}
