using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// Every line of every Binance recording parses, none is malformed, and the counts per kind are those SOURCES.md
/// reports for the file. Beyond counting, each depth batch is checked for the invariants a book relies on.
/// </summary>
public sealed class BinanceRecordingParseTests
{
    public static TheoryData<string, BinanceMarket, int, int, int, int, int, int> HftBacktestRecordings => new()
    {
        // file, market, lines, depth diffs, bookTicker, trade, markPrice, snapshots
        { "hftbacktest/binance-usdm/btcusdt_20240808.gz", BinanceMarket.UsdM, 93_954, 6_551, 66_089, 21_313, 0, 1 },
        { "hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt", BinanceMarket.UsdM, 4_546, 383, 3_547, 615, 0, 1 },
        { "hftbacktest/binance-usdm/btcusdt_20230404.dat.gz", BinanceMarket.UsdM, 13_384, 4_322, 6_765, 2_197, 99, 1 },
        { "hftbacktest/binance-usdm/btcusdt_20230405.dat.gz", BinanceMarket.UsdM, 60_381, 11_788, 37_440, 10_738, 415, 0 },
        { "hftbacktest/binance-spot/btcusdt_20240808.gz", BinanceMarket.Spot, 41_249, 3_451, 28_040, 9_757, 0, 1 },
        { "hftbacktest/binance-spot/btcusdt_20240808_first20s.txt", BinanceMarket.Spot, 2_148, 200, 1_614, 333, 0, 1 },
        { "hftbacktest/binance-spot/btcusdt_20240809.gz", BinanceMarket.Spot, 58_325, 3_044, 45_134, 10_147, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(HftBacktestRecordings))]
    public void HftBacktest_recording_parses_completely(string file, BinanceMarket market, int lines, int diffs, int bookTickers, int trades, int markPrices, int snapshots)
    {
        var frames = Recordings.ReadHftBacktest(file);
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry())
        {
            DefaultInstrument = BinanceInstrumentIds.Of(market, "BTCUSDT"),
        };

        var counts = ParseAll(parser, frames);

        Assert.Equal(lines, frames.Count);
        Assert.Equal(0, parser.Diagnostics.MalformedCount + parser.Diagnostics.UnknownCount + parser.Diagnostics.UnknownSymbolCount);
        Assert.Equal(diffs, counts.Get(BinanceMessageKind.DepthUpdate));
        Assert.Equal(bookTickers, counts.Get(BinanceMessageKind.BookTicker));
        // A futures trade with X other than MARKET is reported apart (20230405 has one INSURANCE_FUND print).
        Assert.Equal(trades, counts.Get(BinanceMessageKind.Trade) + counts.Get(BinanceMessageKind.NonMarketTrade));
        Assert.Equal(markPrices, counts.Get(BinanceMessageKind.MarkPrice));
        Assert.Equal(snapshots, counts.Get(BinanceMessageKind.DepthSnapshot));
        Assert.Equal(lines, counts.Total);
    }

    [Fact]
    public void The_insurance_fund_print_is_flagged()
    {
        var frames = Recordings.ReadHftBacktest("hftbacktest/binance-usdm/btcusdt_20230405.dat.gz");
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());

        var flagged = frames.Where(f => parser.Parse(f.Payload, f.ReceiveTime) == BinanceMessageKind.NonMarketTrade).ToList();

        var frame = Assert.Single(flagged);
        Assert.Equal(12_840, frame.Line);
        parser.Parse(frame.Payload, frame.ReceiveTime);
        Assert.Equal(BinanceTradeType.InsuranceFund, parser.TradeType);
        Assert.Equal(3535191080, parser.Trade.TradeId);
        Assert.Equal("28722.50", parser.Trade.Price.ToString());
        Assert.Equal(1680652874408176L * 1_000, parser.Trade.ReceiveTime); // microseconds in the 2023 files
    }

    [Fact]
    public void Cryptofeed_futures_recording_parses_completely()
    {
        var frames = Recordings.ReadCryptofeed("cryptofeed/BINANCE_FUTURES.ws.1.0");
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());

        var counts = ParseAll(parser, frames);

        Assert.Equal(0, parser.Diagnostics.MalformedCount + parser.Diagnostics.UnknownCount + parser.Diagnostics.UnknownSymbolCount);
        Assert.Equal(764, counts.Get(BinanceMessageKind.DepthUpdate));
        Assert.Equal(613, counts.Get(BinanceMessageKind.BookTicker));
        Assert.Equal(91, counts.Get(BinanceMessageKind.AggTrade));
        Assert.Equal(67, counts.Get(BinanceMessageKind.Kline));
        Assert.Equal(frames.Count, counts.Total);
        Assert.Equal(4, counts.Instruments.Count);
        Assert.Contains("SUSHIUSDT-PERP.BINANCE", counts.Instruments);
    }

    [Fact]
    public void Cryptofeed_spot_recording_parses_completely()
    {
        var frames = Recordings.ReadCryptofeed("cryptofeed/BINANCE.ws.1.0");
        var parser = new BinanceStreamParser(BinanceMarket.Spot, new BinanceSymbolRegistry());

        var counts = ParseAll(parser, frames);

        Assert.Equal(0, parser.Diagnostics.MalformedCount + parser.Diagnostics.UnknownCount + parser.Diagnostics.UnknownSymbolCount);
        Assert.Equal(177, counts.Get(BinanceMessageKind.DepthUpdate));
        Assert.Equal(84, counts.Get(BinanceMessageKind.BookTicker));
        Assert.Equal(2, counts.Get(BinanceMessageKind.AggTrade));
        Assert.Equal(2, counts.Get(BinanceMessageKind.Kline));
        Assert.Equal(frames.Count, counts.Total);
        Assert.Contains("RUNEEUR.BINANCE", counts.Instruments);
    }

    [Theory]
    [InlineData("cryptofeed/BINANCE_FUTURES.http.0.0", BinanceMarket.UsdM)]
    [InlineData("cryptofeed/BINANCE.http.0.0", BinanceMarket.Spot)]
    public void Cryptofeed_rest_snapshots_parse(string file, BinanceMarket market)
    {
        var frames = Recordings.ReadCryptofeed(file);
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());

        Assert.Equal(4, frames.Count);
        foreach (var frame in frames)
        {
            Assert.Equal(RecordedFrameSource.Http, frame.Source);
            var url = frame.Url!;
            var symbol = url[(url.IndexOf("symbol=", StringComparison.Ordinal) + 7)..url.IndexOf('&', StringComparison.Ordinal)];
            var instrument = BinanceInstrumentIds.Of(market, symbol);

            Assert.Equal(BinanceMessageKind.DepthSnapshot, parser.ParseDepthSnapshot(frame.Payload, instrument, frame.ReceiveTime));
            Assert.Equal(instrument, parser.Deltas.Instrument);
            Assert.True(parser.Deltas.Count > 1);
            Assert.Equal(BookAction.Clear, parser.Deltas.Deltas[0].Action);
            AssertBatchInvariants(parser.Deltas, market);
        }
    }

    private static KindCounts ParseAll(BinanceStreamParser parser, IReadOnlyList<RecordedFrame> frames)
    {
        var counts = new KindCounts();
        foreach (var frame in frames)
        {
            var kind = parser.Parse(frame.Payload, frame.ReceiveTime);
            Assert.True(kind is not (BinanceMessageKind.Malformed or BinanceMessageKind.Unknown or BinanceMessageKind.UnknownSymbol),
                $"line {frame.Line}: {kind}: {parser.Diagnostics.Describe()}");
            counts.Add(kind, parser.Instrument);
            if (kind is BinanceMessageKind.DepthUpdate or BinanceMessageKind.DepthSnapshot)
            {
                AssertBatchInvariants(parser.Deltas, parser.Market);
                Assert.Equal(frame.ReceiveTime, parser.Deltas.ReceiveTime);
            }
        }

        return counts;
    }

    /// <summary>What the synchroniser and the book rely on, checked on every batch of the recordings.</summary>
    private static void AssertBatchInvariants(BookDeltas batch, BinanceMarket market)
    {
        Assert.False(batch.Instrument.IsDefault);
        Assert.True(batch.FirstUpdateId <= batch.LastUpdateId);
        Assert.True(batch.IsSnapshot || !market.IsFutures() || batch.PreviousUpdateId > 0);
        var deltas = batch.Deltas;
        byte pricePrecision = 255, sizePrecision = 255;
        for (var i = 0; i < deltas.Length; i++)
        {
            var delta = deltas[i];
            Assert.Equal(batch.Instrument, delta.Instrument);
            Assert.Equal(batch.LastUpdateId, delta.Sequence);
            Assert.Equal(i == deltas.Length - 1, delta.IsLast);
            Assert.Equal(batch.IsSnapshot, (delta.Flags & BookDeltaFlags.Snapshot) != 0);
            if (delta.Action == BookAction.Clear)
            {
                Assert.Equal(0, i);
                continue;
            }

            Assert.Equal(delta.Size.Raw == 0 ? BookAction.Delete : BookAction.Set, delta.Action);
            Assert.True(delta.Price.Raw > 0);
            // Binance sends one text precision per symbol: a book can key levels by Price.Raw.
            pricePrecision = pricePrecision == 255 ? delta.Price.Precision : pricePrecision;
            sizePrecision = sizePrecision == 255 ? delta.Size.Precision : sizePrecision;
            Assert.Equal(pricePrecision, delta.Price.Precision);
            Assert.Equal(sizePrecision, delta.Size.Precision);
        }
    }

    private sealed class KindCounts
    {
        private readonly Dictionary<BinanceMessageKind, int> _counts = [];

        public HashSet<string> Instruments { get; } = new(StringComparer.Ordinal);

        public int Total { get; private set; }

        public void Add(BinanceMessageKind kind, InstrumentId instrument)
        {
            _counts[kind] = Get(kind) + 1;
            Total++;
            if (!instrument.IsDefault)
            {
                Instruments.Add(instrument.Value);
            }
        }

        public int Get(BinanceMessageKind kind) => _counts.GetValueOrDefault(kind);

        public override string ToString() => string.Join(", ", _counts.Select(pair => $"{pair.Key}={pair.Value}"));
    }

    [Fact]
    public void Recording_helper_reads_the_snapshot_line_verbatim()
    {
        var frames = Recordings.ReadHftBacktest("hftbacktest/binance-usdm/btcusdt_20240808.gz");
        var expected = BinanceFixtures.Read("futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json");

        Assert.Equal(Encoding.UTF8.GetString(expected).TrimEnd('\n'), Encoding.UTF8.GetString(frames[54].Payload));
    }
}
