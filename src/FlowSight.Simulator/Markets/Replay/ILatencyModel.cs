namespace FlowSight.Simulator.Markets.Replay;

/// <summary>
/// How long messages travel between us and the replayed exchange, in nanoseconds. A replayed order takes effect only
/// once the recording's timeline reaches its send time plus <see cref="OrderEntryLatency"/>, and what the exchange
/// reports reaches us <see cref="FeedLatency"/> after it happened.
/// </summary>
/// <remarks>Called once per message in timeline order, so a seeded model gives the same delays on every run.</remarks>
public interface ILatencyModel
{
    /// <summary>From sending a request at <paramref name="sendTime"/> until the exchange acts on it.</summary>
    long OrderEntryLatency(long sendTime);

    /// <summary>From the exchange producing an event at <paramref name="exchangeTime"/> until we receive it.</summary>
    long FeedLatency(long exchangeTime);
}
