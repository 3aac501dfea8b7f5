using FlowSight.Venues.Network;
using FlowSight.Venues.Tests.Network.Support;

namespace FlowSight.Venues.Tests.Conformance;

/// <summary>Connection settings every venue of the suite uses, so reconnect delays are known and only the fake clock moves them.</summary>
internal static class ConformanceConnections
{
    /// <summary>A first reconnect delay no other timer of the suite shares, so the test can wait for exactly that timer.</summary>
    private static readonly BackoffPolicy Backoff = new() { InitialDelay = TimeSpan.FromSeconds(3), MaxDelay = TimeSpan.FromSeconds(12) };

    /// <summary>Known backoff, no circuit breaker, no runtime keep-alive (it runs on the wall clock); the watchdog stays.</summary>
    public static WebSocketConnectionOptions Configure(WebSocketConnectionOptions options) => options with
    {
        Backoff = Backoff,
        CircuitBreaker = null,
        KeepAliveInterval = TimeSpan.Zero,
        Jitter = new FixedRandom(ConnectionHarness.Jitter),
    };

    /// <summary>As <see cref="Configure"/>, for venues whose application heartbeat finds a silent socket instead of the watchdog.</summary>
    public static WebSocketConnectionOptions HeartbeatOnly(WebSocketConnectionOptions options) => Configure(options) with { WatchdogTimeout = null };
}
