namespace FlowSight.Core;

/// <summary>
/// Where a venue execution client delivers what it learns, from its own I/O threads. The engine's sink moves each
/// report onto the engine thread; reports may arrive twice or out of order (user stream and REST replies race), and
/// the engine, not the client, makes that harmless.
/// </summary>
public interface IExecutionReportSink
{
    /// <summary>An order's state at the venue changed or was queried.</summary>
    void OnOrderStatus(in OrderStatusReport report);

    /// <summary>An execution.</summary>
    void OnFill(in FillReport fill);

    /// <summary>A position changed or was queried.</summary>
    void OnPosition(in PositionStatusReport position);

    /// <summary>A balance changed or was queried.</summary>
    void OnBalance(in BalanceReport balance);

    /// <summary>A command was refused by the venue, or its fate is unknown.</summary>
    void OnCommandFailed(in VenueCommandFailure failure);

    /// <summary>The private connection went up or down.</summary>
    void OnConnectionChanged(in ExecutionConnectionChanged change);
}
