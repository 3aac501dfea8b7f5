using FlowSight.Engine.Messaging;

namespace FlowSight.Engine.Tests.Messaging;

/// <summary>Checks that each producer's counters arrive strictly consecutively; signals once it has seen
/// <c>expected</c> events.</summary>
internal sealed class OrderCheckingHandler(int producers, long expected) : IBatchEventHandler<TestEvent>
{
    private readonly long[] _last = Enumerable.Repeat(-1L, producers).ToArray();
    private long _seen;

    public ManualResetEventSlim Done { get; } = new();

    public long Seen => Volatile.Read(ref _seen);

    public string? FirstViolation { get; private set; }

    public long EndOfBatchCount { get; private set; }

    public long CountFor(int producer) => _last[producer] + 1;

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        ref long last = ref _last[evt.ProducerId];
        if (evt.Counter != last + 1 && FirstViolation is null)
        {
            FirstViolation = $"producer {evt.ProducerId}: expected {last + 1}, got {evt.Counter} at sequence {sequence}";
        }

        last = evt.Counter;
        if (endOfBatch)
        {
            EndOfBatchCount++;
        }

        if (Interlocked.Increment(ref _seen) == expected)
        {
            Done.Set();
        }
    }
}

/// <summary>Records every sequence and counter it sees, in order.</summary>
internal sealed class RecordingHandler : IBatchEventHandler<TestEvent>
{
    public List<long> Sequences { get; } = [];

    public List<long> Counters { get; } = [];

    public List<long> BatchSizes { get; } = [];

    public void OnBatchStart(long batchSize) => BatchSizes.Add(batchSize);

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        Sequences.Add(sequence);
        Counters.Add(evt.Counter);
    }
}

/// <summary>Throws on events whose counter is in <c>failOn</c>; counts and signals the rest.</summary>
internal sealed class ThrowingHandler(long expectedGood, params long[] failOn) : IBatchEventHandler<TestEvent>
{
    private readonly HashSet<long> _failOn = [.. failOn];
    private long _good;

    public ManualResetEventSlim Done { get; } = new();

    public List<long> Counters { get; } = [];

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        if (_failOn.Contains(evt.Counter))
        {
            throw new InvalidOperationException($"boom at {evt.Counter}");
        }

        Counters.Add(evt.Counter);
        if (++_good == expectedGood)
        {
            Done.Set();
        }
    }
}

/// <summary>Sums counters; allocates nothing.</summary>
internal sealed class SummingHandler : IBatchEventHandler<TestEvent>
{
    public long Sum { get; private set; }

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch) => Sum += evt.Counter;
}
