namespace FlowSight.Server.Auth;

/// <summary>The authorization policies endpoints require (role claims of the bearer token).</summary>
public static class ServerPolicies
{
    /// <summary>Any logged-in user: viewer, trader or admin.</summary>
    public const string Viewer = "viewer";

    /// <summary>Places and cancels orders: trader or admin.</summary>
    public const string Trader = "trader";

    /// <summary>Trips and resets the kill switch: admin only.</summary>
    public const string Admin = "admin";

    /// <summary>Prometheus scrapes: anonymous from the loopback address, a logged-in user from anywhere else.</summary>
    public const string Metrics = "metrics";
}
