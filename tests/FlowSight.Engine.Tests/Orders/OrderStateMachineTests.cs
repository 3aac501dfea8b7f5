using FlowSight.Core;
using FlowSight.Engine.Orders;
using Xunit;

namespace FlowSight.Engine.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);

    /// <summary>The specification, written out again on purpose: the table in the code must match it edge for edge.</summary>
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Legal = new()
    {
        [OrderStatus.Initialized] = [OrderStatus.Submitted, OrderStatus.Rejected],
        [OrderStatus.Submitted] =
        [
            OrderStatus.Accepted, OrderStatus.Untriggered, OrderStatus.Rejected, OrderStatus.PartiallyFilled, OrderStatus.Filled,
            OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.PendingCancel,
        ],
        [OrderStatus.Accepted] =
        [
            OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.PendingCancel,
            OrderStatus.PendingReplace,
        ],
        [OrderStatus.Untriggered] =
        [
            OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired,
            OrderStatus.Rejected, OrderStatus.PendingCancel, OrderStatus.PendingReplace,
        ],
        [OrderStatus.PartiallyFilled] =
        [
            OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.PendingCancel,
            OrderStatus.PendingReplace,
        ],
        [OrderStatus.PendingCancel] =
        [
            OrderStatus.Rejected, OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.Untriggered, OrderStatus.PartiallyFilled,
            OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired,
        ],
        [OrderStatus.PendingReplace] =
        [
            OrderStatus.Accepted, OrderStatus.Untriggered, OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Canceled,
            OrderStatus.Expired, OrderStatus.PendingCancel,
        ],
        [OrderStatus.Filled] = [],
        [OrderStatus.Canceled] = [],
        [OrderStatus.Rejected] = [],
        [OrderStatus.Expired] = [],
    };

    /// <summary>How to bring a new order to each status through legal edges.</summary>
    private static readonly Dictionary<OrderStatus, OrderStatus[]> PathTo = new()
    {
        [OrderStatus.Initialized] = [],
        [OrderStatus.Submitted] = [OrderStatus.Submitted],
        [OrderStatus.Accepted] = [OrderStatus.Submitted, OrderStatus.Accepted],
        [OrderStatus.Untriggered] = [OrderStatus.Submitted, OrderStatus.Untriggered],
        [OrderStatus.PartiallyFilled] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PartiallyFilled],
        [OrderStatus.Filled] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.Filled],
        [OrderStatus.Canceled] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.Canceled],
        [OrderStatus.Rejected] = [OrderStatus.Submitted, OrderStatus.Rejected],
        [OrderStatus.Expired] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.Expired],
        [OrderStatus.PendingCancel] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PendingCancel],
        [OrderStatus.PendingReplace] = [OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PendingReplace],
    };

    public static TheoryData<OrderStatus, OrderStatus> LegalEdges()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var (from, tos) in Legal)
        {
            foreach (var to in tos)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<OrderStatus, OrderStatus> IllegalEdges()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                if (!Legal[from].Contains(to))
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalEdges))]
    public void Every_legal_transition_is_applied(OrderStatus from, OrderStatus to)
    {
        var (store, order) = OrderAt(from);

        store.Transition(order, to, 2);

        Assert.Equal(to, order.Status);
        Assert.Equal(2, order.UpdatedAt);
        Assert.Equal(to.IsTerminal() ? 0 : 1, store.TotalOpenOrderCount);
    }

    [Theory]
    [MemberData(nameof(IllegalEdges))]
    public void An_illegal_transition_throws_naming_the_order_and_both_states(OrderStatus from, OrderStatus to)
    {
        var (store, order) = OrderAt(from);

        var ex = Assert.Throws<InvalidOrderTransitionException>(() => store.Transition(order, to, 2));

        Assert.Equal($"order {order.ClientOrderId}: cannot go from {from} to {to}", ex.Message);
        Assert.Equal(from, order.Status);
        Assert.Equal(from, ex.From);
        Assert.Equal(to, ex.To);
    }

    [Fact]
    public void The_code_table_matches_the_specification_for_every_pair()
    {
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                Assert.True(Legal[from].Contains(to) == OrderTransitions.IsAllowed(from, to), $"{from} -> {to}");
            }
        }
    }

    [Fact]
    public void A_terminal_order_never_leaves_its_state()
    {
        foreach (var terminal in new[] { OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Rejected, OrderStatus.Expired })
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                Assert.False(OrderTransitions.IsAllowed(terminal, to), $"{terminal} -> {to}");
            }
        }
    }

    [Fact]
    public void A_refused_cancel_returns_the_order_to_where_it_was()
    {
        var (store, order) = OrderAt(OrderStatus.PartiallyFilled);

        store.Transition(order, OrderStatus.PendingCancel, 3);

        Assert.Equal(OrderStatus.PartiallyFilled, order.StatusBeforePending);
        store.Transition(order, order.StatusBeforePending, 4);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void A_cancel_during_a_pending_replace_keeps_the_state_before_the_replace()
    {
        var (store, order) = OrderAt(OrderStatus.PendingReplace);

        store.Transition(order, OrderStatus.PendingCancel, 3);

        Assert.Equal(OrderStatus.Accepted, order.StatusBeforePending);
    }

    private static (OrderStore Store, Order Order) OrderAt(OrderStatus status)
    {
        var store = new OrderStore();
        var order = new Order(new SubmitOrder
        {
            ClientOrderId = ClientOrderId.Parse("T1"),
            Instrument = Btc,
            Side = OrderSide.Buy,
            Type = OrderType.Limit,
            Quantity = Quantity.FromDecimal(1m, 3),
            Price = Price.FromDecimal(100m, 1),
            Timestamp = 1,
        });
        store.Add(order);
        foreach (var step in PathTo[status])
        {
            store.Transition(order, step, 1);
        }

        Assert.Equal(status, order.Status);
        return (store, order);
    }
}
