using System.Collections.Concurrent;
using FlowSight.Engine.Messaging;
using Xunit;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>A handler that throws: the error is reported, then the processor skips the event or stops, and nothing
/// hangs.</summary>
public sealed class ErrorPolicyTests
{
    [Fact]
    public void Continue_reports_the_error_and_delivers_later_events()
    {
        var ring = new RingBuffer<TestEvent>(64, ProducerType.Single, new YieldingWaitStrategy());
        var handler = new ThrowingHandler(expectedGood: 998, failOn: [10, 500]);
        var reported = new ConcurrentQueue<(Exception Error, long Sequence, long Counter)>();
        using var processor = new BatchEventProcessor<TestEvent>(ring, handler, new BatchEventProcessorOptions<TestEvent>
        {
            ErrorPolicy = ConsumerErrorPolicy.Continue,
            OnError = (error, sequence, in evt) => reported.Enqueue((error, sequence, evt.Counter)),
        });
        processor.Start();

        for (int i = 0; i < 1000; i++)
        {
            ring.PublishEvent(new TestEvent { Counter = i });
        }

        Assert.True(handler.Done.Wait(TestTimeouts.Short, TestTimeouts.Token));
        Assert.True(SpinWait.SpinUntil(() => processor.Sequence.Value == 999, TestTimeouts.Short));
        Assert.Equal([(10L, 10L), (500L, 500L)], reported.Select(r => (r.Sequence, r.Counter)));
        Assert.All(reported, r => Assert.IsType<InvalidOperationException>(r.Error));
        Assert.Equal(Enumerable.Range(0, 1000).Where(i => i is not 10 and not 500).Select(i => (long)i), handler.Counters);
        Assert.Equal(2, processor.Errors);
        Assert.Equal(998, processor.EventsProcessed);
        Assert.True(processor.IsRunning);
    }

    [Fact]
    public void Continue_skips_the_failed_event_when_driven_step_by_step()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var handler = new ThrowingHandler(expectedGood: 4, failOn: 2);
        long reportedSequence = -1;
        var processor = new BatchEventProcessor<TestEvent>(ring, handler, new BatchEventProcessorOptions<TestEvent>
        {
            ErrorPolicy = ConsumerErrorPolicy.Continue,
            OnError = (_, sequence, in _) => reportedSequence = sequence,
        });
        BackPressureTests.Fill(ring, 5);

        Assert.Equal(5, processor.TryProcessAvailable());
        Assert.Equal(2, reportedSequence);
        Assert.Equal([0, 1, 3, 4], handler.Counters);
        Assert.Equal(4, processor.Sequence.Value);
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public async Task Stop_halts_the_processor_faults_completion_and_fails_waiting_producers(ProducerType producerType)
    {
        var ring = new RingBuffer<TestEvent>(16, producerType, new BlockingWaitStrategy());
        var handler = new ThrowingHandler(expectedGood: long.MaxValue, failOn: 5);
        var reported = new ConcurrentQueue<long>();
        var processor = new BatchEventProcessor<TestEvent>(ring, handler, new BatchEventProcessorOptions<TestEvent>
        {
            ErrorPolicy = ConsumerErrorPolicy.Stop,
            OnError = (_, sequence, in _) => reported.Enqueue(sequence),
        });
        processor.Start();

        // Far more than the ring holds: once the consumer stops, this producer must hit a full ring and throw.
        var producer = BackPressureTests.StartProducer(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ring.PublishEvent(new TestEvent { Counter = i });
            }
        });

        var halted = await Assert.ThrowsAsync<RingBufferHaltedException>(producer.Within);
        Assert.IsType<InvalidOperationException>(halted.InnerException);

        var fault = await Assert.ThrowsAsync<InvalidOperationException>(processor.Completion.Within);
        Assert.Equal("boom at 5", fault.Message);
        Assert.Same(fault, processor.Fault);
        Assert.Same(fault, halted.InnerException);
        Assert.Same(processor.Fault, ring.HaltFault);
        Assert.False(processor.IsRunning);
        Assert.Equal([5L], reported);
        Assert.Equal([0, 1, 2, 3, 4], handler.Counters);
        Assert.Equal(4, processor.Sequence.Value);

        await Task.Run(processor.Dispose, TestTimeouts.Token).Within();
    }

    [Fact]
    public void Stop_when_driven_step_by_step_returns_what_was_consumed_and_faults()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var processor = new BatchEventProcessor<TestEvent>(ring, new ThrowingHandler(long.MaxValue, failOn: 3));
        BackPressureTests.Fill(ring, 6);

        Assert.Equal(3, processor.TryProcessAvailable());
        Assert.True(processor.Completion.IsFaulted);
        Assert.Equal(2, processor.Sequence.Value);
        Assert.Throws<InvalidOperationException>(() => processor.TryProcessAvailable());
        Assert.True(ring.IsHalted);
    }

    [Fact]
    public void A_throwing_error_callback_stops_even_under_continue()
    {
        var ring = new RingBuffer<TestEvent>(8);
        var callbackError = new InvalidOperationException("callback failed");
        var processor = new BatchEventProcessor<TestEvent>(ring, new ThrowingHandler(long.MaxValue, failOn: 1),
            new BatchEventProcessorOptions<TestEvent>
            {
                ErrorPolicy = ConsumerErrorPolicy.Continue,
                OnError = (_, _, in _) => throw callbackError,
            });
        BackPressureTests.Fill(ring, 4);

        Assert.Equal(1, processor.TryProcessAvailable());
        Assert.Same(callbackError, processor.Fault);
    }
}
