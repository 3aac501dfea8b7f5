using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Execution;
using FlowSight.Engine.Orders;
using FlowSight.Engine.Risk;
using FlowSight.TestKit;
using Xunit;
using static FlowSight.Engine.Tests.Execution.EngineHarness;

namespace FlowSight.Engine.Tests.Execution;

public sealed class ReportPathAllocationTests
{
    [Fact]
    public void A_status_report_for_a_working_order_allocates_nothing()
    {
        var (engine, cmd) = WorkingOrder(quantity: 1_000m);
        var again = Status(cmd, OrderStatus.Accepted);

        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                engine.ReportSink.OnOrderStatus(again);
            }
        });

        Assert.Equal(0, bytes);
        engine.Dispose();
    }

    [Fact]
    public void Fills_allocate_only_the_amortised_growth_of_the_fill_lists()
    {
        var (engine, cmd) = WorkingOrder(quantity: 1_000_000m);
        var fills = new FillReport[6_000];
        for (var i = 0; i < fills.Length; i++)
        {
            fills[i] = Fill(cmd, "t" + i, 0.001m, 100m);
        }

        var next = 0;
        var bytes = Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                engine.ReportSink.OnFill(fills[next++]);
                engine.ReportSink.OnFill(fills[next - 1]); // and its duplicate
            }
        });

        // Per fill: its slot in the order's and the store's lists and in the trade-id set (amortised doubling).
        Assert.True(bytes < 1_000 * 400, $"{bytes} bytes for 1,000 fills");
        engine.Dispose();
    }

    private static (ExecutionEngine Engine, SubmitOrder Command) WorkingOrder(decimal quantity)
    {
        var engine = new ExecutionEngine(new EventBus(), new OrderStore(), new ClientOrderIdGenerator(), work => work(), options: new ExecutionEngineOptions { CallClientsInline = true });
        engine.AddClient(new RecordingExecutionClient(Venue.Binance, Btc));
        var cmd = new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse("A1"),
            Instrument = Btc,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(quantity, 3),
            Price = Price.FromDecimal(100m, 1),
        };
        engine.Execute(RiskApprovals.Unchecked(cmd));
        engine.ReportSink.OnOrderStatus(Status(cmd, OrderStatus.Accepted));
        return (engine, cmd);
    }
}
