namespace FlowSight.TestServers.GateIo;

/// <summary>One execution of a <see cref="GateIoPrivateExchange"/> order.</summary>
/// <param name="Id">Trade id.</param>
/// <param name="Order">The order.</param>
/// <param name="Amount">Base (spot) or contracts (futures), positive.</param>
/// <param name="Price">Price.</param>
/// <param name="Role"><c>maker</c> or <c>taker</c>.</param>
/// <param name="Fee">Fee charged.</param>
/// <param name="FeeCurrency">Its currency.</param>
/// <param name="TimeMs">Unix ms.</param>
public sealed record GateIoPrivateTrade(long Id, GateIoPrivateOrder Order, decimal Amount, decimal Price, string Role, decimal Fee, string FeeCurrency, long TimeMs);
