namespace FlowSight.Simulator.Markets.Replay;

/// <summary>What a <see cref="ReplayCommand"/> asks for.</summary>
internal enum ReplayCommandKind : byte
{
    Submit = 1,
    Cancel = 2,
    Amend = 3,
    CancelAll = 4,
}
