using System.Runtime.CompilerServices;

namespace FlowSight.Engine.Messaging;

/// <summary>
/// The consumer loop of a <see cref="RingBuffer{T}"/>: waits for published events and hands every available one to
/// an <see cref="IBatchEventHandler{T}"/> in a single batch, advancing its <see cref="Sequence"/> (which frees the
/// slots for producers) once per batch rather than per event.
/// </summary>
/// <remarks>
/// <para>Drive it on a dedicated thread with <see cref="Start"/>, on the caller's thread with <see cref="Run"/>, or
/// step by step with <see cref="TryProcessAvailable"/> (single-threaded engines, deterministic tests).</para>
/// <para>When the handler throws, the error is reported to <see cref="BatchEventProcessorOptions{T}.OnError"/>, then
/// the processor either skips the event (<see cref="ConsumerErrorPolicy.Continue"/>) or stops
/// (<see cref="ConsumerErrorPolicy.Stop"/>): <see cref="Completion"/> faults and the ring is halted, so producers
/// waiting for space throw <see cref="RingBufferHaltedException"/> rather than hang. Any stop, faulted or not, halts
/// the ring: the processor is the ring's consumer and nothing else would ever free its slots.</para>
/// </remarks>
/// <typeparam name="T">The ring's slot type.</typeparam>
public sealed class BatchEventProcessor<T> : IDisposable
    where T : struct
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Halted = 2;

    private readonly RingBuffer<T> _ring;
    private readonly IBatchEventHandler<T> _handler;
    private readonly SequenceBarrier _barrier;
    private readonly ConsumerErrorPolicy _errorPolicy;
    private readonly ConsumerErrorCallback<T>? _onError;
    private readonly int _maxBatchSize;
    private readonly bool _callsBatchStart;
    private readonly string _threadName;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConsumerCounters _counters;
    private int _state;
    private int _runnerThreadId;
    private Exception? _fault;

    /// <summary>Creates a processor consuming <paramref name="ringBuffer"/> with <paramref name="handler"/> and
    /// registers its <see cref="Sequence"/> with the ring (do this before producers start).</summary>
    public BatchEventProcessor(
        RingBuffer<T> ringBuffer,
        IBatchEventHandler<T> handler,
        BatchEventProcessorOptions<T>? options = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new BatchEventProcessorOptions<T>();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxBatchSize, nameof(options));

        _ring = ringBuffer;
        _handler = handler;
        _barrier = ringBuffer.NewBarrier();
        _errorPolicy = options.ErrorPolicy;
        _onError = options.OnError;
        _maxBatchSize = options.MaxBatchSize > 0 ? options.MaxBatchSize : Math.Max(1, ringBuffer.Capacity / 4);
        _callsBatchStart = OverridesBatchStart(handler);
        _threadName = options.ThreadName;
        ringBuffer.AddGatingSequence(Sequence);
    }

    /// <summary>The last sequence this processor has finished with; producers never claim more than a ring's
    /// capacity beyond it.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>Completes when the processor stops: successfully after <see cref="Halt"/>, faulted with the handler's
    /// exception when it stopped under <see cref="ConsumerErrorPolicy.Stop"/>.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Whether the consumer loop is running (on its own thread or in <see cref="Run"/>).</summary>
    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>The exception that stopped the processor, if any.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Events the handler processed without throwing.</summary>
    public long EventsProcessed => Volatile.Read(ref _counters.Events);

    /// <summary>Batches handed to the handler (each ends with <c>endOfBatch</c> = true, unless it threw).</summary>
    public long Batches => Volatile.Read(ref _counters.Batches);

    /// <summary>Handler exceptions reported.</summary>
    public long Errors => Volatile.Read(ref _counters.Errors);

    /// <summary>Events waiting: the ring's cursor minus this processor's sequence (on a multi-producer ring this
    /// includes slots claimed but not yet published).</summary>
    public long QueueDepth => Math.Max(0, _ring.Cursor - Sequence.Value);

    /// <summary><see cref="QueueDepth"/> as a fraction of the ring's capacity: 1 means producers are blocked.</summary>
    public double Utilisation => (double)QueueDepth / _ring.Capacity;

    /// <summary>How many producer claims found the ring full (<see cref="RingBuffer{T}.FullBufferStalls"/>).</summary>
    public long ProducerStalls => _ring.FullBufferStalls;

    /// <summary>Starts the consumer loop on a new background thread.</summary>
    /// <exception cref="InvalidOperationException">The processor has already been started or halted.</exception>
    public void Start()
    {
        EnterRunning();
        var thread = new Thread(RunOnThread) { IsBackground = true, Name = _threadName };
        thread.Start();
    }

    /// <summary>Runs the consumer loop on the calling thread until <see cref="Halt"/>, cancellation of
    /// <paramref name="cancellationToken"/>, or a stopping error (which <see cref="Completion"/> reports; this method
    /// does not throw it).</summary>
    /// <exception cref="InvalidOperationException">The processor has already been started or halted.</exception>
    public void Run(CancellationToken cancellationToken = default)
    {
        EnterRunning();
        using var registration = cancellationToken.Register(
            static state => ((BatchEventProcessor<T>)state!).Halt(), this);
        RunOnThread();
    }

    /// <summary>
    /// Processes every event published now, without waiting, and returns how many sequences it consumed (handled
    /// or skipped after an error). For a processor that is not running: single-threaded engines and tests.
    /// </summary>
    /// <exception cref="InvalidOperationException">The processor is running or halted.</exception>
    public int TryProcessAvailable()
    {
        if (Volatile.Read(ref _state) != Idle)
        {
            throw new InvalidOperationException("TryProcessAvailable needs a processor that is neither running nor halted.");
        }

        long next = Sequence.Value + 1;
        long available = _barrier.GetAvailable(next);
        if (available < next)
        {
            return 0;
        }

        long end = Process(next, available, out var fault);
        if (fault is not null)
        {
            Complete(fault);
        }

        return (int)(end - next);
    }

    /// <summary>Stops the loop after the current batch (events still in the ring are left there) and halts the
    /// ring. Returns at once; wait on <see cref="Completion"/> or call <see cref="Dispose"/> to wait for the stop.</summary>
    public void Halt()
    {
        if (Interlocked.CompareExchange(ref _state, Halted, Idle) == Idle)
        {
            Complete(null);
            return;
        }

        _barrier.Alert();
    }

    /// <summary>Halts the processor and waits until its loop has exited (unless called from the loop itself).</summary>
    public void Dispose()
    {
        Halt();
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _runnerThreadId))
        {
            Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        }
    }

    private void EnterRunning()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
        {
            throw new InvalidOperationException("The processor has already been started or halted.");
        }
    }

    private void RunOnThread()
    {
        Volatile.Write(ref _runnerThreadId, Environment.CurrentManagedThreadId);
        Exception? fault = null;
        try
        {
            long next = Sequence.Value + 1;
            while (true)
            {
                long available = _barrier.WaitFor(next);
                if (available < next)
                {
                    break; // alerted: Halt or cancellation
                }

                next = Process(next, available, out fault);
                if (fault is not null || _barrier.IsAlerted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // Not a handler error (those are handled in Process): a broken wait strategy or error callback.
            fault = ex;
        }

        Complete(fault);
    }

    /// <summary>Handles sequences <paramref name="next"/> to <paramref name="available"/> in batches of at most the
    /// maximum batch size; returns the next sequence to handle. Sets <paramref name="fault"/> when it must stop.</summary>
    private long Process(long next, long available, out Exception? fault)
    {
        fault = null;
        var handler = _handler;

        // The slots' base and mask in locals: read through the ring on every event, the JIT reloads them after each
        // handler call (which may write memory), adding two loads to the per-event path.
        ref T entries = ref _ring.FirstEntry;
        long mask = _ring.IndexMask;
        while (next <= available)
        {
            long start = next;
            long end = Math.Min(available, next + _maxBatchSize - 1);
            try
            {
                if (_callsBatchStart)
                {
                    handler.OnBatchStart(end - start + 1);
                }

                for (; next <= end; next++)
                {
                    handler.OnEvent(ref Unsafe.Add(ref entries, (nint)(next & mask)), next, next == end);
                }
            }
            catch (Exception ex)
            {
                // `next` is the event that threw (OnBatchStart failures are charged to the batch's first event).
                if (!HandleError(ex, next, next - start, out fault))
                {
                    return next;
                }

                next++;
                continue;
            }

            Commit(end, end - start + 1);

            // Between batches so Halt is prompt even when producers keep the ring non-empty.
            if (_barrier.IsAlerted)
            {
                break;
            }
        }

        return next;
    }

    /// <summary>Whether the handler implements <see cref="IBatchEventHandler{T}.OnBatchStart"/> itself: the default
    /// does nothing, and calling it would cost an interface dispatch (not devirtualised for default methods) per batch.</summary>
    private static bool OverridesBatchStart(IBatchEventHandler<T> handler)
    {
        var map = handler.GetType().GetInterfaceMap(typeof(IBatchEventHandler<T>));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == nameof(IBatchEventHandler<T>.OnBatchStart))
            {
                return map.TargetMethods[i].DeclaringType != typeof(IBatchEventHandler<T>);
            }
        }

        return true;
    }

    private bool HandleError(Exception exception, long sequence, long handledBeforeError, out Exception? fault)
    {
        Volatile.Write(ref _counters.Errors, _counters.Errors + 1);
        fault = null;
        try
        {
            _onError?.Invoke(exception, sequence, in _ring[sequence]);
        }
        catch (Exception callbackException)
        {
            fault = callbackException;
        }

        if (fault is null && _errorPolicy == ConsumerErrorPolicy.Continue)
        {
            // The failed event counts as consumed: its slot is released and the next batch starts after it.
            Commit(sequence, handledBeforeError);
            return true;
        }

        fault ??= exception;
        Commit(sequence - 1, handledBeforeError);
        return false;
    }

    private void Commit(long sequence, long handled)
    {
        Sequence.SetValue(sequence);
        _ring.NotifyConsumerProgress();

        // Single writer (this thread); readers on other threads see whole values.
        Volatile.Write(ref _counters.Events, _counters.Events + handled);
        Volatile.Write(ref _counters.Batches, _counters.Batches + 1);
    }

    private void Complete(Exception? fault)
    {
        Volatile.Write(ref _state, Halted);
        _ring.Halt(fault);
        if (fault is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            Volatile.Write(ref _fault, fault);
            _completion.TrySetException(fault);
        }
    }
}
