using FlowSight.Core;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Matching;
using FlowSight.Simulator.Orders;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// A seeded add/cancel/match mix against one <see cref="MatchingEngine"/> around a fixed mid: 50% passive limit
/// orders 1–50 ticks from the mid, 35% cancels of the oldest order still outstanding (some already filled: those
/// are rejected, as a real client's late cancels are), 15% IOC limits crossing up to 3 ticks through the mid.
/// At most <see cref="Outstanding"/> placed orders are outstanding (a full queue turns an add into a cancel), so
/// the book keeps a steady size. Every operation is one engine call; the listener only counts.
/// </summary>
internal sealed class MatchingWorkload
{
    private const int Pattern = 1 << 16;
    /// <summary>Placed orders not yet canceled by the workload (some of them filled meanwhile).</summary>
    public const int Outstanding = 2048;
    private const long MidRaw = 600_000; // 60000.0 at tick 0.1

    private readonly MatchingEngine _engine;
    private readonly IdSequence _orderIds = new();
    private readonly CountingListener _listener = new();
    private readonly byte[] _kinds = new byte[Pattern];
    private readonly OrderSide[] _sides = new OrderSide[Pattern];
    private readonly int[] _ticks = new int[Pattern];
    private readonly long[] _quantities = new long[Pattern];
    private readonly long[] _ring = new long[Outstanding];
    private readonly InstrumentId _id;
    private int _next;
    private int _ringHead;
    private int _ringCount;

    public MatchingWorkload(int seed)
    {
        var instrument = new Instrument
        {
            Id = InstrumentId.Of("BTCUSDT-PERP", Venue.Simulator),
            VenueSymbol = "BTCUSDT",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            SettleAsset = "USDT",
            TickSize = Price.Parse("0.1"),
            StepSize = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
            MaxQuantity = Quantity.Parse("1000"),
            MinNotional = Money.Parse("5"),
            MaxLeverage = 125m,
        };
        _id = instrument.Id;
        _engine = new MatchingEngine(instrument, _listener, OrderAdmission.AcceptAll,
            new MatchingEngineOptions { OrderIds = _orderIds, InitialOrderCapacity = 1 << 14, InitialLevelCapacity = 256 });

        var random = new Random(seed);
        for (int i = 0; i < Pattern; i++)
        {
            int roll = random.Next(100);
            _kinds[i] = roll < 50 ? (byte)0 : roll < 85 ? (byte)1 : (byte)2;
            _sides[i] = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            _ticks[i] = _kinds[i] == 2 ? random.Next(0, 4) : random.Next(1, 51);
            _quantities[i] = random.Next(1, 200); // 0.001 … 0.199 BTC
        }
    }

    public MatchingEngine Engine => _engine;

    public long Events => _listener.Count;

    public long Fills => _listener.Fills;

    /// <summary>Runs <paramref name="operations"/> engine calls; returns the events they produced (so nothing is dead code).</summary>
    public long Run(int operations)
    {
        long before = _listener.Count;
        for (int n = 0; n < operations; n++)
        {
            int i = _next;
            _next = (_next + 1) & (Pattern - 1);
            var side = _sides[i];
            int kind = _kinds[i];
            if ((kind == 0 && _ringCount == Outstanding) || (kind == 1 && _ringCount == 0))
            {
                kind = 1 - kind;
            }

            switch (kind)
            {
                case 0:
                {
                    long price = side == OrderSide.Buy ? MidRaw - _ticks[i] : MidRaw + _ticks[i];
                    _ring[(_ringHead + _ringCount) & (Outstanding - 1)] = _orderIds.Peek;
                    _ringCount++;
                    var request = new SimOrderRequest(1, _id, default, side, OrderType.Limit, TimeInForce.Gtc,
                        Quantity.FromRaw(_quantities[i], 3), Price.FromRaw(price, 1));
                    _engine.Submit(in request, n);
                    break;
                }

                case 1:
                {
                    var cancel = new SimCancelRequest(1, _id, _ring[_ringHead]);
                    _ringHead = (_ringHead + 1) & (Outstanding - 1);
                    _ringCount--;
                    _engine.Cancel(in cancel, n);
                    break;
                }

                default:
                {
                    long price = side == OrderSide.Buy ? MidRaw + _ticks[i] : MidRaw - _ticks[i];
                    var request = new SimOrderRequest(2, _id, default, side, OrderType.Limit, TimeInForce.Ioc,
                        Quantity.FromRaw(_quantities[i], 3), Price.FromRaw(price, 1));
                    _engine.Submit(in request, n);
                    break;
                }
            }
        }

        return _listener.Count - before;
    }

    private sealed class CountingListener : IMarketListener
    {
        public long Count;

        public long Fills;

        public void OnOrderEvent(in OrderEvent orderEvent)
        {
            Count++;
            if (orderEvent.ExecutionType == ExecutionType.Trade)
            {
                Fills++;
            }
        }

        public void OnTrade(in TradeTick trade) => Count++;

        public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) => Count++;
    }
}
