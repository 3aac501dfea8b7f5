using System.Runtime.InteropServices;
using FlowSight.Core;

namespace FlowSight.Engine.Hosting;

/// <summary>
/// One slot of the engine's inbound ring buffer: a tagged union of the unmanaged market-data events, written in place
/// by producers, so publishing a tick copies a few dozen bytes and allocates nothing. Rare, variable-sized messages
/// (snapshots, commands) travel as a reference in <see cref="Payload"/>.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
public struct EngineMessage
{
    /// <summary>The reference payload for <see cref="EngineMessageKind.Object"/> and <see cref="EngineMessageKind.Callback"/>.</summary>
    [FieldOffset(0)]
    public object? Payload;

    /// <summary>Which member of the union is valid.</summary>
    [FieldOffset(8)]
    public EngineMessageKind Kind;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.Trade"/>.</summary>
    [FieldOffset(16)]
    public TradeTick Trade;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.Quote"/>.</summary>
    [FieldOffset(16)]
    public QuoteTick Quote;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.BookDelta"/>.</summary>
    [FieldOffset(16)]
    public BookDelta BookDelta;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.Candle"/>.</summary>
    [FieldOffset(16)]
    public Candle Candle;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.MarkPrice"/>.</summary>
    [FieldOffset(16)]
    public MarkPrice MarkPrice;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.FundingRate"/>.</summary>
    [FieldOffset(16)]
    public FundingRate FundingRate;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.OpenInterest"/>.</summary>
    [FieldOffset(16)]
    public OpenInterest OpenInterest;

    /// <summary>Valid when <see cref="Kind"/> is <see cref="EngineMessageKind.Liquidation"/>.</summary>
    [FieldOffset(16)]
    public Liquidation Liquidation;
}
