using System.Runtime.CompilerServices;
using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>Single-threaded behaviour of claims, publishing, wrap-around and the full buffer, driven through
/// <see cref="BatchEventProcessor{T}.TryProcessAvailable"/> so every step is deterministic.</summary>
public sealed class RingBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Capacity_must_be_a_power_of_two(int capacity)
    {
        var error = Assert.Throws<ArgumentException>(() => new RingBuffer<TestEvent>(capacity));
        Assert.Contains("power of two", error.Message, StringComparison.Ordinal);
        Assert.Equal("capacity", error.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1024)]
    public void Accepts_power_of_two_capacities(int capacity)
    {
        var ring = new RingBuffer<TestEvent>(capacity);
        Assert.Equal(capacity, ring.Capacity);
        Assert.Equal(Sequence.InitialValue, ring.Cursor);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Wraps_around_a_small_ring_many_times(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        const int total = 5000;

        long counter = 0;
        while (counter < total)
        {
            // Fill whatever is free (varying amounts as the consumer lags by a few), then consume.
            int burst = (int)(counter % 11) + 1;
            for (int i = 0; i < burst && counter < total && ring.TryNext(out long sequence); i++)
            {
                ring[sequence].Counter = counter++;
                ring.Publish(sequence);
            }

            processor.TryProcessAvailable();
        }

        processor.TryProcessAvailable();
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), handler.Counters);
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), handler.Sequences);
        Assert.Equal(total, processor.EventsProcessed);
        Assert.Equal(total - 1, processor.Sequence.Value);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Batches_that_straddle_the_wrap_point_stay_contiguous(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        long counter = 0;

        // Batch sizes 1..8 from every start offset: many batches cross index 7 → 0.
        for (int round = 0; round < 200; round++)
        {
            int n = round % 8 + 1;
            long hi = ring.Next(n);
            long lo = hi - n + 1;
            Assert.Equal(counter, lo);
            for (long s = lo; s <= hi; s++)
            {
                ring[s].Counter = counter++;
            }

            ring.Publish(lo, hi);
            Assert.Equal(n, processor.TryProcessAvailable());
        }

        Assert.Equal(Enumerable.Range(0, (int)counter).Select(i => (long)i), handler.Counters);
        Assert.Contains(handler.Sequences, s => s % 8 == 7);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Slots_are_written_in_place_across_the_wrap(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(4, producerType);
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());
        ring.PublishEvent(new TestEvent { Counter = 1 });
        processor.TryProcessAvailable();

        long hi = ring.Next(4); // sequences 1..4 → slots 1, 2, 3, 0
        Assert.Equal(4, hi);
        ref TestEvent slot = ref ring[hi];
        slot.Counter = 99;

        // The indexer hands out the slot itself (no copy), and sequence 4 reuses sequence 0's slot.
        Assert.True(Unsafe.AreSame(ref slot, ref ring[0]));
        Assert.Equal(99, ring[0].Counter);
        Assert.False(Unsafe.AreSame(ref ring[1], ref ring[0]));
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Batch_claims_outside_one_to_capacity_are_rejected(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryNext(9, out _));
        Assert.Equal(7, ring.Next(8)); // exactly the capacity is fine
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void TryNext_returns_false_once_capacity_slots_are_unconsumed(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(16, producerType);
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());

        for (int i = 0; i < 16; i++)
        {
            Assert.True(ring.TryNext(out long sequence));
            Assert.Equal(i, sequence);
            ring.Publish(sequence);
        }

        Assert.False(ring.TryNext(out _));
        Assert.False(ring.TryNext(2, out _));
        Assert.False(ring.TryPublishEvent(new TestEvent()));
        Assert.Equal(3, ring.FullBufferStalls);
        Assert.Equal(0, ring.RemainingCapacity);
        Assert.Equal(16, processor.QueueDepth);
        Assert.Equal(1.0, processor.Utilisation);

        Assert.Equal(16, processor.TryProcessAvailable());
        Assert.True(ring.TryNext(out long next));
        Assert.Equal(16, next);
        Assert.Equal(3, processor.ProducerStalls);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void Throw_policy_throws_when_full_and_loses_nothing(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(4, producerType, fullBufferPolicy: FullBufferPolicy.Throw);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);

        for (int i = 0; i < 4; i++)
        {
            ring.PublishEvent(new TestEvent { Counter = i });
        }

        Assert.Throws<InsufficientCapacityException>(() => ring.Next());
        Assert.Throws<InsufficientCapacityException>(() => ring.Next(1));
        Assert.Equal(2, ring.FullBufferStalls);

        processor.TryProcessAvailable();
        Assert.Equal([0, 1, 2, 3], handler.Counters);
        Assert.Equal(4, ring.Next());
    }

    [Fact]
    public void A_ring_without_consumers_fills_up_instead_of_overwriting()
    {
        var ring = new RingBuffer<TestEvent>(4);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryPublishEvent(new TestEvent { Counter = i }));
        }

        Assert.False(ring.TryNext(out _));
    }

    [Fact]
    public void Multi_producer_consumer_stops_at_the_first_unpublished_slot()
    {
        var ring = new RingBuffer<TestEvent>(8, ProducerType.Multi);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);

        long first = ring.Next();
        long second = ring.Next(2);
        ring[first].Counter = 0;
        ring[second - 1].Counter = 1;
        ring[second].Counter = 2;

        // The second producer publishes first: nothing may be read past the first producer's unpublished slot.
        ring.Publish(second - 1, second);
        Assert.Equal(0, processor.TryProcessAvailable());
        Assert.Empty(handler.Counters);

        ring.Publish(first);
        Assert.Equal(3, processor.TryProcessAvailable());
        Assert.Equal([0, 1, 2], handler.Counters);
    }

    [Fact]
    public void Each_available_run_is_one_batch_and_large_runs_are_split()
    {
        var ring = new RingBuffer<TestEvent>(64);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(
            ring, handler, new BatchEventProcessorOptions<TestEvent> { MaxBatchSize = 10 });

        long hi = ring.Next(25);
        ring.Publish(hi - 24, hi);
        Assert.Equal(25, processor.TryProcessAvailable());

        Assert.Equal([10, 10, 5], handler.BatchSizes);
        Assert.Equal(3, processor.Batches);
        Assert.Equal(0, processor.QueueDepth);
    }

    [Fact]
    public void Halt_fails_claims_that_need_space_but_not_claims_that_fit()
    {
        var ring = new RingBuffer<TestEvent>(4);
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());
        ring.PublishEvent(default);
        processor.Halt();

        Assert.True(ring.IsHalted);
        Assert.True(processor.Completion.IsCompletedSuccessfully);
        Assert.Equal(3, ring.Next(3));
        Assert.Throws<RingBufferHaltedException>(() => ring.Next());
        Assert.Throws<RingBufferHaltedException>(() => ring.TryNext(out _));
        Assert.Throws<InvalidOperationException>(() => processor.TryProcessAvailable());
        Assert.Throws<InvalidOperationException>(processor.Start);
    }
}
