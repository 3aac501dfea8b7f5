using System.Runtime.CompilerServices;
using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

public sealed class SequenceTests
{
    [Fact]
    public void Starts_at_initial_value_and_supports_atomic_updates()
    {
        var sequence = new Sequence();
        Assert.Equal(Sequence.InitialValue, sequence.Value);

        sequence.SetValue(5);
        Assert.Equal(5, sequence.Value);
        Assert.False(sequence.CompareAndSet(4, 10));
        Assert.True(sequence.CompareAndSet(5, 10));
        Assert.Equal(11, sequence.IncrementAndGet());
        Assert.Equal(20, sequence.AddAndGet(9));
        sequence.SetValueVolatile(-3);
        Assert.Equal(-3, sequence.Value);
    }

    [Fact]
    public unsafe void Value_is_padded_by_at_least_56_bytes_on_both_sides()
    {
        var sequence = new Sequence(0x0123_4567_89AB_CDEF);

        // Find the value among the object's field bytes (which start right after the method-table pointer).
        ref byte data = ref Unsafe.As<RawData>(sequence).Data;
        int offset = -1;
        for (int i = 0; i <= 128; i++)
        {
            if (Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref data, i)) == 0x0123_4567_89AB_CDEF)
            {
                offset = i;
                break;
            }
        }

        // CoreCLR's MethodTable stores the base instance size (object header + method table + fields) in its
        // second 32-bit word.
        int baseSize = *((int*)typeof(Sequence).TypeHandle.Value + 1);
        int fieldBytes = baseSize - 2 * sizeof(nint);
        Assert.True(offset >= 56, $"value at field offset {offset}");
        Assert.True(fieldBytes - offset - sizeof(long) >= 56, $"{fieldBytes - offset - sizeof(long)} bytes after the value");
    }

    private sealed class RawData
    {
        public byte Data;
    }
}
