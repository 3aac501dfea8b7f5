using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// Statistics written by a consumer thread once per batch, padded so that producers reading neighbouring fields
/// never share their cache line, nor the adjacent one the prefetcher pairs with it (explicit layout is not allowed
/// inside generic types, hence its own type).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128 + 24 + 128)]
internal struct ConsumerCounters
{
    [FieldOffset(128)]
    public long Events;

    [FieldOffset(136)]
    public long Batches;

    [FieldOffset(144)]
    public long Errors;
}
