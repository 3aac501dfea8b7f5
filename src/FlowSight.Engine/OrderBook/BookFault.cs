using FlowSight.Core;

namespace FlowSight.Engine.OrderBook;

/// <summary>Why a book can no longer be trusted.</summary>
public enum BookFaultReason
{
    /// <summary>The best bid is at or above the best ask after a complete venue message.</summary>
    Crossed,

    /// <summary>A delta's price or size could not be represented at the book's precision.</summary>
    UnrepresentableDelta,
}

/// <summary>A book became inconsistent after the venue message ending at <paramref name="UpdateId"/>; resynchronise it.</summary>
/// <param name="Instrument">The book's instrument.</param>
/// <param name="Reason">What is wrong.</param>
/// <param name="UpdateId">The venue update id of the message after which it was found.</param>
public sealed record BookFault(InstrumentId Instrument, BookFaultReason Reason, long UpdateId);
