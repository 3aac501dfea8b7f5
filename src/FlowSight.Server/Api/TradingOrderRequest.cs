namespace FlowSight.Server.Api;

/// <summary>
/// The body of <c>POST /api/orders</c> as the OpenAPI document shows it. The endpoint parses the JSON itself (so each
/// error names its field); quantity and price may be JSON numbers or strings, and are exact at the instrument's precision.
/// </summary>
/// <param name="Instrument">FlowSight id, e.g. <c>BTCUSDT-PERP.BINANCE</c>.</param>
/// <param name="Side"><c>buy</c> or <c>sell</c>.</param>
/// <param name="Type"><c>limit</c> or <c>market</c>.</param>
/// <param name="Quantity">Positive, at most the step size's decimals.</param>
/// <param name="Price">Limit price (limit orders only), at most the tick size's decimals.</param>
/// <param name="PostOnly">Maker only (time in force gtx).</param>
/// <param name="ReduceOnly">Only reduces a position.</param>
/// <param name="TimeInForce"><c>gtc</c> (default), <c>ioc</c>, <c>fok</c> or <c>gtx</c>.</param>
/// <param name="ClientOrderId">Our id for the order; one is generated when absent.</param>
public sealed record TradingOrderRequest(
    string Instrument, string Side, string Type, string Quantity, string? Price, bool? PostOnly, bool? ReduceOnly,
    string? TimeInForce, string? ClientOrderId);
