namespace FlowSight.Simulator.Accounts;

/// <summary>What an open order holds: spot funds locked, or futures initial margin, released as it fills or closes.</summary>
internal struct OpenOrderLock
{
    public int AccountId;
    public int InstrumentIndex;
    public int Asset;
    public long RemainingRaw;
    public long LockedRaw;
    public bool WaitingForTrigger;
}
