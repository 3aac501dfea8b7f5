using System.Collections.Concurrent;
using FlowSight.Core;

namespace FlowSight.Engine.Execution;

/// <summary>
/// The execution engine's <see cref="IExecutionReportSink"/>: venue clients call it from their I/O threads; each
/// report is queued (no allocation once the queue has grown) and applied on the engine thread, in arrival order, by
/// one drain posted per burst. Get it from <see cref="ExecutionEngine.ReportSink"/>.
/// </summary>
public sealed class ExecutionReportSink : IExecutionReportSink
{
    private readonly ConcurrentQueue<PendingReport> _queue = new();
    private readonly ExecutionEngine _engine;
    private readonly Action<Action> _post;
    private readonly Action _drain;
    private int _drainScheduled;
    private bool _draining;

    internal ExecutionReportSink(ExecutionEngine engine, Action<Action> post)
    {
        _engine = engine;
        _post = post;
        _drain = Drain;
    }

    /// <inheritdoc />
    public void OnOrderStatus(in OrderStatusReport report) => Enqueue(new PendingReport { Kind = PendingReportKind.OrderStatus, OrderStatus = report });

    /// <inheritdoc />
    public void OnFill(in FillReport fill) => Enqueue(new PendingReport { Kind = PendingReportKind.Fill, Fill = fill });

    /// <inheritdoc />
    public void OnPosition(in PositionStatusReport position) => Enqueue(new PendingReport { Kind = PendingReportKind.Position, Position = position });

    /// <inheritdoc />
    public void OnBalance(in BalanceReport balance) => Enqueue(new PendingReport { Kind = PendingReportKind.Balance, Balance = balance });

    /// <inheritdoc />
    public void OnCommandFailed(in VenueCommandFailure failure) => Enqueue(new PendingReport { Kind = PendingReportKind.CommandFailed, Failure = failure });

    /// <inheritdoc />
    public void OnConnectionChanged(in ExecutionConnectionChanged change) => Enqueue(new PendingReport { Kind = PendingReportKind.ConnectionChanged, Connection = change });

    /// <summary>Runs engine-internal work on the engine thread, in order with the reports.</summary>
    internal void Post(Action work) => Enqueue(new PendingReport { Kind = PendingReportKind.Callback, Callback = work });

    private void Enqueue(in PendingReport report)
    {
        _queue.Enqueue(report);
        if (Interlocked.CompareExchange(ref _drainScheduled, 1, 0) == 0)
        {
            _post(_drain);
        }
    }

    /// <summary>Applies everything queued. Engine thread only; a nested call (an inline poster) leaves the work to the running drain.</summary>
    private void Drain()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            do
            {
                Volatile.Write(ref _drainScheduled, 0);
                while (_queue.TryDequeue(out var item))
                {
                    _engine.Apply(ref item);
                }
            }
            while (Volatile.Read(ref _drainScheduled) == 1); // a nested enqueue set it without a drain of its own
        }
        finally
        {
            _draining = false;
        }
    }
}
