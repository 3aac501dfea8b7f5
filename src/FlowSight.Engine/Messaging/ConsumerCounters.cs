using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// Statistics written by a consumer thread once per batch, padded so that producers reading neighbouring fields
/// never share their cache line (explicit layout is not allowed inside generic types, hence its own type).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 56 + 24 + 56)]
internal struct ConsumerCounters
{
    [FieldOffset(56)]
    public long Events;

    [FieldOffset(64)]
    public long Batches;

    [FieldOffset(72)]
    public long Errors;
}
