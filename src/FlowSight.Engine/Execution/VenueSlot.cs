using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>One venue account's client, identified by (<see cref="Venue"/>, <see cref="Account"/>), and the engine's bookkeeping about it.</summary>
internal sealed class VenueSlot(IExecutionClient client)
{
    public IExecutionClient Client { get; } = client;

    public Venue Venue { get; } = client.Venue;

    /// <summary>The account's name, read once: with <see cref="Venue"/> it names the slot.</summary>
    public string Account { get; } = client.Account;

    /// <summary>Latest venue trade time seen, Unix ns; written on the engine thread, read by reconciliation.</summary>
    public long LastFillTime;

    /// <summary>Set when the connection was lost: the next Connected reconciles.</summary>
    public bool Disconnected;

    /// <summary>1 while a reconciliation runs.</summary>
    public int Reconciling;

    /// <summary>1 when another reconciliation was asked for while one ran.</summary>
    public int ReconcileAgain;
}
