using System.Globalization;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FlowSight.Engine.Messaging;

namespace FlowSight.Benchmarks.Messaging;

/// <summary>
/// Producer → consumer throughput of <see cref="RingBuffer{T}"/> against a bounded <see cref="Channel{T}"/>, in one
/// class so the figures come from the same run. Each invocation moves <see cref="EventsPerInvoke"/> events and the
/// reported time is per event (OperationsPerInvoke); the Ratio column compares each case with the Channel baseline
/// of its category (lower is faster). Threads (consumer, second producer) live for the whole benchmark case, so
/// neither thread start-up nor their allocations are measured per event.
/// Run: <c>dotnet run -c Release --project bench/FlowSight.Benchmarks -- --filter '*RingBuffer*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RingBufferBenchmarks
{
    public const int EventsPerInvoke = 30_000_000;
    private const int Capacity = 1 << 16;
    private const int Batch = 64;

    private RingRig<Event16>? _ring16;
    private RingRig<Event64>? _ring64;
    private ChannelRig<Event16>? _channel16;
    private ChannelRig<Event64>? _channel64;

    [GlobalSetup(Targets = [nameof(Ring_1P1C), nameof(Ring_1P1C_Batch64)])]
    public void SetupSingleProducerRing() => _ring16 = new RingRig<Event16>(ProducerType.Single, new BusySpinWaitStrategy(), 1);

    // Three busy threads on a two-core machine: the consumer must yield or it starves a producer.
    [GlobalSetup(Targets = [nameof(Ring_2P1C), nameof(Ring_2P1C_Batch64)])]
    public void SetupMultiProducerRing() => _ring16 = new RingRig<Event16>(ProducerType.Multi, new YieldingWaitStrategy(), 2);

    [GlobalSetup(Target = nameof(Ring_1P1C_64B))]
    public void SetupSingleProducerRing64() => _ring64 = new RingRig<Event64>(ProducerType.Single, new BusySpinWaitStrategy(), 1);

    [GlobalSetup(Target = nameof(Channel_1P1C))]
    public void SetupSingleWriterChannel() => _channel16 = new ChannelRig<Event16>(1);

    [GlobalSetup(Target = nameof(Channel_2P1C))]
    public void SetupMultiWriterChannel() => _channel16 = new ChannelRig<Event16>(2);

    [GlobalSetup(Target = nameof(Channel_1P1C_64B))]
    public void SetupSingleWriterChannel64() => _channel64 = new ChannelRig<Event64>(1);

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring16?.Dispose();
        _ring64?.Dispose();
        _channel16?.Dispose();
        _channel64?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("1P→1C 16 B")]
    public void Channel_1P1C() => _channel16!.Run();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("1P→1C 16 B")]
    public void Ring_1P1C() => _ring16!.Run(1);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("1P→1C 16 B")]
    public void Ring_1P1C_Batch64() => _ring16!.Run(Batch);

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("2P→1C 16 B")]
    public void Channel_2P1C() => _channel16!.Run();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("2P→1C 16 B")]
    public void Ring_2P1C() => _ring16!.Run(1);

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("2P→1C 16 B")]
    public void Ring_2P1C_Batch64() => _ring16!.Run(Batch);

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("1P→1C 64 B")]
    public void Channel_1P1C_64B() => _channel64!.Run();

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    [BenchmarkCategory("1P→1C 64 B")]
    public void Ring_1P1C_64B() => _ring64!.Run(1);

    /// <summary>An event producers fill in place and consumers sum up (static abstract: no virtual call per event).</summary>
    public interface IBenchEvent<TSelf>
        where TSelf : struct
    {
        static abstract void Fill(ref TSelf evt, long i);

        static abstract long ValueOf(in TSelf evt);
    }

    /// <summary>A 16-byte event: value and timestamp.</summary>
    public struct Event16 : IBenchEvent<Event16>
    {
        public long Value;
        public long Timestamp;

        public static void Fill(ref Event16 evt, long i)
        {
            evt.Value = i;
            evt.Timestamp = i;
        }

        public static long ValueOf(in Event16 evt) => evt.Value;
    }

    /// <summary>A 64-byte event (a cache line): value, timestamp and six more fields.</summary>
    public struct Event64 : IBenchEvent<Event64>
    {
        public long Value;
        public long Timestamp;
        public long A;
        public long B;
        public long C;
        public long D;
        public long E;
        public long F;

        public static void Fill(ref Event64 evt, long i)
        {
            evt.Value = i;
            evt.Timestamp = i;
            evt.A = i;
            evt.B = i;
            evt.C = i;
            evt.D = i;
            evt.E = i;
            evt.F = i;
        }

        public static long ValueOf(in Event64 evt) => evt.Value;
    }

    /// <summary>The benchmark thread is producer 1; an optional long-lived thread is producer 2; both share the work
    /// of one invocation, then the benchmark thread waits until the consumer has seen every event.</summary>
    private abstract class Rig : IDisposable
    {
        private readonly int _producers;
        private readonly Thread? _secondProducer;
        private readonly ManualResetEventSlim _go = new();
        private readonly ManualResetEventSlim _secondDone = new();
        private volatile bool _stopping;
        private int _batch;

        protected Rig(int producers)
        {
            _producers = producers;
            if (producers == 2)
            {
                _secondProducer = new Thread(SecondProducerLoop) { IsBackground = true, Name = "bench producer 2" };
                _secondProducer.Start();
            }
        }

        protected long Expected { get; private set; }

        public void Run(int batch = 1)
        {
            int perProducer = EventsPerInvoke / _producers;
            _batch = batch;
            if (_secondProducer is not null)
            {
                _secondDone.Reset();
                _go.Set();
            }

            Produce(perProducer, batch);
            if (_secondProducer is not null)
            {
                _secondDone.Wait();
            }

            Expected += EventsPerInvoke;
            var spinner = default(SpinWait);
            while (Consumed < Expected)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public virtual void Dispose()
        {
            _stopping = true;
            _go.Set();
            _secondProducer?.Join();
        }

        protected abstract long Consumed { get; }

        protected abstract void Produce(int count, int batch);

        private void SecondProducerLoop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                if (_stopping)
                {
                    return;
                }

                Produce(EventsPerInvoke / _producers, _batch);
                _secondDone.Set();
            }
        }
    }

    private sealed class RingRig<T> : Rig
        where T : struct, IBenchEvent<T>
    {
        private readonly RingBuffer<T> _ring;
        private readonly BatchEventProcessor<T> _processor;

        public RingRig(ProducerType producerType, IWaitStrategy waitStrategy, int producers)
            : base(producers)
        {
            _ring = new RingBuffer<T>(Capacity, producerType, waitStrategy);
            _processor = new BatchEventProcessor<T>(_ring, new SumHandler());
            _processor.Start();
        }

        protected override long Consumed => _processor.Sequence.Value + 1;

        public override void Dispose()
        {
            base.Dispose();
            _processor.Dispose();
        }

        protected override void Produce(int count, int batch)
        {
            var ring = _ring;
            if (batch == 1)
            {
                for (int i = 0; i < count; i++)
                {
                    long sequence = ring.Next();
                    T.Fill(ref ring[sequence], i);
                    ring.Publish(sequence);
                }

                return;
            }

            for (int i = 0; i < count; i += batch)
            {
                long hi = ring.Next(batch);
                long lo = hi - batch + 1;
                for (long sequence = lo; sequence <= hi; sequence++)
                {
                    T.Fill(ref ring[sequence], sequence);
                }

                ring.Publish(lo, hi);
            }
        }

        private sealed class SumHandler : IBatchEventHandler<T>
        {
            public long Sum { get; private set; }

            public void OnEvent(ref T evt, long sequence, bool endOfBatch) => Sum += T.ValueOf(in evt);
        }
    }

    private sealed class ChannelRig<T> : Rig
        where T : struct, IBenchEvent<T>
    {
        private readonly Channel<T> _channel;
        private readonly Task _reader;
        private long _consumed;

        public ChannelRig(int producers)
            : base(producers)
        {
            _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
            {
                SingleReader = true,
                SingleWriter = producers == 1,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _reader = Task.Run(ReadLoop);
        }

        public long Sum { get; private set; }

        protected override long Consumed => Volatile.Read(ref _consumed);

        public override void Dispose()
        {
            base.Dispose();
            _channel.Writer.Complete();
            _reader.GetAwaiter().GetResult();
        }

        protected override void Produce(int count, int batch)
        {
            var writer = _channel.Writer;
            for (int i = 0; i < count; i++)
            {
                T evt = default;
                T.Fill(ref evt, i);
                if (!writer.TryWrite(evt))
                {
                    // Full: spin rather than WriteAsync so the producer allocates nothing and reacts as fast as
                    // the ring's producer does.
                    var spinner = default(SpinWait);
                    while (!writer.TryWrite(evt))
                    {
                        spinner.SpinOnce(sleep1Threshold: -1);
                    }
                }
            }
        }

        private async Task ReadLoop()
        {
            var reader = _channel.Reader;
            long count = 0;
            long sum = 0;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out T evt))
                {
                    sum += T.ValueOf(in evt);
                    count++;
                }

                Volatile.Write(ref _consumed, count);
            }

            Sum = sum;
        }
    }

    /// <summary>A fixed job: each iteration is one invocation of 30 M events (0.1–3 s), so a few warm-up and ten
    /// measured iterations are enough and the whole class runs in a few minutes.</summary>
    private sealed class RunConfig : ManualConfig
    {
        public RunConfig()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn());
        }
    }

    /// <summary>Millions of events per second: 1e3 / (ns per event).</summary>
    private sealed class EventsPerSecondColumn : IColumn
    {
        public string Id => nameof(EventsPerSecondColumn);

        public string ColumnName => "M events/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Millions of events per second (1e9 / mean ns per event)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
                ? (1e3 / statistics.Mean).ToString("F1", CultureInfo.InvariantCulture)
                : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
