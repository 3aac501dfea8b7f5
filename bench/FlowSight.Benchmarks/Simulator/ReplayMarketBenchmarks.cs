using BenchmarkDotNet.Attributes;
using FlowSight.Core;
using FlowSight.Engine.Replay;
using FlowSight.Simulator.Markets;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Simulator.Orders;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Benchmarks.Simulator;

/// <summary>
/// The replay market's throughput on the recorded BTCUSDT perpetual session of 2024-08-08 (6,548 book messages,
/// 21,313 trades, parsed and synchronised once in setup): every recorded event is fed to a <see cref="ReplayMarket"/>
/// with 1 ms order and feed latency while a script re-quotes a bid and an ask at the touch every 200 events, so queue
/// positions are tracked and fills happen. One operation is one recorded event.
/// </summary>
[MemoryDiagnoser]
public class ReplayMarketBenchmarks
{
    private object[] _events = [];
    private readonly BookDeltas _batch = new(4096);
    private Instrument _instrument = null!;
    private InstrumentId _id;

    [GlobalSetup]
    public void Setup()
    {
        var events = new List<object>(30_000);
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        BinanceDepthSynchronizer? synchronizer = null;
        using var reader = new RecordingReader([SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz")]);
        while (reader.TryRead(out var frame))
        {
            if (frame.Kind != RecordedFrameKind.Received)
            {
                continue;
            }

            switch (parser.Parse(frame.Payload.Span, frame.ReceiveTime))
            {
                case BinanceMessageKind.DepthUpdate:
                    if (synchronizer is null)
                    {
                        parser.DefaultInstrument = parser.Instrument;
                        synchronizer = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
                        {
                            Instrument = parser.Instrument,
                            Market = BinanceMarket.UsdM,
                            MaxBufferedDiffs = 100_000,
                            MaxBufferedLevels = 10_000_000,
                        });
                        synchronizer.Applied += batch => events.Add(new RecordedBatch(batch.Deltas.ToArray(), batch.IsSnapshot, batch.EventTime));
                    }

                    synchronizer.OnDiff(parser.Deltas);
                    break;
                case BinanceMessageKind.DepthSnapshot when synchronizer is not null:
                    synchronizer.OnSnapshot(parser.Deltas);
                    break;
                case BinanceMessageKind.Trade:
                    events.Add(parser.Trade);
                    break;
                default:
                    break;
            }
        }

        _events = events.ToArray();
        if (_events.Length != 27_861)
        {
            throw new InvalidOperationException($"{_events.Length} recorded events, expected 27,861 (OperationsPerInvoke)");
        }

        _sessionLength = TimeOf(_events[^1]) - TimeOf(_events[0]) + 1_000_000_000;
        _id = synchronizer!.Instrument;
        _instrument = new Instrument
        {
            Id = _id,
            VenueSymbol = "BTCUSDT",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            TickSize = Price.Parse("0.10"),
            StepSize = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
            MinNotional = Money.Parse("100"),
            MaxLeverage = 125m,
        };
        WholeSession(); // pools, queues and the book reach their working size
    }

    /// <summary>One operation = one recorded event (book message or trade) with everything it causes.</summary>
    [Benchmark(OperationsPerInvoke = 27_861)]
    public long WholeSession()
    {
        var market = _market ??= new ReplayMarket(_instrument, new Sink(), new ReplayMarketOptions { Latency = new ConstantLatency(1_000_000, 1_000_000) });
        long offset = _offset; // each pass replays the session later on the market's clock, which only goes forward
        _offset += _sessionLength;
        var quantity = Quantity.Parse("0.010");
        for (int i = 0; i < _events.Length; i++)
        {
            if (_events[i] is TradeTick trade)
            {
                market.OnTrade(trade with { EventTime = trade.EventTime + offset });
            }
            else
            {
                var recorded = (RecordedBatch)_events[i];
                _batch.Clear();
                _batch.IsSnapshot = recorded.IsSnapshot;
                _batch.EventTime = recorded.EventTime + offset;
                foreach (var delta in recorded.Deltas)
                {
                    _batch.Add(delta);
                }

                market.OnBookDeltas(_batch);
            }

            if (i % 200 == 199 && market.TryGetBestBid(out var bid) && market.TryGetBestAsk(out var ask))
            {
                long now = market.ExchangeTime;
                market.CancelAll(1, now);
                market.Submit(new SimOrderRequest(1, _id, default, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, quantity, bid.Price), now);
                market.Submit(new SimOrderRequest(1, _id, default, OrderSide.Sell, OrderType.Limit, TimeInForce.Gtc, quantity, ask.Price), now);
            }
        }

        return market.ExchangeTime;
    }

    /// <summary>Baseline: the same events into a bare <see cref="FlowSight.Engine.OrderBook.L2OrderBook"/> (what any replay pays).</summary>
    [Benchmark(OperationsPerInvoke = 27_861)]
    public long BookOnly()
    {
        var book = _book ??= new FlowSight.Engine.OrderBook.L2OrderBook(_id, 1, 3, 2048);
        long trades = 0;
        for (int i = 0; i < _events.Length; i++)
        {
            if (_events[i] is TradeTick trade)
            {
                trades += trade.Size.Raw;
                continue;
            }

            var recorded = (RecordedBatch)_events[i];
            _batch.Clear();
            _batch.IsSnapshot = recorded.IsSnapshot;
            _batch.EventTime = recorded.EventTime;
            foreach (var delta in recorded.Deltas)
            {
                _batch.Add(delta);
            }

            book.Apply(_batch);
        }

        return trades;
    }

    private FlowSight.Engine.OrderBook.L2OrderBook? _book;
    private ReplayMarket? _market;
    private long _offset;
    private long _sessionLength;

    private static long TimeOf(object recorded) => recorded is TradeTick trade ? trade.EventTime : ((RecordedBatch)recorded).EventTime;

    private sealed record RecordedBatch(BookDelta[] Deltas, bool IsSnapshot, long EventTime);

    private sealed class Sink : IMarketListener
    {
        public long Count;

        public void OnOrderEvent(in OrderEvent orderEvent) => Count++;

        public void OnTrade(in TradeTick trade) => Count++;

        public void OnBookLevel(InstrumentId instrument, OrderSide side, Price price, Quantity total, long timestamp) => Count++;
    }
}
