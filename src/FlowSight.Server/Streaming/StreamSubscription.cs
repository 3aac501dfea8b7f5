using FlowSight.Core;
using FlowSight.Server.State;

namespace FlowSight.Server.Streaming;

/// <summary>
/// One (client, topic, instrument) subscription: the replica version the client last got and when it may get the next
/// one. Only the client's push touches the version and schedule; the receive loop only sets <see cref="Active"/> (once its ack is sent) and clears it.
/// </summary>
internal sealed class StreamSubscription(ReplicaTopic topic, InstrumentId instrument, string? instrumentName, CandleInterval interval, long period)
{
    /// <summary>What is pushed.</summary>
    public ReplicaTopic Topic { get; } = topic;

    /// <summary>The instrument (default for account topics).</summary>
    public InstrumentId Instrument { get; } = instrument;

    /// <summary>The instrument's FlowSight id as sent on the wire (null for account topics).</summary>
    public string? InstrumentName { get; } = instrumentName;

    /// <summary>The candle interval (candles only).</summary>
    public CandleInterval Interval { get; } = interval;

    /// <summary>Stopwatch ticks between two pushes at most the configured rate.</summary>
    public long Period { get; } = period;

    /// <summary>The replica version last pushed; <see cref="long.MinValue"/> before the first push.</summary>
    public long SentVersion { get; set; } = long.MinValue;

    /// <summary>The earliest stopwatch timestamp of the next push.</summary>
    public long NextDue { get; set; }

    /// <summary>False once unsubscribed: a push in flight skips it.</summary>
    public bool Active { get; set; } = true;

    /// <summary>True once the first push went out (candles send a longer history first).</summary>
    public bool Primed => SentVersion != long.MinValue;

    /// <summary>The shared cache's key of this subscription's next message.</summary>
    public StreamPayloadKey PayloadKey => Topic == ReplicaTopic.Candles
        ? new StreamPayloadKey(Topic, Instrument, Interval, History: !Primed)
        : new StreamPayloadKey(Topic, Instrument, default, History: false);

    /// <summary>Same topic, instrument and interval.</summary>
    public bool Matches(ReplicaTopic topic, InstrumentId instrument, CandleInterval interval) =>
        Topic == topic && Instrument == instrument && (topic != ReplicaTopic.Candles || Interval == interval);

    /// <summary>
    /// Due when the period since the last scheduled push has passed (less <paramref name="tolerance"/>, the shared
    /// timer's jitter) and the replica moved on since the last push.
    /// </summary>
    public bool IsDue(long now, long tolerance, IStateReplica replica) =>
        Active && now + tolerance >= NextDue && replica.GetVersion(Topic, Instrument) != SentVersion;

    /// <summary>
    /// Records a push at <paramref name="now"/>: the next is one period after the previous schedule (so timer jitter
    /// does not lower the rate), or one period from now after a pause (so a burst never makes up for lost time).
    /// </summary>
    public void MarkSent(long version, long now)
    {
        SentVersion = version;
        var next = NextDue + Period;
        NextDue = next <= now ? now + Period : next;
    }
}
