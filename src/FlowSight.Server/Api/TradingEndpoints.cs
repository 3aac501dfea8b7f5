using Microsoft.AspNetCore.Builder;

namespace FlowSight.Server.Api;

/// <summary>Order entry, cancel and the kill switch, through the trading node's risk engine.</summary>
internal static class TradingEndpoints
{
    /// <summary>Maps them.</summary>
    public static void Map(WebApplication app) => _ = app;
}
