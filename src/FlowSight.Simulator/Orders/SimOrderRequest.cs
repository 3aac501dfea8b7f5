using FlowSight.Core;

namespace FlowSight.Simulator.Orders;

/// <summary>A new order sent to the simulated exchange by account <see cref="AccountId"/>.</summary>
/// <param name="AccountId">Whose order; the synthetic market's own participants use accounts of their own.</param>
/// <param name="Instrument">The instrument to trade.</param>
/// <param name="ClientOrderId">The sender's id (may be default: the exchange then makes one up).</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit, stop or take-profit.</param>
/// <param name="TimeInForce">GTC, IOC, FOK or GTX (post-only); market orders ignore it.</param>
/// <param name="Quantity">In the instrument's quantity units (contracts where the venue quotes contracts).</param>
/// <param name="Price">The limit price; default for market and stop-market orders.</param>
/// <param name="TriggerPrice">The stop / take-profit trigger; default otherwise.</param>
/// <param name="ReduceOnly">Only reduces a position (derivatives).</param>
/// <param name="PositionSide">Hedge-mode leg; <see cref="Core.PositionSide.Both"/> in one-way mode and on spot.</param>
/// <param name="SelfTradePrevention">What to do when it would trade with the same account's resting order.</param>
/// <param name="WorkingType">The price a stop or take-profit watches: last trade (default) or mark.</param>
public readonly record struct SimOrderRequest(
    int AccountId,
    InstrumentId Instrument,
    ClientOrderId ClientOrderId,
    OrderSide Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Quantity Quantity,
    Price Price = default,
    Price TriggerPrice = default,
    bool ReduceOnly = false,
    PositionSide PositionSide = PositionSide.Both,
    SelfTradePrevention SelfTradePrevention = SelfTradePrevention.None,
    WorkingType WorkingType = WorkingType.ContractPrice);
