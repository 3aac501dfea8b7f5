namespace FlowSight.Engine.Risk;

/// <summary>
/// The risk engine's configuration: per-instrument limits (defaults and overrides by instrument id), account limits
/// and the kill switch's automatic triggers. Null means "no limit". Account amounts are in
/// <see cref="ValuationCurrency"/>, as <c>IPortfolioView</c> reports them.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Limits every instrument gets unless overridden.</summary>
    public InstrumentRiskLimits Defaults { get; init; } = new();

    /// <summary>Overrides by instrument id (e.g. <c>BTCUSDT-PERP.BINANCE</c>); unset members fall back to <see cref="Defaults"/>.</summary>
    public IReadOnlyDictionary<string, InstrumentRiskLimits> Instruments { get; init; } = new Dictionary<string, InstrumentRiskLimits>();

    /// <summary>The largest sum of every position's notional, this instrument's grown by the new order.</summary>
    public decimal? MaxTotalPositionNotional { get; init; }

    /// <summary>The most working orders at once across every instrument.</summary>
    public int? MaxTotalOpenOrders { get; init; }

    /// <summary>The most submits and replaces in any sliding second.</summary>
    public int? MaxOrdersPerSecond { get; init; }

    /// <summary>The most submits and replaces in any sliding minute.</summary>
    public int? MaxOrdersPerMinute { get; init; }

    /// <summary>
    /// The cap on (position notional + order notional) / equity of the account that trades the order's instrument:
    /// leverage is per venue account, as margin is (a spot account's USDT does not carry a USDⓈ-M account's positions).
    /// </summary>
    public decimal? MaxLeverage { get; init; }

    /// <summary>
    /// The day's loss (a positive amount) over every account of the node at which opening orders are refused and the
    /// kill switch trips: it trips when <c>DailyPnl ≤ −DailyLossLimit</c>. Per-account limits go in <see cref="Accounts"/>.
    /// </summary>
    public decimal? DailyLossLimit { get; init; }

    /// <summary>
    /// Limits per venue account, by the account's name (an execution client's <c>Account</c>, the key under
    /// <c>Accounts</c> in flowsight.json), checked besides the node-wide ones: e.g. a daily loss limit per customer account.
    /// </summary>
    public IReadOnlyDictionary<string, AccountRiskLimits> Accounts { get; init; } = new Dictionary<string, AccountRiskLimits>();

    /// <summary>Whether the daily-loss kill switch also flattens positions (reduce-only market orders); off unless set.</summary>
    public bool FlattenOnDailyLoss { get; init; }

    /// <summary>
    /// Refuse (true) or let through (false) an order whose checks need a mark price when none has been seen: market
    /// orders' notional and the price band. Letting through skips those checks for that order.
    /// </summary>
    public bool RefuseWithoutMarkPrice { get; init; } = true;

    /// <summary>Venue rejections within <see cref="RejectWindow"/> that trip the kill switch.</summary>
    public int? MaxRejects { get; init; }

    /// <summary>The sliding window <see cref="MaxRejects"/> counts in.</summary>
    public TimeSpan RejectWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a venue's execution connection may stay down before the kill switch trips.</summary>
    public TimeSpan? MaxDisconnect { get; init; }

    /// <summary>
    /// How often the automatic triggers (daily loss, venue disconnect) are checked on a timer, when the risk engine
    /// was given a way to post work to the engine thread; null checks them only on events (fills, marks, rejects,
    /// connection changes, balance and position reports) and submits. The timer catches a loss that grows on last
    /// prices alone (spot, where venues publish no mark price).
    /// </summary>
    public TimeSpan? TriggerCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The currency of account amounts (equity, daily PnL, total notional), for reasons.</summary>
    public string ValuationCurrency { get; init; } = "USDT";
}
