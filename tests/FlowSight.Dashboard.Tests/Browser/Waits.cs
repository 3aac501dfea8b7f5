namespace FlowSight.Dashboard.Tests.Browser;

/// <summary>How long the tests wait for the dashboard to show something (2 shared cores: generous, never a fixed sleep).</summary>
internal static class Waits
{
    /// <summary>For a page element to reach a state (pushes arrive at ≤ 20 Hz; this is hundreds of them).</summary>
    public const float Ui = 20_000;

    /// <summary>For the first page load and login (the bundle, the WebSocket, the first snapshots).</summary>
    public const float Load = 30_000;

    /// <summary>For a candle to change (1 s candles on the synthetic market's trades).</summary>
    public const float Candle = 30_000;
}
