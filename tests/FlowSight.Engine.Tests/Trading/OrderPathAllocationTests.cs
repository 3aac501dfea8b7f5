using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.Risk;
using FlowSight.Engine.Trading;
using FlowSight.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static FlowSight.Engine.Tests.Risk.RiskFixture;

namespace FlowSight.Engine.Tests.Trading;

/// <summary>
/// The engine side of tick-to-order: a strategy's quote through the full risk engine and the execution engine to the
/// venue client, and the venue's answer that retires it, allocate nothing once the order store is in its steady state
/// (closed orders beyond the limit forgotten and their instances reused).
/// </summary>
public sealed class OrderPathAllocationTests
{
    private const int MaxClosedOrders = 64;

    [Fact]
    public void Quoting_through_risk_and_execution_to_the_client_allocates_nothing_in_steady_state()
    {
        using var quoting = new Quoting(callClientsInline: true);
        quoting.Quote(MaxClosedOrders * 4);

        var bytes = Allocations.SteadyState(() => quoting.Quote(500));

        Assert.True(bytes == 0, $"{bytes} B for 500 orders");
        Assert.Equal(quoting.Submitted, quoting.Client.Submits);
        Assert.Equal(0, quoting.Node.Orders.TotalOpenOrderCount);
        Assert.Equal(MaxClosedOrders, quoting.Node.Orders.Count);
    }

    [Fact]
    public void Handing_orders_to_a_client_on_the_thread_pool_allocates_nothing_on_the_engine_thread()
    {
        using var quoting = new Quoting(callClientsInline: false);
        quoting.Quote(MaxClosedOrders * 4);

        var bytes = Allocations.SteadyState(() => quoting.Quote(500));

        Assert.True(bytes == 0, $"{bytes} B for 500 orders");
        Assert.Equal(quoting.Submitted, quoting.Client.Submits);
    }

    [Fact]
    public void A_forgotten_closed_order_is_no_longer_found_and_its_instance_serves_a_new_order()
    {
        using var quoting = new Quoting(callClientsInline: true);
        quoting.Quote(1);
        var first = quoting.LastId;
        Assert.True(quoting.Node.Orders.TryGet(first, out var firstOrder));

        quoting.Quote(MaxClosedOrders + 1);

        Assert.False(quoting.Node.Orders.Contains(first));
        Assert.True(quoting.Node.Orders.TryGet(quoting.LastId, out var latest));
        Assert.Equal(OrderStatus.Canceled, latest.Status);
        Assert.Same(firstOrder, latest);
        Assert.Equal(quoting.LastId, latest.ClientOrderId);
        Assert.Equal(0, latest.FilledQuantity.Raw);
    }

    /// <summary>A trading node quoting one post-only bid at a time; the venue accepts it, then cancels it.</summary>
    private sealed class Quoting : IDisposable
    {
        private readonly EngineLoop _engine;
        private readonly Quantity _quantity = Quantity.FromDecimal(0.004m, 3);
        private readonly Price _price = Price.FromDecimal(49_990m, 1);
        private long _venueIds;

        public Quoting(bool callClientsInline)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
            _engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, clock);
            Client = new CountingClient(BtcSpec);
            Node = new TradingNode(_engine, [BtcSpec], new TradingNodeOptions
            {
                Execution = new ExecutionEngineOptions { CallClientsInline = callClientsInline },
                MaxClosedOrders = MaxClosedOrders,
                Risk = new RiskLimits
                {
                    Defaults = new InstrumentRiskLimits
                    {
                        MaxOrderQuantity = 10m,
                        MaxOrderNotional = 1_000_000m,
                        MaxPositionQuantity = 100m,
                        MaxPositionNotional = 10_000_000m,
                        MaxOpenOrders = 100,
                        PriceBandBps = 500,
                    },
                    MaxTotalPositionNotional = 100_000_000m,
                    MaxTotalOpenOrders = 100,
                    MaxOrdersPerSecond = 100_000,
                    MaxLeverage = 100m,
                    DailyLossLimit = 1_000_000m,
                },
            });
            Node.AddClient(Client);
            Node.Portfolio.OnBalanceReport(new BalanceReport { Venue = Venue.Binance, Account = Client.Account, Asset = "USDT", Total = 1_000_000m, Free = 1_000_000m, IsSnapshot = true });
            var mark = Price.FromDecimal(50_000m, 1);
            Node.Portfolio.OnMarkPrice(new MarkPrice(Btc, mark, mark, mark, 0.0001m, 0, 1, 1));
        }

        public TradingNode Node { get; }

        public CountingClient Client { get; }

        public long Submitted { get; private set; }

        public ClientOrderId LastId { get; private set; }

        public void Quote(int orders)
        {
            for (var i = 0; i < orders; i++)
            {
                var order = new SubmitOrder
                {
                    ClientOrderId = Node.Ids.Next(),
                    Instrument = Btc,
                    Side = OrderSide.Buy,
                    Type = OrderType.Limit,
                    Quantity = _quantity,
                    Price = _price,
                    TimeInForce = TimeInForce.Gtx,
                };
                var decision = Node.Risk.Submit(in order);
                Assert.True(decision.Approved, decision.Reason);
                Submitted++;
                LastId = order.ClientOrderId;

                // One call in flight at a time, so the pooled work items stop growing (a condition, not a sleep).
                var spin = default(SpinWait);
                while (Volatile.Read(ref Client.Submits) != Submitted)
                {
                    spin.SpinOnce();
                }

                Answer(in order, OrderStatus.Accepted);
                Answer(in order, OrderStatus.Canceled);
                _engine.RunPending();
            }
        }

        public void Dispose()
        {
            Node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _engine.Dispose();
        }

        private void Answer(in SubmitOrder order, OrderStatus status) =>
            Node.Execution.ReportSink.OnOrderStatus(new OrderStatusReport
            {
                Instrument = Btc,
                ClientOrderId = order.ClientOrderId,
                VenueOrderId = VenueOrderId.FromNumber(status == OrderStatus.Accepted ? ++_venueIds : _venueIds),
                Side = order.Side,
                Type = order.Type,
                Status = status,
                Quantity = order.Quantity,
                FilledQuantity = Quantity.Zero(order.Quantity.Precision),
                Price = order.Price,
                TimeInForce = order.TimeInForce,
            });
    }

    /// <summary>A venue client that only counts what it is sent and completes at once.</summary>
    private sealed class CountingClient(Instrument instrument) : IExecutionClient
    {
        public long Submits;

        public Venue Venue => Venue.Binance;

        public string Account => "quoting";

        public IReadOnlyList<Instrument> Instruments { get; } = [instrument];

        public bool IsConnected => true;

        public Task ConnectAsync(IExecutionReportSink sink, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SubmitAsync(SubmitOrder command, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Submits);
            return Task.CompletedTask;
        }

        public Task CancelAsync(CancelOrder command, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ReplaceAsync(ReplaceOrder command, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CancelAllAsync(CancelAllOrders command, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<OrderStatusReport?> QueryOrderAsync(InstrumentId instrument, ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
            Task.FromResult<OrderStatusReport?>(null);

        public Task<ExecutionStateSnapshot> QueryStateAsync(long fillsSince, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ExecutionStateSnapshot { OpenOrders = [], Fills = [], Balances = [], Positions = [] });

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
