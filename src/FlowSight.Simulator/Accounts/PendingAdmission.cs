using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// The last order admitted, kept until its New event arrives: a market order's lock uses the reference price the market
/// gave at admission (the worst price of the book walk), which the New event does not carry.
/// </summary>
internal struct PendingAdmission
{
    public bool IsSet;
    public int AccountId;
    public InstrumentId Instrument;
    public ClientOrderId ClientOrderId;
    public OrderSide Side;
    public Price ReferencePrice;
}
