using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary><see cref="FullBufferPolicy.Wait"/>: a producer on a full ring waits for the consumer, and never waits
/// forever for a consumer that has stopped.</summary>
public sealed class BackPressureTests
{
    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public async Task Waiting_producer_resumes_when_the_consumer_drains(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType);
        var handler = new RecordingHandler();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        Fill(ring, 8);

        var producer = StartProducer(() => ring.PublishEvent(new TestEvent { Counter = 8 }));
        WaitUntilStalled(ring, 1);
        Assert.False(producer.IsCompleted, "a producer on a full ring must wait, not overwrite");

        // Draining on this thread frees the slots and wakes the producer, whether it is still spinning or parked.
        Assert.Equal(8, processor.TryProcessAvailable());
        await producer.Within();

        Assert.Equal(1, processor.TryProcessAvailable());
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), handler.Counters);
    }

    [Fact]
    public async Task Waiting_producer_resumes_when_a_started_consumer_drains()
    {
        var ring = new RingBuffer<TestEvent>(8, ProducerType.Single, new BlockingWaitStrategy());
        var handler = new OrderCheckingHandler(1, 9);
        using var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        Fill(ring, 8);

        var producer = StartProducer(() => ring.PublishEvent(new TestEvent { Counter = 8 }));
        WaitUntilStalled(ring, 1);
        Assert.False(producer.IsCompleted);

        processor.Start();
        await producer.Within();
        Assert.True(handler.Done.Wait(TestTimeouts.Short, TestTimeouts.Token));
        Assert.Null(handler.FirstViolation);
    }

    [Theory]
    [InlineData(ProducerType.Single, false)]
    [InlineData(ProducerType.Multi, false)]
    [InlineData(ProducerType.Single, true)]
    [InlineData(ProducerType.Multi, true)]
    public async Task Waiting_producer_throws_when_the_consumer_halts(ProducerType producerType, bool started)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType, new BlockingWaitStrategy());
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());
        var producers = new List<Task>();
        if (started)
        {
            // A running consumer keeps up, so make it unable to: halt after it starts, then fill.
            processor.Start();
            processor.Halt();
            await processor.Completion.Within();
        }

        Fill(ring, 8);
        int producerCount = producerType == ProducerType.Multi ? 2 : 1;
        if (!started)
        {
            for (int i = 0; i < producerCount; i++)
            {
                producers.Add(StartProducer(() => ring.Next()));
            }

            WaitUntilStalled(ring, producerCount);
            Assert.All(producers, p => Assert.False(p.IsCompleted));
            processor.Halt();
        }
        else
        {
            producers.Add(StartProducer(() => ring.Next()));
        }

        foreach (var producer in producers)
        {
            await Assert.ThrowsAsync<RingBufferHaltedException>(producer.Within);
        }

        Assert.True(processor.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Producer_parked_for_a_long_time_still_throws_on_dispose()
    {
        var ring = new RingBuffer<TestEvent>(2, ProducerType.Multi);
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());
        Fill(ring, 2);
        var producer = StartProducer(() => ring.Next(2));
        WaitUntilStalled(ring, 1);

        await Task.Run(processor.Dispose, TestTimeouts.Token).Within();
        await Assert.ThrowsAsync<RingBufferHaltedException>(producer.Within);
    }

    internal static void Fill(RingBuffer<TestEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            ring.PublishEvent(new TestEvent { Counter = i });
        }
    }

    internal static Task StartProducer(Action action) =>
        Task.Factory.StartNew(action, TestTimeouts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Waits for the stall counter, which a producer increments before it starts waiting: the signal that
    /// it really is blocked on a full ring.</summary>
    internal static void WaitUntilStalled(RingBuffer<TestEvent> ring, long stalls) =>
        Assert.True(
            SpinWait.SpinUntil(() => ring.FullBufferStalls >= stalls, TestTimeouts.Short),
            $"expected {stalls} stalls, saw {ring.FullBufferStalls}");
}
