using System.Runtime.InteropServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// A <see cref="long"/> counter on its own cache line, shared between a producer and a consumer thread.
/// </summary>
/// <remarks>
/// 120 bytes of padding on each side (128 with the object's method-table pointer) keep the value off every cache
/// line another object's hot field can use, and off the line next to it: x86 prefetchers fetch lines in adjacent
/// pairs (a 128-byte region), so a 64-byte gap still lets a consumer advancing its sequence pull in, and later
/// invalidate, the line a producer is writing (false sharing).
/// </remarks>
[StructLayout(LayoutKind.Explicit)]
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been claimed or consumed.</summary>
    public const long InitialValue = -1;

    private const int Padding = 120;

    [FieldOffset(Padding)]
    private long _value;

    // The runtime ignores StructLayout.Size on classes, so the trailing padding needs a field at its far end.
#pragma warning disable CS0169, CA1823 // never read: it only reserves space
    [FieldOffset(Padding + sizeof(long) + Padding - sizeof(long))]
    private readonly long _trailingPadding;
#pragma warning restore CS0169, CA1823

    /// <summary>Creates a sequence holding <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue) => _value = initialValue;

    /// <summary>The current value, read with acquire semantics.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Stores <paramref name="value"/> with release semantics: writes made before it are visible first.</summary>
    public void SetValue(long value) => Volatile.Write(ref _value, value);

    /// <summary>Stores <paramref name="value"/> with a full fence (no later load is reordered before it).</summary>
    public void SetValueVolatile(long value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Atomically sets the value to <paramref name="newValue"/> if it equals <paramref name="expected"/>.</summary>
    public bool CompareAndSet(long expected, long newValue) =>
        Interlocked.CompareExchange(ref _value, newValue, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    public long AddAndGet(long increment) => Interlocked.Add(ref _value, increment);

    /// <summary>Atomically adds one and returns the new value.</summary>
    public long IncrementAndGet() => Interlocked.Increment(ref _value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
