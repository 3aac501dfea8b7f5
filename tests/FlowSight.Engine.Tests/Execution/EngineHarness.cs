using System.Collections.Concurrent;
using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Engine.Tests.Execution;

/// <summary>An execution engine with inline posting, in-test clients, a fake clock and a record of every event published.</summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    public static readonly InstrumentId OkxBtc = InstrumentId.Of("BTC-USDT-SWAP", Venue.Okx);
    public static readonly InstrumentId GateBtc = InstrumentId.Of("BTC_USDT-PERP", Venue.GateIo);

    private readonly Lock _gate = new();

    public EngineHarness(ExecutionEngineOptions? options = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero));
        Bus = new EventBus(rethrowFailures: true);
        Store = new OrderStore();
        Ids = new ClientOrderIdGenerator(Clock);
        Engine = new ExecutionEngine(
            Bus,
            Store,
            Ids,
            work =>
            {
                // Inline, but serialised: a reconciliation continuing on the thread pool must not race the test thread.
                lock (_gate)
                {
                    work();
                }
            },
            Clock,
            (options ?? new ExecutionEngineOptions()) with { CallClientsInline = true });
        Binance = new RecordingExecutionClient(Venue.Binance, Btc);
        Okx = new RecordingExecutionClient(Venue.Okx, OkxBtc);
        Engine.AddClient(Binance);
        Engine.AddClient(Okx);
        Record<OrderSubmitted>();
        Record<OrderAccepted>();
        Record<OrderRejected>();
        Record<OrderFilled>();
        Record<OrderCanceled>();
        Record<OrderExpired>();
        Record<OrderPendingCancel>();
        Record<OrderPendingReplace>();
        Record<OrderReplaced>();
        Record<OrderModifyRejected>();
        Record<OrderStatusReport>();
        Record<FillReport>();
        Record<PositionStatusReport>();
        Record<BalanceReport>();
        Record<ExecutionConnectionChanged>();
        Record<ReconciliationCompleted>();
    }

    public FakeTimeProvider Clock { get; }

    public EventBus Bus { get; }

    public OrderStore Store { get; }

    public ClientOrderIdGenerator Ids { get; }

    public ExecutionEngine Engine { get; }

    public RecordingExecutionClient Binance { get; }

    public RecordingExecutionClient Okx { get; }

    public IExecutionReportSink Sink => Engine.ReportSink;

    public ConcurrentQueue<object> Events { get; } = new();

    public List<T> Of<T>() => Events.OfType<T>().ToList();

    /// <summary>Completes with the first <typeparamref name="T"/> published from now on that <paramref name="match"/> accepts.</summary>
    public Task<T> Next<T>(Func<T, bool>? match = null)
        where T : notnull
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            Bus.Subscribe($"wait-{typeof(T).Name}", new Handler<T>(e =>
            {
                if (match?.Invoke(e) ?? true)
                {
                    done.TrySetResult(e);
                }
            }));
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public SubmitOrder Submit(InstrumentId instrument, decimal quantity = 1m, decimal price = 100m, OrderSide side = OrderSide.Buy)
    {
        var cmd = new SubmitOrder
        {
            ClientOrderId = Ids.Next(),
            Instrument = instrument,
            Side = side,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(quantity, 3),
            Price = Price.FromDecimal(price, 1),
            Timestamp = 1,
        };
        lock (_gate)
        {
            Engine.Execute(RiskApprovals.Unchecked(cmd));
        }

        return cmd;
    }

    public void Execute(CancelOrder cmd)
    {
        lock (_gate)
        {
            Engine.Execute(RiskApprovals.Unchecked(cmd));
        }
    }

    public void Execute(ReplaceOrder cmd)
    {
        lock (_gate)
        {
            Engine.Execute(RiskApprovals.Unchecked(cmd));
        }
    }

    public void Execute(CancelAllOrders cmd)
    {
        lock (_gate)
        {
            Engine.Execute(RiskApprovals.Unchecked(cmd));
        }
    }

    public static OrderStatusReport Status(SubmitOrder cmd, OrderStatus status, decimal filled = 0m, long venueId = 777, decimal? quantity = null, decimal? price = null) => new()
    {
        Instrument = cmd.Instrument,
        ClientOrderId = cmd.ClientOrderId,
        VenueOrderId = VenueOrderId.FromNumber(venueId),
        Side = cmd.Side,
        Type = cmd.Type,
        Status = status,
        Quantity = quantity is { } q ? Quantity.FromDecimal(q, 3) : cmd.Quantity,
        FilledQuantity = Quantity.FromDecimal(filled, 3),
        Price = price is { } p ? Price.FromDecimal(p, 1) : cmd.Price,
    };

    public static FillReport Fill(SubmitOrder cmd, string tradeId, decimal quantity, decimal price, long venueId = 777, long tradeTime = 1_000) => new()
    {
        Instrument = cmd.Instrument,
        ClientOrderId = cmd.ClientOrderId,
        VenueOrderId = VenueOrderId.FromNumber(venueId),
        TradeId = tradeId,
        Side = cmd.Side,
        Price = Price.FromDecimal(price, 1),
        Quantity = Quantity.FromDecimal(quantity, 3),
        Fee = Money.FromDecimal(0.01m, 8),
        FeeAsset = "USDT",
        Liquidity = FillLiquidity.Maker,
        TradeTime = tradeTime,
    };

    public Order Order(SubmitOrder cmd)
    {
        Assert.True(Store.TryGet(cmd.ClientOrderId, out var order));
        return order;
    }

    public void Dispose() => Engine.Dispose();

    private void Record<T>()
        where T : notnull => Bus.Subscribe($"record-{typeof(T).Name}", new Handler<T>(e => Events.Enqueue(e)));

    private sealed class Handler<T>(Action<T> action) : IEventHandler<T>
        where T : notnull
    {
        public void Handle(in T evt) => action(evt);
    }
}
