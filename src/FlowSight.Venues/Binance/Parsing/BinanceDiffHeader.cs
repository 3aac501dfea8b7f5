using FlowSight.Core;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>The header of a <c>depthUpdate</c> diff, read before its levels: what a book's chain check needs.</summary>
/// <param name="Instrument">The instrument (from <c>s</c>).</param>
/// <param name="FirstUpdateId">Binance <c>U</c>.</param>
/// <param name="LastUpdateId">Binance <c>u</c>.</param>
/// <param name="PreviousUpdateId">Binance futures <c>pu</c>; -1 on spot.</param>
/// <param name="EventTime">Binance <c>E</c>, Unix nanoseconds.</param>
/// <param name="ReceiveTime">When the frame was received, Unix nanoseconds.</param>
public readonly record struct BinanceDiffHeader(
    InstrumentId Instrument,
    long FirstUpdateId,
    long LastUpdateId,
    long PreviousUpdateId,
    long EventTime,
    long ReceiveTime);
