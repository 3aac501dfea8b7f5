using FlowSight.Engine.Messaging;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>The publish/consume path allocates nothing per event (single-threaded, so the thread's allocation
/// counter sees both sides).</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Publish_and_consume_allocate_nothing(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(1024, producerType, new BusySpinWaitStrategy());
        var handler = new SummingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);

        PublishAndConsume(ring, processor, 10_200); // warm-up: JIT, tiering, statics
        int rounds = 0;
        long allocated = Allocations.Fewest(() =>
        {
            rounds++;
            PublishAndConsume(ring, processor, 102_000);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(10_200 + (102_000 * rounds), processor.EventsProcessed);
    }

    private static void PublishAndConsume(RingBuffer<TestEvent> ring, BatchEventProcessor<TestEvent> processor, int events)
    {
        for (int i = 0; i < events; i += 68)
        {
            // Per-event claims, then a contiguous batch, then the by-value convenience: all three paths.
            for (int j = 0; j < 34; j++)
            {
                long sequence = ring.Next();
                ring[sequence].Counter = i + j;
                ring.Publish(sequence);
            }

            long hi = ring.Next(33);
            for (long s = hi - 32; s <= hi; s++)
            {
                ring[s].Counter = s;
            }

            ring.Publish(hi - 32, hi);
            ring.PublishEvent(new TestEvent { Counter = i });
            processor.TryProcessAvailable();
        }
    }
}
