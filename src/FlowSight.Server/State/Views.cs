// The JSON shapes of the API, the WebSocket push and the dashboard (camelCase on the wire). Prices and sizes are
// decimals converted from the engine's fixed point at snapshot time; times are Unix milliseconds.
#pragma warning disable SA1402, CA1724 // The wire contract reads best in one place.
namespace FlowSight.Server.State;

/// <summary>An instrument the server shows.</summary>
public sealed record InstrumentView(
    string Id, string Venue, string Symbol, string Kind, string Base, string Quote, string Settle,
    decimal TickSize, decimal StepSize, decimal MinQuantity, decimal MinNotional, decimal Multiplier,
    int PricePrecision, int SizePrecision);

/// <summary>One price level.</summary>
public sealed record BookLevelView(decimal Price, decimal Size);

/// <summary>A book's top levels (best first on both sides) as of <paramref name="UpdatedAt"/>.</summary>
public sealed record BookView(string Instrument, long UpdatedAt, long Updates, bool InSync, IReadOnlyList<BookLevelView> Bids, IReadOnlyList<BookLevelView> Asks);

/// <summary>A public trade; <paramref name="Side"/> is the aggressor, <c>buy</c> or <c>sell</c>.</summary>
public sealed record TradeView(string Instrument, decimal Price, decimal Size, string Side, long TradeId, long Time);

/// <summary>A candle; <paramref name="OpenTime"/> in Unix milliseconds.</summary>
public sealed record CandleView(long OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, long Trades, bool Closed);

/// <summary>An order as the order manager knows it.</summary>
public sealed record OrderView(
    string ClientOrderId, string? VenueOrderId, string Instrument, string Side, string Type, decimal Quantity,
    decimal? Price, decimal? TriggerPrice, string TimeInForce, bool ReduceOnly, string Status, decimal Filled,
    decimal? AveragePrice, decimal Fees, string? FeeAsset, string? Reason, long CreatedAt, long UpdatedAt);

/// <summary>One fill of one of our orders.</summary>
public sealed record FillView(
    string ClientOrderId, string Instrument, string Side, decimal Price, decimal Quantity, decimal Fee,
    string? FeeAsset, string Liquidity, string TradeId, long Time);

/// <summary>A position; <paramref name="Quantity"/> is signed (negative short).</summary>
public sealed record PositionView(
    string Instrument, string PositionSide, decimal Quantity, decimal EntryPrice, decimal MarkPrice,
    decimal UnrealisedPnl, decimal RealisedPnl, decimal Funding, decimal Fees, decimal Margin, decimal? LiquidationPrice);

/// <summary>One asset's balance in one venue account (<paramref name="Account"/>: <c>BINANCE/usdm</c>).</summary>
public sealed record BalanceView(string Asset, decimal Total, decimal Available, string Account);

/// <summary>One point of the equity curve.</summary>
public sealed record EquityPointView(long Time, decimal Equity);

/// <summary>One venue account's equity and its equity curve (<paramref name="Account"/>: <c>BINANCE/usdm</c>).</summary>
public sealed record AccountEquityView(string Account, decimal Equity, decimal DailyPnl, IReadOnlyList<EquityPointView> EquityCurve);

/// <summary>
/// The account: equity, PnL, margin, balances, the equity curve (bounded) of the total and, in
/// <paramref name="Accounts"/>, of each venue account (sampled at the same times: the total's points are their sums).
/// </summary>
public sealed record AccountView(
    string Asset, decimal Equity, decimal UnrealisedPnl, decimal RealisedPnl, decimal DailyPnl, decimal Funding,
    decimal MarginUsed, IReadOnlyList<BalanceView> Balances, IReadOnlyList<EquityPointView> EquityCurve,
    IReadOnlyList<AccountEquityView>? Accounts = null);

/// <summary>One risk limit as a person reads it: name, configured value, current use (or null).</summary>
public sealed record RiskLimitView(string Name, string Limit, string? Used);

/// <summary>A venue account halted on its own (its daily loss limit, or by hand) while the node trades on.</summary>
public sealed record AccountHaltView(string Account, string Reason);

/// <summary>
/// The risk engine's state: ACTIVE / REDUCING / HALTED, why, the kill switch and the limits, and the venue accounts
/// halted on their own (<paramref name="HaltedAccounts"/>).
/// </summary>
public sealed record RiskView(string State, string? Reason, bool KillSwitchTripped, int OpenOrders, decimal DailyPnl, IReadOnlyList<RiskLimitView> Limits,
    IReadOnlyList<AccountHaltView>? HaltedAccounts = null);

/// <summary>One bus route's statistics.</summary>
public sealed record RouteView(
    string Name, string EventType, string? Instrument, long Handled, long Errors, double EventsPerSecond,
    long P50Nanos, long P95Nanos, long P99Nanos, long P999Nanos, long MaxNanos);

/// <summary>A connection (market data or execution) and its state; <paramref name="Reconnects"/> counted since start.</summary>
public sealed record ConnectionView(string Name, string Kind, string State, string? Reason, int Reconnects, long ChangedAt);

/// <summary>The process's garbage collector and memory.</summary>
public sealed record GcView(long Gen0, long Gen1, long Gen2, long HeapBytes, long WorkingSetBytes, long AllocatedBytes, double PauseTimePercent);

/// <summary>The engine's own health (the debug view).</summary>
public sealed record EngineView(
    long TakenAt, double EventsPerSecond, long EventsProcessed, long QueueDepth, int Capacity, double BufferUtilisation,
    long ProducerStalls, long Errors, IReadOnlyList<RouteView> Routes, IReadOnlyList<ConnectionView> Connections, GcView Gc);
