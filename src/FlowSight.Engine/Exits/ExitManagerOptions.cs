namespace FlowSight.Engine.Exits;

/// <summary>How the exit manager places exits.</summary>
public sealed record ExitManagerOptions
{
    /// <summary>
    /// True: fixed stops and take-profits become venue-native StopMarket / TakeProfitMarket orders when a plan is
    /// tracked (for venues that support them: Binance USDⓈ-M, OKX); trailing and time stops stay local. False: every
    /// exit is watched locally and closes with a market order.
    /// </summary>
    public bool UseVenueNativeStops { get; init; }

    /// <summary>The <c>Origin</c> of exit orders, followed by the exit kind (<c>exit:StopLoss</c>).</summary>
    public string Origin { get; init; } = "exit";
}
