namespace FlowSight.Engine.Hosting;

/// <summary>What an <see cref="EngineMessage"/> slot holds.</summary>
public enum EngineMessageKind : byte
{
    /// <summary>Nothing (an unused slot).</summary>
    None = 0,

    /// <summary>A <see cref="Core.TradeTick"/>.</summary>
    Trade,

    /// <summary>A <see cref="Core.QuoteTick"/>.</summary>
    Quote,

    /// <summary>A <see cref="Core.BookDelta"/>; a venue message is a run of these ending in one flagged Last.</summary>
    BookDelta,

    /// <summary>A <see cref="Core.Candle"/>.</summary>
    Candle,

    /// <summary>A <see cref="Core.MarkPrice"/>.</summary>
    MarkPrice,

    /// <summary>A <see cref="Core.FundingRate"/>.</summary>
    FundingRate,

    /// <summary>An <see cref="Core.OpenInterest"/>.</summary>
    OpenInterest,

    /// <summary>A <see cref="Core.Liquidation"/>.</summary>
    Liquidation,

    /// <summary>A reference payload published to the bus by its runtime type (snapshots, commands, reports).</summary>
    Object,

    /// <summary>Work to run on the engine thread (an <see cref="Action{EngineLoop}"/>).</summary>
    Callback,
}
