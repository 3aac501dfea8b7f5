using FlowSight.Core;
using FlowSight.Engine.Bus;
using FlowSight.Engine.Candles;
using Xunit;
using static FlowSight.Engine.Tests.Candles.BinanceCandleRecording;

namespace FlowSight.Engine.Tests.Candles;

/// <summary>
/// Real data: the 1m candles aggregated from the recorded Binance USDⓈ-M <c>aggTrade</c> stream equal the
/// <c>kline_1m</c> values Binance sent on the same connection (recordings/cryptofeed/BINANCE_FUTURES.ws.1.0, 4 symbols,
/// 31 s across one minute boundary).
/// </summary>
/// <remarks>
/// A kline is Binance's aggregation of trades <c>f..L</c>; our candle equals it exactly when it has seen the same
/// trades: the minute's first trade (the first recorded aggTrade of the minute has <c>f</c> = the kline's <c>f</c>) up
/// to an aggTrade ending at the kline's <c>L</c> (an aggTrade can straddle a kline update; those states are not
/// comparable). For a closed kline that is a minute fully covered by the recording. This recording covers no minute
/// fully (it starts at :40 and ends at :11 of the next minute), so the comparable states are the running klines
/// (<c>x=false</c>) of the minute that starts inside the recording; the closed klines of the minute that started
/// before it are checked as suffixes.
/// </remarks>
public sealed class RecordedAggTradeCandleTests(ITestOutputHelper output)
{
    private const string File = "BINANCE_FUTURES.ws.1.0";

    [Fact]
    public void Candles_from_aggTrades_equal_the_klines_Binance_sent_for_the_same_trades()
    {
        var recording = Read(File);
        var bus = new EventBus();
        var store = new MemoryKlineStore();
        using var candles = new CandleAggregator(store, bus, new CandleAggregatorOptions { Intervals = [CandleInterval.OneMinute] });

        var states = new Dictionary<(string Symbol, long Minute, long LastTradeId), Candle>();
        var firstTradeOfMinute = new Dictionary<(string Symbol, long Minute), long>();
        var lastTradeId = new Dictionary<string, long>();
        var lastTradeOfMinute = new Dictionary<(string Symbol, long Minute), long>();
        var lastTradeTime = 0L;
        var klines = new List<Kline>();
        foreach (var message in recording.Messages)
        {
            switch (message)
            {
                case AggTrade t:
                    if (lastTradeId.TryGetValue(t.Symbol, out var previous))
                    {
                        Assert.True(t.FirstTradeId == previous + 1, $"{t.Symbol}: trade ids jump from {previous} to {t.FirstTradeId}");
                    }

                    lastTradeId[t.Symbol] = t.LastTradeId;
                    var id = Id(t.Symbol);
                    var tick = new TradeTick(id, t.Price, t.Size, t.BuyerIsMaker ? AggressorSide.Seller : AggressorSide.Buyer,
                        t.FirstTradeId, t.TradeTime, t.TradeTime);
                    candles.Add(tick, t.LastTradeId - t.FirstTradeId + 1);
                    Assert.True(store.TryGetLast(id, CandleInterval.OneMinute, out var candle));
                    firstTradeOfMinute.TryAdd((t.Symbol, candle.OpenTime), t.FirstTradeId);
                    lastTradeOfMinute[(t.Symbol, candle.OpenTime)] = t.LastTradeId;
                    lastTradeTime = Math.Max(lastTradeTime, t.TradeTime);
                    states[(t.Symbol, candle.OpenTime, t.LastTradeId)] = candle;
                    break;
                case Kline k when k.Interval == CandleInterval.OneMinute:
                    klines.Add(k);
                    break;
            }
        }

        // As an engine timer would: close the minutes that ended before the last trade's minute (some symbols
        // did not trade again after the boundary).
        candles.CloseDue(lastTradeTime - (lastTradeTime % 60_000_000_000L));

        var compared = 0;
        var closedCompared = 0;
        var suffixes = 0;
        var minutes = new HashSet<(string, long)>();
        foreach (var k in klines)
        {
            var fromFirstTrade = firstTradeOfMinute.TryGetValue((k.Symbol, k.OpenTime), out var first) && first == k.FirstTradeId;
            if (!fromFirstTrade)
            {
                if (k.IsClosed)
                {
                    // The minute began before the recording: ours holds its last trades only.
                    var ours = Closed(store, Id(k.Symbol), k.OpenTime);
                    Assert.Equal(k.Close, ours.Close);
                    Assert.True(ours.High <= k.High && ours.Low >= k.Low, $"{k.Symbol}: our range {ours.Low}..{ours.High} outside Binance's {k.Low}..{k.High}");
                    Assert.True(ours.Volume <= k.Volume && ours.TradeCount <= k.TradeCount && ours.TradeCount > 0);
                    Assert.Equal(k.LastTradeId, lastTradeOfMinute[(k.Symbol, k.OpenTime)]);
                    suffixes++;
                }

                continue;
            }

            if (!states.TryGetValue((k.Symbol, k.OpenTime, k.LastTradeId), out var c))
            {
                continue; // an aggTrade straddles this kline update
            }

            var where = $"{k.Symbol} {DateTimeOffset.FromUnixTimeMilliseconds(k.OpenTime / 1_000_000):HH:mm} trades {k.FirstTradeId}..{k.LastTradeId}";
            Assert.True(k.Open == c.Open, $"{where}: open {c.Open} != Binance {k.Open}");
            Assert.True(k.High == c.High, $"{where}: high {c.High} != Binance {k.High}");
            Assert.True(k.Low == c.Low, $"{where}: low {c.Low} != Binance {k.Low}");
            Assert.True(k.Close == c.Close, $"{where}: close {c.Close} != Binance {k.Close}");
            Assert.True(k.Volume == c.Volume, $"{where}: volume {c.Volume} != Binance {k.Volume}");
            Assert.True(k.QuoteVolume == c.QuoteVolume, $"{where}: quote volume {c.QuoteVolume} != Binance {k.QuoteVolume}");
            Assert.True(k.TradeCount == c.TradeCount, $"{where}: trade count {c.TradeCount} != Binance {k.TradeCount}");
            Assert.Equal(k.OpenTime, c.OpenTime);
            compared++;
            closedCompared += k.IsClosed ? 1 : 0;
            minutes.Add((k.Symbol, k.OpenTime));
        }

        output.WriteLine($"{klines.Count} kline_1m messages; {compared} kline states equal ours exactly (open, high, low, close, volume, quote volume, trade count) in {minutes.Count} symbol-minutes; " +
            $"{closedCompared} of them closed (minutes fully covered by the recording); {suffixes} closed klines of minutes begun before the recording checked as suffixes.");
        Assert.Equal(15, compared);
        Assert.Equal(3, minutes.Count);
        Assert.Equal(4, suffixes);
    }

    private static InstrumentId Id(string symbol) => InstrumentId.Of(symbol + "-PERP", Venue.Binance);

    private static Candle Closed(MemoryKlineStore store, InstrumentId id, long openTime)
    {
        var all = new Candle[8];
        var n = store.CopyLatest(id, CandleInterval.OneMinute, all);
        var candle = Assert.Single(all[..n], c => c.OpenTime == openTime);
        Assert.True(candle.IsClosed, $"{id} {openTime}: our candle is not closed after CloseDue");
        return candle;
    }
}
