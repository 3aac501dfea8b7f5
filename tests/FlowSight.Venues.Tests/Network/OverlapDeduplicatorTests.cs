using FlowSight.Venues.Network;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Venues.Tests.Network;

public sealed class OverlapDeduplicatorTests
{
    private static StreamSequenceKey Key(long stream, long sequence) => new(stream, sequence);

    [Fact]
    public void New_socket_behind_the_old_one_switches_without_gap_or_duplicate()
    {
        using var overlap = new OverlapDeduplicator(1 << 20);
        var delivered = new List<long>();
        overlap.RecordOld(Key(1, 10));
        delivered.Add(10);
        overlap.RecordOld(Key(1, 11));
        delivered.Add(11);
        Assert.True(overlap.BufferNew(Key(1, 11), "11"u8, 0, true));
        Assert.True(overlap.IsReadyToSwitch);
        Assert.True(overlap.BufferNew(Key(1, 12), "12"u8, 0, true));
        overlap.Switch((payload, _, _) => delivered.Add(long.Parse(payload.Span)));
        Assert.True(overlap.ShouldDeliver(Key(1, 13)));
        delivered.Add(13);
        Assert.Equal([10, 11, 12, 13], delivered);
        Assert.True(overlap.IsDrained);
        Assert.Equal(1, overlap.DuplicatesDropped);
    }

    [Fact]
    public void New_socket_ahead_is_not_confirmed_until_the_old_one_catches_up()
    {
        using var overlap = new OverlapDeduplicator(1 << 20);
        overlap.RecordOld(Key(1, 10));
        overlap.BufferNew(Key(1, 12), "12"u8, 0, true);
        Assert.False(overlap.IsReadyToSwitch);
        overlap.RecordOld(Key(1, 11));
        Assert.False(overlap.IsReadyToSwitch);
        overlap.RecordOld(Key(1, 12));
        Assert.True(overlap.IsReadyToSwitch);
    }

    [Fact]
    public void A_stream_seen_on_one_socket_only_keeps_the_switch_waiting()
    {
        using var overlap = new OverlapDeduplicator(1 << 20);
        overlap.RecordOld(Key(1, 10));
        overlap.BufferNew(Key(1, 10), "10"u8, 0, true);
        overlap.RecordOld(Key(2, 5));
        Assert.False(overlap.IsReadyToSwitch);
        overlap.Switch((_, _, _) => { });
        Assert.Equal(1, overlap.UnconfirmedAtSwitch);
    }

    [Fact]
    public void A_full_buffer_asks_for_the_switch()
    {
        using var overlap = new OverlapDeduplicator(4);
        Assert.True(overlap.BufferNew(Key(1, 1), "abc"u8, 0, true));
        Assert.False(overlap.BufferNew(Key(1, 2), "abc"u8, 0, true));
        Assert.True(overlap.IsBufferFull);
    }

    /// <summary>
    /// Two sockets carry the same ordered streams; the new one starts at or after the rotation point; their frames
    /// interleave arbitrarily. Switching when ready (or at the end) hands the handler every frame exactly once, in
    /// order. A forced early switch may lose frames but never duplicates or reorders a stream.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool Any_interleaving_delivers_each_frame_once_in_order(int seed, bool forceEarly)
    {
        var random = new Random(seed);
        var streams = random.Next(1, 5);
        var count = random.Next(5, 150);
        var next = new long[streams];
        var global = new List<StreamSequenceKey>(count);
        for (var i = 0; i < count; i++)
        {
            var stream = random.Next(streams);
            next[stream] += random.Next(1, 4);
            global.Add(Key(stream, next[stream]));
        }

        var rotationAt = random.Next(0, count / 2);
        var newFrom = random.Next(rotationAt, count);
        var forceAt = forceEarly ? random.Next(0, 2 * count) : int.MaxValue;
        var delivered = new List<StreamSequenceKey>(global.Take(rotationAt));
        using var overlap = new OverlapDeduplicator(1 << 24);
        int oldNext = rotationAt, newNext = newFrom, events = 0;
        var switched = false;
        while (oldNext < count || newNext < count)
        {
            var takeOld = newNext >= count || (oldNext < count && random.Next(2) == 0);
            if (takeOld)
            {
                var key = global[oldNext++];
                if (!switched)
                {
                    overlap.RecordOld(key);
                    delivered.Add(key);
                }
            }
            else
            {
                var key = global[newNext++];
                if (!switched)
                {
                    overlap.BufferNew(key, BitConverter.GetBytes(global.IndexOf(key)), 0, true);
                }
                else if (overlap.ShouldDeliver(key))
                {
                    delivered.Add(key);
                }
            }

            if (!switched && (overlap.IsReadyToSwitch || ++events >= forceAt))
            {
                overlap.Switch((payload, _, _) => delivered.Add(global[BitConverter.ToInt32(payload.Span)]));
                switched = true;
            }
        }

        if (!switched)
        {
            overlap.Switch((payload, _, _) => delivered.Add(global[BitConverter.ToInt32(payload.Span)]));
        }

        if (!forceEarly)
        {
            return delivered.SequenceEqual(global);
        }

        var noDuplicates = delivered.Distinct().Count() == delivered.Count;
        var ordered = delivered.GroupBy(k => k.Stream).All(g => g.Select(k => k.Sequence).Zip(g.Skip(1).Select(k => k.Sequence)).All(p => p.First < p.Second));
        return noDuplicates && ordered;
    }
}
