using System.Diagnostics;
using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

[CollectionDefinition(nameof(RingBufferStressCollection), DisableParallelization = true)]
public sealed class RingBufferStressCollection;

/// <summary>Millions of events across threads: nothing lost, per-producer order kept, counts exact. Run alone (no
/// parallel tests) because every thread here wants a core and the machine may have only two.</summary>
[Collection(nameof(RingBufferStressCollection))]
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const int EventsPerProducer = 10_000_000;

    [Fact]
    public Task Two_producers_ten_million_events_each_through_a_multi_producer_ring() =>
        Run(ProducerType.Multi, producers: 2, batch: 1);

    [Fact]
    public Task One_producer_ten_million_events_through_a_single_producer_ring() =>
        Run(ProducerType.Single, producers: 1, batch: 1);

    [Fact]
    public Task Two_producers_publishing_contiguous_batches_of_68() =>
        Run(ProducerType.Multi, producers: 2, batch: 68);

    private async Task Run(ProducerType producerType, int producers, int batch)
    {
        long total = (long)producers * EventsPerProducer;
        var ring = new RingBuffer<TestEvent>(1 << 16, producerType, new YieldingWaitStrategy());
        var handler = new OrderCheckingHandler(producers, total);
        using var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        processor.Start();
        using var go = new ManualResetEventSlim();

        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, producers)
            .Select(id => BackPressureTests.StartProducer(() =>
            {
                go.Wait(TestTimeouts.Token);
                Produce(ring, id, batch);
            }))
            .ToArray();
        go.Set();

        await Task.WhenAll(tasks).WithinLong();
        Assert.True(handler.Done.Wait(TestTimeouts.Long, TestTimeouts.Token), $"consumer saw {handler.Seen} of {total}");
        stopwatch.Stop();
        Assert.True(SpinWait.SpinUntil(() => processor.Sequence.Value == total - 1, TestTimeouts.Short));

        Assert.Null(handler.FirstViolation);
        for (int id = 0; id < producers; id++)
        {
            Assert.Equal(EventsPerProducer, handler.CountFor(id));
        }

        Assert.Equal(total, handler.Seen);
        Assert.Equal(total, processor.EventsProcessed);
        Assert.Equal(total - 1, ring.Cursor);
        Assert.Equal(0, processor.QueueDepth);
        Assert.Equal(0, processor.Errors);
        output.WriteLine(
            $"{producerType} x{producers}, batch {batch}: {total:N0} events in {stopwatch.ElapsedMilliseconds} ms " +
            $"({total / stopwatch.Elapsed.TotalSeconds / 1e6:F1} M/s), {processor.Batches:N0} consumer batches, " +
            $"{ring.FullBufferStalls:N0} full-buffer stalls");
    }

    private static void Produce(RingBuffer<TestEvent> ring, int producerId, int batch)
    {
        long counter = 0;
        while (counter < EventsPerProducer)
        {
            int n = (int)Math.Min(batch, EventsPerProducer - counter);
            if (n == 1)
            {
                long sequence = ring.Next();
                ref var slot = ref ring[sequence];
                slot.ProducerId = producerId;
                slot.Counter = counter++;
                ring.Publish(sequence);
            }
            else
            {
                long hi = ring.Next(n);
                long lo = hi - n + 1;
                for (long s = lo; s <= hi; s++)
                {
                    ref var slot = ref ring[s];
                    slot.ProducerId = producerId;
                    slot.Counter = counter++;
                }

                ring.Publish(lo, hi);
            }
        }
    }
}
