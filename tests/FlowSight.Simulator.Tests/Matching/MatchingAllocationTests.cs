using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>Once the pools have grown to the book's working size, matching allocates nothing.</summary>
public sealed class MatchingAllocationTests
{
    [Fact]
    public void Adds_cancels_amends_fills_stops_and_rejects_allocate_nothing_in_steady_state()
    {
        var listener = new CountingListener();
        var ids = new IdSequence();
        var engine = new MatchingEngine(MatchingInstruments.BtcUsdtPerp, listener, OrderAdmission.AcceptAll,
            new MatchingEngineOptions { OrderIds = ids, InitialOrderCapacity = 64, InitialLevelCapacity = 16 });
        var id = MatchingInstruments.BtcUsdtPerp.Id;
        var clientId = ClientOrderId.Parse("client-1");
        var random = new Random(7);
        var script = new (int Kind, OrderSide Side, int Ticks, long Quantity)[5_000];
        for (int i = 0; i < script.Length; i++)
        {
            script[i] = (random.Next(10), random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(1, 40), random.Next(2, 50));
        }

        var placed = new long[256];
        int next = 0;
        long time = 0;

        void Round()
        {
            foreach (var (kind, side, ticks, quantity) in script)
            {
                time++;
                long mid = 600_000;
                var qty = Quantity.FromRaw(quantity, 3);
                switch (kind)
                {
                    case < 5: // passive limit
                        placed[next++ & 255] = ids.Peek;
                        engine.Submit(new SimOrderRequest(1, id, default, side, OrderType.Limit, TimeInForce.Gtc, qty,
                            Price.FromRaw(side == OrderSide.Buy ? mid - ticks : mid + ticks, 1)), time);
                        break;
                    case 5: // cancel (maybe of a filled one: a reject event)
                        engine.Cancel(new SimCancelRequest(1, id, placed[ticks & 255]), time);
                        break;
                    case 6: // amend
                        engine.Amend(new SimAmendRequest(1, id, placed[ticks & 255], default, default, Quantity.FromRaw(quantity + 1, 3)), time);
                        break;
                    case 7: // crossing IOC with a client id
                        engine.Submit(new SimOrderRequest(2, id, clientId, side, OrderType.Limit, TimeInForce.Ioc, qty,
                            Price.FromRaw(side == OrderSide.Buy ? mid + 2 : mid - 2, 1)), time);
                        break;
                    case 8: // stop that triggers on a later sweep, and a market order
                        engine.Submit(new SimOrderRequest(3, id, default, side, OrderType.StopMarket, TimeInForce.Gtc, qty,
                            TriggerPrice: Price.FromRaw(side == OrderSide.Buy ? mid + 1 : mid - 1, 1)), time);
                        engine.Submit(new SimOrderRequest(2, id, default, side, OrderType.Market, TimeInForce.Gtc, qty), time);
                        break;
                    default: // rejected by a filter
                        engine.Submit(new SimOrderRequest(2, id, default, side, OrderType.Limit, TimeInForce.Gtc, qty,
                            Price.Parse("60000.05")), time);
                        break;
                }
            }
        }

        for (int warm = 0; warm < 20; warm++)
        {
            Round();
        }

        Assert.Equal(0, Allocations.SteadyState(Round));
        Assert.True(listener.Fills > 1_000, $"only {listener.Fills} fills");
    }

    private sealed class CountingListener : IMarketListener
    {
        public long Fills { get; private set; }

        public void OnOrderEvent(in OrderEvent orderEvent)
        {
            if (orderEvent.ExecutionType == ExecutionType.Trade)
            {
                Fills++;
            }
        }

        public void OnTrade(in TradeTick trade)
        {
        }

        public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp)
        {
        }
    }
}
