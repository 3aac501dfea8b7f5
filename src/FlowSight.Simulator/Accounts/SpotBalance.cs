using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>One asset of a spot wallet (Binance <c>outboundAccountPosition</c>: free <c>f</c>, locked <c>l</c>).</summary>
/// <param name="Free">Spendable now.</param>
/// <param name="Locked">Held by open orders until they fill, are canceled or expire.</param>
public readonly record struct SpotBalance(Money Free, Money Locked)
{
    /// <summary>Free plus locked.</summary>
    public Money Total => Free + Locked;
}
