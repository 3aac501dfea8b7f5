using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>Every wait strategy delivers every event and lets the processor halt promptly, busy or idle.</summary>
public sealed class WaitStrategyTests
{
    public static TheoryData<string, ProducerType> Strategies => new()
    {
        { nameof(BusySpinWaitStrategy), ProducerType.Single },
        { nameof(YieldingWaitStrategy), ProducerType.Single },
        { nameof(BlockingWaitStrategy), ProducerType.Single },
        { nameof(BusySpinWaitStrategy), ProducerType.Multi },
        { nameof(YieldingWaitStrategy), ProducerType.Multi },
        { nameof(BlockingWaitStrategy), ProducerType.Multi },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Delivers_everything_then_halts_promptly(string strategy, ProducerType producerType)
    {
        const int total = 200_000;
        var ring = new RingBuffer<TestEvent>(1024, producerType, Create(strategy));
        var handler = new OrderCheckingHandler(1, total);
        var processor = new BatchEventProcessor<TestEvent>(ring, handler);
        processor.Start();

        for (int i = 0; i < total; i++)
        {
            long sequence = ring.Next();
            ring[sequence].Counter = i;
            ring.Publish(sequence);
        }

        Assert.True(handler.Done.Wait(TestTimeouts.Long, TestTimeouts.Token), $"saw {handler.Seen} of {total}");
        Assert.Null(handler.FirstViolation);
        await AssertDisposesPromptly(processor);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Wakes_for_each_event_published_to_a_waiting_consumer(string strategy, ProducerType producerType)
    {
        // One event at a time, each published only after the previous was handled: the consumer is waiting (and
        // with the blocking strategy usually parked) on every publish, exercising the wake-up handshake.
        var ring = new RingBuffer<TestEvent>(8, producerType, Create(strategy));
        var handled = new SemaphoreSlim(0);
        var processor = new BatchEventProcessor<TestEvent>(ring, new SignallingHandler(handled));
        processor.Start();

        for (int i = 0; i < 2000; i++)
        {
            ring.PublishEvent(new TestEvent { Counter = i });
            Assert.True(handled.Wait(TestTimeouts.Short, TestTimeouts.Token), $"event {i} was never delivered");
        }

        await AssertDisposesPromptly(processor);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Halts_promptly_when_idle(string strategy, ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(8, producerType, Create(strategy));
        var processor = new BatchEventProcessor<TestEvent>(ring, new RecordingHandler());
        processor.Start();
        Assert.True(processor.IsRunning);
        await AssertDisposesPromptly(processor);
    }

    [Fact]
    public async Task Run_on_the_current_thread_stops_on_cancellation()
    {
        var ring = new RingBuffer<TestEvent>(8, ProducerType.Single, new BlockingWaitStrategy());
        var handled = new SemaphoreSlim(0);
        var processor = new BatchEventProcessor<TestEvent>(ring, new SignallingHandler(handled));
        using var cancellation = new CancellationTokenSource();
        var runner = BackPressureTests.StartProducer(() => processor.Run(cancellation.Token));

        ring.PublishEvent(default);
        Assert.True(handled.Wait(TestTimeouts.Short, TestTimeouts.Token));
        await cancellation.CancelAsync();
        await runner.Within();
        Assert.True(processor.Completion.IsCompletedSuccessfully);
        Assert.True(ring.IsHalted);
    }

    internal static IWaitStrategy Create(string name) => name switch
    {
        nameof(BusySpinWaitStrategy) => new BusySpinWaitStrategy(),
        nameof(YieldingWaitStrategy) => new YieldingWaitStrategy(),
        nameof(BlockingWaitStrategy) => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static async Task AssertDisposesPromptly(BatchEventProcessor<TestEvent> processor)
    {
        await Task.Run(processor.Dispose, TestTimeouts.Token).Within();
        Assert.True(processor.Completion.IsCompletedSuccessfully);
        Assert.False(processor.IsRunning);
    }

    private sealed class SignallingHandler(SemaphoreSlim handled) : IBatchEventHandler<TestEvent>
    {
        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch) => handled.Release();
    }
}
