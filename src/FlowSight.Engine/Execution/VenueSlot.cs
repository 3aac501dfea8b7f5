using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>One venue's client and the engine's bookkeeping about it.</summary>
internal sealed class VenueSlot(IExecutionClient client)
{
    public IExecutionClient Client { get; } = client;

    public Venue Venue => Client.Venue;

    /// <summary>Latest venue trade time seen, Unix ns; written on the engine thread, read by reconciliation.</summary>
    public long LastFillTime;

    /// <summary>Set when the connection was lost: the next Connected reconciles.</summary>
    public bool Disconnected;

    /// <summary>1 while a reconciliation runs.</summary>
    public int Reconciling;

    /// <summary>1 when another reconciliation was asked for while one ran.</summary>
    public int ReconcileAgain;
}
