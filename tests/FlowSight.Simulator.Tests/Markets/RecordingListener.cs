using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Tests.Markets;

/// <summary>Keeps what a market reports, with the market's time at delivery when a clock is given.</summary>
internal sealed class RecordingListener : IMarketListener
{
    private readonly Func<long>? _clock;

    public RecordingListener(Func<long>? clock = null) => _clock = clock;

    public List<OrderEvent> Orders { get; } = [];

    public List<long> OrderDeliveryTimes { get; } = [];

    public List<TradeTick> Trades { get; } = [];

    public long BookLevels { get; private set; }

    public bool KeepMarketData { get; init; }

    public Action<OrderEvent>? OnOrder { get; set; }

    public void OnOrderEvent(in OrderEvent orderEvent)
    {
        Orders.Add(orderEvent);
        OrderDeliveryTimes.Add(_clock?.Invoke() ?? 0);
        OnOrder?.Invoke(orderEvent);
    }

    public void OnTrade(in TradeTick trade)
    {
        if (KeepMarketData)
        {
            Trades.Add(trade);
        }
    }

    public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) => BookLevels++;

    public IEnumerable<OrderEvent> Fills(long orderId) =>
        Orders.Where(e => e.OrderId == orderId && e.ExecutionType == ExecutionType.Trade);
}
