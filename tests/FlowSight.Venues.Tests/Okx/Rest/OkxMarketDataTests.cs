using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Network.Http;
using FlowSight.Venues.Okx.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Rest;

/// <summary>Books, candles, funding history, open interest and the clock over HTTP, checked against recorded answers.</summary>
public sealed class OkxMarketDataTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_recorded_400_level_btc_usdt_book_arrives_as_a_snapshot_and_as_deltas()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();

        var snapshot = await client.GetBookAsync(new OkxBookRequest("BTC-USDT") { Depth = 400 }, Token).WaitAsync(Timeout, Token);

        var book = snapshot.Book;
        Assert.Equal("BTC-USDT.OKX", book.Instrument.Value);
        Assert.Equal(400, book.Bids.Count);
        Assert.Equal(400, book.Asks.Count);
        Assert.Equal((30243.4m, 0.0012029m), (book.Bids[0].Price.ToDecimal(), book.Bids[0].Size.ToDecimal()));
        Assert.Equal((30243.5m, 1.44679m), (book.Asks[0].Price.ToDecimal(), book.Asks[0].Size.ToDecimal()));
        Assert.Equal((30650.2m, 0.00102749m), (book.Asks[^1].Price.ToDecimal(), book.Asks[^1].Size.ToDecimal()));
        Assert.Equal(UnixNanos.FromMilliseconds(1652459225381), book.EventTime);
        Assert.Equal(0, book.LastUpdateId); // the 2022 answer has no seqId
        for (var i = 1; i < 400; i++)
        {
            Assert.True(book.Bids[i].Price < book.Bids[i - 1].Price);
            Assert.True(book.Asks[i].Price > book.Asks[i - 1].Price);
        }

        var deltas = snapshot.ToDeltas(new BookDeltas());
        Assert.True(deltas.IsSnapshot);
        Assert.Equal(801, deltas.Count);
        Assert.Equal(BookAction.Clear, deltas.Deltas[0].Action);
        Assert.True(deltas.Deltas[^1].IsLast);
        Assert.Equal(400, deltas.Deltas.ToArray().Count(d => d.Action == BookAction.Set && d.Side == OrderSide.Buy));
        Assert.Contains("sz=400", h.Rest.Requests.Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_captured_candles_keep_okx_values_and_confirm_flags()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Can("/api/v5/market/candles", File.ReadAllBytes(SharedData.Require("okx/rest/nautilus_captures/http_get_candlesticks_full.json")));
        var client = h.Client();

        var candles = await client.GetCandlesAsync(new OkxCandlesRequest("BTC-USDT", CandleInterval.OneMinute) { Limit = 2 }, Token).WaitAsync(Timeout, Token);

        Assert.Equal(2, candles.Count);
        var newest = candles[0];
        Assert.Equal(UnixNanos.FromMilliseconds(1747094040000), newest.OpenTime);
        Assert.Equal(UnixNanos.FromMilliseconds(1747094100000), newest.CloseTime);
        Assert.Equal((102806.1m, 102820.4m, 102806.1m, 102820.4m), (newest.Open.ToDecimal(), newest.High.ToDecimal(), newest.Low.ToDecimal(), newest.Close.ToDecimal()));
        Assert.Equal(1040.37m, newest.Volume.ToDecimal());
        Assert.Equal(1069603.34883m, newest.QuoteVolume.ToDecimal());
        Assert.True(newest.IsClosed);
        Assert.Equal(UnixNanos.FromMilliseconds(1747093980000), candles[1].OpenTime);
        Assert.Equal(7364701.57952m, candles[1].QuoteVolume.ToDecimal());
        Assert.Contains("bar=1m", h.Rest.Requests.Single().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_captured_funding_history_comes_back_oldest_first_with_its_8h_interval()
    {
        await using var h = await OkxRestHarness.StartAsync();
        h.Rest.Can("/api/v5/public/funding-rate-history", File.ReadAllBytes(SharedData.Require("okx/rest/nautilus_captures/http_get_funding_rate_history.json")));
        var client = h.Client();

        var history = await client.GetFundingRateHistoryAsync(new OkxFundingRateHistoryRequest("BTC-USDT-SWAP"), Token).WaitAsync(Timeout, Token);

        Assert.Equal(1, history.Pages);
        Assert.Equal([-0.0000236017m, 0.0001515032m], history.Rates.Select(r => r.Rate));
        Assert.Equal([-0.00002m, 0.00015m], history.RealizedRates);
        Assert.Equal([UnixNanos.FromMilliseconds(1704038400000), UnixNanos.FromMilliseconds(1704067200000)], history.Rates.Select(r => r.FundingTime));
        Assert.All(history.Rates, r => Assert.Equal(8, r.IntervalHours));
        Assert.All(history.Rates, r => Assert.Equal("BTC-USDT-SWAP.OKX", r.Instrument.Value));
    }

    [Fact]
    public async Task Funding_history_pages_backwards_over_a_range_with_its_own_per_instrument_limit()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();
        var start = OkxRestHarness.Start.AddDays(-60);
        var end = OkxRestHarness.Start.AddDays(-10);

        var history = await client.GetFundingRateHistoryAsync(
            new OkxFundingRateHistoryRequest("BTC-USDT-SWAP") { StartTime = UnixNanos.FromDateTimeOffset(start), EndTime = UnixNanos.FromDateTimeOffset(end) },
            Token).WaitAsync(Timeout, Token);

        Assert.Equal(151, history.Rates.Count); // 50 days × 3 settlements + both ends
        Assert.Equal(2, history.Pages);
        Assert.Equal(UnixNanos.FromDateTimeOffset(start), history.Rates[0].FundingTime);
        Assert.Equal(UnixNanos.FromDateTimeOffset(end), history.Rates[^1].FundingTime);
        Assert.All(history.Rates.Zip(history.Rates.Skip(1)), p => Assert.Equal(8 * 3600 * UnixNanos.PerSecond, p.Second.FundingTime - p.First.FundingTime));
        Assert.All(history.Rates, r => Assert.Equal(8, r.IntervalHours));
        var pools = client.Host.Limiter.Rules.Select(r => r.Pool).ToList();
        Assert.Contains("/api/v5/public/funding-rate-history|BTC-USDT-SWAP", pools);
    }

    [Fact]
    public async Task Open_interest_is_in_contracts_and_the_server_clock_gives_an_offset()
    {
        await using var h = await OkxRestHarness.StartAsync();
        var client = h.Client();

        var oi = await client.GetOpenInterestAsync(new OkxOpenInterestRequest("BTC-USDT-SWAP"), Token).WaitAsync(Timeout, Token);
        var clock = await client.GetServerTimeAsync(Token).WaitAsync(Timeout, Token);

        Assert.Equal("BTC-USDT-SWAP.OKX", oi.Instrument.Value);
        Assert.True(oi.Quantity.ToDecimal() >= 1000m);
        Assert.Equal(oi.Quantity.ToDecimal() * 10m, oi.Value.ToDecimal());
        Assert.Equal(UnixNanos.FromDateTimeOffset(OkxRestHarness.Start), oi.EventTime);
        Assert.Contains("instType=SWAP", h.Rest.Requests[0].Query, StringComparison.Ordinal);
        Assert.Equal(UnixNanos.FromDateTimeOffset(OkxRestHarness.Start), clock.ServerTime);
        Assert.Equal(TimeSpan.Zero, clock.Offset);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetOpenInterestAsync(new OkxOpenInterestRequest("BTC-USDT"), Token));
    }
}
