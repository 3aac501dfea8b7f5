namespace FlowSight.TestServers.Binance;

/// <summary>How the test server's <see cref="WsFeed"/> publishes the recording.</summary>
public enum WsPacing
{
    /// <summary>Only when the test calls <see cref="WsFeed.PublishAsync(int)"/>: step by step, deterministic.</summary>
    Manual,

    /// <summary>Back to back once a client subscribed; each frame waits until written to every subscriber (as fast as they read).</summary>
    AsFastAsPossible,

    /// <summary>At the recorded pace (times the speed factor) on the server's <see cref="TimeProvider"/>, once a client subscribed.</summary>
    Recorded,
}
