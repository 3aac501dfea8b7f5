namespace FlowSight.Simulator.Matching;

/// <summary>A Binance USDⓈ-M error as its REST API returns it: <c>{"code":-4014,"msg":"Price not increased by tick size."}</c>.</summary>
/// <param name="Code">The error code (0: not an error, e.g. an order expired by self-trade prevention).</param>
/// <param name="Message">The message; <c>%s</c> stands where Binance puts a value (the min notional of -4164).</param>
public readonly record struct BinanceReject(int Code, string Message);
