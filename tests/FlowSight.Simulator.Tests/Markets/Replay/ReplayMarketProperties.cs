using FlowSight.Core;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Simulator.Orders;
using FsCheck.Xunit;
using static FlowSight.Simulator.Tests.Markets.Replay.HandBook;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>
/// Invariants of the replay market over random recorded streams (level updates, trades, snapshots) interleaved with
/// random requests of ours (limit GTC/IOC/FOK/GTX, market, cancel, amend), with and without latency.
/// </summary>
public sealed class ReplayMarketProperties
{
    [Property(MaxTest = 300)]
    public bool Our_orders_keep_their_limits_time_in_force_and_quantities(int seed, bool latency, bool behindUs)
    {
        var random = new Random(seed);
        var events = new List<OrderEvent>();
        var listener = new RecordingListener();
        listener.OnOrder = events.Add;
        var market = new ReplayMarket(HandBook.Instrument, listener, new ReplayMarketOptions
        {
            Latency = latency ? new RandomLatency(seed, 100, 200, 50, 100) : ConstantLatency.Zero,
            Cancellations = behindUs ? QueueCancellationModel.BehindUs : QueueCancellationModel.Proportional,
        });

        long time = 1_000;
        market.OnBookDeltas(Snapshot(time, [("99.9", "5"), ("99.8", "5")], [("100.1", "5"), ("100.2", "5")]));
        for (int step = 0; step < 150; step++)
        {
            time += random.Next(1, 300);
            string price = (99.5m + (random.Next(0, 11) / 10m)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            string size = (random.Next(0, 40) / 4m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            switch (random.Next(8))
            {
                case 0 or 1:
                {
                    // A recorded level; keep the recording itself uncrossed, as real books are.
                    var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                    var p = Price.Parse(price);
                    bool crosses = side == OrderSide.Buy
                        ? market.RecordedBook.TryGetBestAsk(out var a) && p >= a.Price
                        : market.RecordedBook.TryGetBestBid(out var b) && p <= b.Price;
                    if (!crosses)
                    {
                        market.OnBookDeltas(Level(time, side, price, size));
                    }

                    break;
                }

                case 2:
                    market.OnTrade(Trade(time, price, (random.Next(1, 20) / 4m).ToString(System.Globalization.CultureInfo.InvariantCulture), random.Next(2) == 0 ? AggressorSide.Buyer : AggressorSide.Seller));
                    break;
                case 3 or 4:
                {
                    var tif = (TimeInForce)random.Next(1, 5);
                    var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                    var type = random.Next(5) == 0 ? OrderType.Market : OrderType.Limit;
                    var quantity = Quantity.Parse((random.Next(1, 12) / 4m).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    market.Submit(new SimOrderRequest(1, Id, default, side, type, type == OrderType.Market ? TimeInForce.Gtc : tif, quantity, type == OrderType.Market ? default : Price.Parse(price)), time);
                    break;
                }

                case 5 when events.Count > 0:
                    market.Cancel(new SimCancelRequest(1, Id, events[random.Next(events.Count)].OrderId), time);
                    break;
                case 6 when events.Count > 0:
                    market.Amend(new SimAmendRequest(1, Id, events[random.Next(events.Count)].OrderId, default, Price.Parse(price), Quantity.Parse("1")), time);
                    break;
                default:
                    market.AdvanceTo(time);
                    break;
            }

        }

        market.AdvanceTo(time + 10_000);
        return Check(events, out string failure) ? true : throw new InvalidOperationException(failure);
    }

    private static bool Check(List<OrderEvent> events, out string failure)
    {
        failure = string.Empty;
        long lastTime = long.MinValue;
        foreach (var group in events.Where(e => e.OrderId != 0).GroupBy(e => e.OrderId))
        {
            var list = group.ToList();
            var first = list[0];
            if (first.ExecutionType != ExecutionType.New)
            {
                failure = $"order {group.Key} starts with {first.ExecutionType}";
                return false;
            }

            var filled = Quantity.Zero(3);
            var quote = Money.Zero(4);
            bool closed = false;
            foreach (var e in list)
            {
                if (closed && e.ExecutionType != ExecutionType.Rejected)
                {
                    failure = $"order {group.Key}: {e.ExecutionType} after it closed";
                    return false;
                }

                if (e.ExecutionType == ExecutionType.Trade)
                {
                    filled += e.LastQuantity;
                    quote += e.LastPrice.Notional(e.LastQuantity, 4, RoundingMode.ToEven);
                    bool beyondLimit = e.Type == OrderType.Limit && (e.Side == OrderSide.Buy ? e.LastPrice > e.Price : e.LastPrice < e.Price);
                    if (beyondLimit || e.CumulativeQuantity != filled || e.CumulativeQuote != quote || filled > e.Quantity
                        || (e.TimeInForce == TimeInForce.Gtx && e.Liquidity == LiquiditySide.Taker))
                    {
                        failure = $"order {group.Key}: bad fill {e}";
                        return false;
                    }
                }

                closed |= e.Status.IsTerminal();
            }

            // IOC, FOK and market orders never rest: they close on arrival; FOK fills all or nothing.
            var arrival = list.TakeWhile(e => e.Timestamp == first.Timestamp).ToList();
            bool immediate = first.Type == OrderType.Market || first.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
            if (immediate && !arrival[^1].Status.IsTerminal())
            {
                failure = $"order {group.Key} ({first.TimeInForce}) rested";
                return false;
            }

            if (first.TimeInForce == TimeInForce.Fok && first.Type == OrderType.Limit && filled.Raw != 0 && filled != first.Quantity)
            {
                failure = $"FOK {group.Key} filled {filled} of {first.Quantity}";
                return false;
            }
        }

        foreach (var e in events)
        {
            if (e.Timestamp < lastTime)
            {
                failure = $"reports out of time order at {e}";
                return false;
            }

            lastTime = e.Timestamp;
        }

        return true;
    }
}
