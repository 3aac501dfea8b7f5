using FlowSight.Engine.Messaging;
using Xunit;
using FsCheck.Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>Invariants over arbitrary capacities and batch sequences.</summary>
public sealed class RingBufferProperties
{
    /// <summary>Whatever the batch sizes and however the consumer lags, every event arrives exactly once, in
    /// order, and a claim never succeeds past the consumer by more than the capacity.</summary>
    [Property(MaxTest = 300)]
    public bool Batches_arrive_once_and_in_order(byte capacityLog2, int[] batchSizes, bool multi, byte consumeEvery)
    {
        int capacity = 1 << (capacityLog2 % 7);
        var ring = new RingBuffer<TestEvent>(capacity, multi ? ProducerType.Multi : ProducerType.Single);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        long counter = 0;

        for (int i = 0; i < batchSizes.Length; i++)
        {
            int n = (int)((uint)batchSizes[i] % (uint)capacity) + 1;
            if (!ring.TryNext(n, out long hi))
            {
                if (counter - processor.Sequence.Value - 1 + n <= capacity)
                {
                    return false; // refused although it fits
                }

                processor.TryProcessAvailable();
                hi = ring.Next(n); // fits now: the ring is empty
            }

            if (hi - processor.Sequence.Value > capacity)
            {
                return false; // claimed over an unconsumed slot
            }

            for (long s = hi - n + 1; s <= hi; s++)
            {
                ring[s].Counter = counter++;
            }

            ring.Publish(hi - n + 1, hi);
            if (consumeEvery > 0 && i % consumeEvery == 0)
            {
                processor.TryProcessAvailable();
            }
        }

        processor.TryProcessAvailable();
        return handler.Counters.SequenceEqual(Enumerable.Range(0, (int)counter).Select(c => (long)c));
    }
}
