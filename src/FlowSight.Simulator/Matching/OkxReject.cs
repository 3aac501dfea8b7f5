namespace FlowSight.Simulator.Matching;

/// <summary>
/// An OKX v5 order result: <c>sCode</c>/<c>sMsg</c> in the <c>data</c> of <c>POST /api/v5/trade/order</c>. Some
/// refusals are not errors on OKX: the order is accepted (<c>sCode</c> "0") and then canceled by the system, with
/// <see cref="CancelSource"/> on the orders channel (null where the docs name none: the order is canceled by OKX).
/// </summary>
public readonly record struct OkxReject(string SCode, string SMsg, string? CancelSource = null);
