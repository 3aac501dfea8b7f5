using FlowSight.Core;
using FsCheck.Xunit;
using static FlowSight.Engine.Tests.Execution.EngineHarness;

namespace FlowSight.Engine.Tests.Execution;

/// <summary>Invariants over arbitrary delivery orders of one order's reports, duplicates included.</summary>
public sealed class ExecutionEngineProperties
{
    /// <summary>
    /// However the user stream and REST replies interleave (each report possibly twice), every fill is counted once,
    /// the cumulative quantity and average price are exact, the order ends Filled, and once terminal it never changes.
    /// </summary>
    [Property(MaxTest = 100)]
    public bool Any_delivery_order_counts_each_fill_once_and_never_leaves_a_terminal_state(int seed, byte fillCount, byte duplicateCount)
    {
        using var h = new EngineHarness();
        var n = 1 + (fillCount % 6);
        var total = 0m;
        var notional = 0m;
        for (var i = 0; i < n; i++)
        {
            total += 0.001m * (i + 1);
            notional += 0.001m * (i + 1) * (100m + i);
        }

        var cmd = h.Submit(Btc, quantity: total);
        var messages = new List<Action>();
        var cumulative = 0m;
        messages.Add(() => h.Sink.OnOrderStatus(Status(cmd, OrderStatus.Accepted)));
        for (var i = 0; i < n; i++)
        {
            var fill = Fill(cmd, $"t{i}", 0.001m * (i + 1), 100m + i);
            messages.Add(() => h.Sink.OnFill(fill));
            cumulative += 0.001m * (i + 1);
            var status = Status(cmd, i == n - 1 ? OrderStatus.Filled : OrderStatus.PartiallyFilled, filled: cumulative);
            messages.Add(() => h.Sink.OnOrderStatus(status));
        }

        var random = new Random(seed);
        var duplicates = duplicateCount % 8;
        for (var i = 0; i < duplicates; i++)
        {
            messages.Add(messages[random.Next(messages.Count)]);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(messages));

        var order = h.Order(cmd);
        OrderStatus? terminal = null;
        foreach (var deliver in messages)
        {
            deliver();
            if (terminal is { } t && order.Status != t)
            {
                return false;
            }

            if (order.Status.IsTerminal())
            {
                terminal = order.Status;
            }
        }

        var expectedAverage = Math.Round(notional / total, 5, MidpointRounding.ToEven);
        return order.Status == OrderStatus.Filled
            && order.FilledQuantity.ToDecimal() == total
            && order.AveragePrice!.Value.ToDecimal() == expectedAverage
            && h.Of<OrderFilled>().Count == n
            && h.Of<FillReport>().Count == n
            && h.Of<OrderAccepted>().Count == 1
            && h.Store.TotalOpenOrderCount == 0;
    }
}
