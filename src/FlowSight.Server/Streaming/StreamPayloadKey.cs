using FlowSight.Core;
using FlowSight.Server.State;

namespace FlowSight.Server.Streaming;

/// <summary>What makes two clients' data messages identical: topic, instrument, candle interval, and whether it is a candle history.</summary>
internal readonly record struct StreamPayloadKey(ReplicaTopic Topic, InstrumentId Instrument, CandleInterval Interval, bool History);
