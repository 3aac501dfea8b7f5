using FlowSight.Core;

namespace FlowSight.Venues.Okx.Book;

/// <summary>An <see cref="OkxBookSynchronizer"/> lost sync and needs the channel resubscribed to get a new snapshot.</summary>
/// <param name="Instrument">The book's instrument.</param>
/// <param name="Reason">Why: <see cref="OkxBookResult.Gap"/>, <see cref="OkxBookResult.ChecksumMismatch"/> or <see cref="OkxBookResult.Rejected"/>.</param>
/// <param name="LastSeqId">The last <c>seqId</c> applied (-1 when OKX sent none).</param>
public readonly record struct OkxResubscribeRequested(InstrumentId Instrument, OkxBookResult Reason, long LastSeqId);
