using FlowSight.Core;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>What an OKX <c>books</c> update says besides its levels, read before them (see <see cref="IOkxBookSink"/>).</summary>
/// <param name="Instrument">The instrument of <c>instId</c>.</param>
/// <param name="Channel">The book channel.</param>
/// <param name="SeqId"><c>seqId</c>, -1 when not sent.</param>
/// <param name="PrevSeqId"><c>prevSeqId</c>, -1 when not sent.</param>
/// <param name="Checksum"><c>checksum</c>, null when not sent.</param>
/// <param name="EventTime"><c>ts</c> in Unix nanoseconds, 0 when not sent.</param>
public readonly record struct OkxUpdateHeader(InstrumentId Instrument, OkxChannel Channel, long SeqId, long PrevSeqId, int? Checksum, long EventTime);
