using System.Text.Json;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary><c>depth</c> snapshots over HTTP: the recorded 2024-08-08 BTCUSDT snapshots level for level, and the weights charged.</summary>
public sealed class BinanceDepthTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(BinanceMarket.Spot, "binance/spot/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json", "BTCUSDT.BINANCE", 50)]
    [InlineData(BinanceMarket.UsdM, "binance/futures/rest/depth_snapshot_BTCUSDT_limit1000_20240808.json", "BTCUSDT-PERP.BINANCE", 20)]
    public async Task A_recorded_snapshot_parses_level_for_level(BinanceMarket market, string file, string instrument, int weight)
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(market);

        var snapshot = await client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 1000 }, Token).WaitAsync(Timeout, Token);

        var bytes = File.ReadAllBytes(SharedData.Require(file)).AsSpan().TrimEnd((byte)'\n').ToArray();
        using var recorded = JsonDocument.Parse(bytes);
        var root = recorded.RootElement;
        var book = snapshot.Book;
        Assert.Equal(instrument, book.Instrument.Value);
        Assert.Equal(root.GetProperty("lastUpdateId").GetInt64(), book.LastUpdateId);
        AssertLevels(root.GetProperty("bids"), book.Bids);
        AssertLevels(root.GetProperty("asks"), book.Asks);
        Assert.Equal(bytes, snapshot.Json.ToArray()); // kept verbatim for recordings
        Assert.Equal(snapshot.Book.ReceiveTime, UnixNanos.FromDateTimeOffset(BinanceRestHarness.Start));
        if (market == BinanceMarket.UsdM)
        {
            Assert.Equal(UnixNanos.FromMilliseconds(root.GetProperty("E").GetInt64()), book.EventTime);
            Assert.Equal(UnixNanos.FromMilliseconds(root.GetProperty("T").GetInt64()), snapshot.TransactionTime);
        }
        else
        {
            Assert.Equal((0L, 0L), (book.EventTime, snapshot.TransactionTime));
        }

        Assert.Equal(weight, h.Rest.Requests.Single().Weight);
        Assert.Equal(weight, client.Host.Snapshot(h.Clock.GetUtcNow()).Windows.Single(w => w.Pool == BinanceRateLimits.RequestWeight).Used);
    }

    [Fact]
    public async Task Spot_prices_keep_binances_eight_decimals()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.Spot);

        var book = (await client.GetDepthAsync(new DepthRequest("btcusdt") { Limit = 100 }, Token).WaitAsync(Timeout, Token)).Book;

        Assert.Equal(50093239218, book.LastUpdateId);
        Assert.Equal(100, book.Bids.Count);
        Assert.Equal(100, book.Asks.Count);
        Assert.Equal(("61837.63000000", "3.78826000"), (book.Bids[0].Price.ToString(), book.Bids[0].Size.ToString()));
        Assert.Equal(8, book.Bids[0].Price.Precision);
        Assert.True(book.Bids[0].Price < book.Asks[0].Price);
        Assert.Equal(5, h.Rest.Requests.Single().Weight); // limit 100 costs 5
    }

    [Fact]
    public async Task A_futures_limit_binance_does_not_offer_is_refused_before_sending()
    {
        await using var h = await BinanceRestHarness.StartAsync();
        var client = h.Client(BinanceMarket.UsdM);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetDepthAsync(new DepthRequest("BTCUSDT") { Limit = 200 }, Token));

        Assert.Empty(h.Rest.Requests);
    }

    [Fact]
    public async Task Coinm_depth_keeps_the_contract_symbol()
    {
        await using var h = await BinanceRestHarness.StartAsync(recorded: false);
        var client = h.Client(BinanceMarket.CoinM);

        var snapshot = await client.GetDepthAsync(new DepthRequest("BTCUSD_PERP") { Limit = 5 }, Token).WaitAsync(Timeout, Token);

        Assert.Equal("BTCUSD_PERP.BINANCE", snapshot.Book.Instrument.Value);
        Assert.Equal(5, snapshot.Book.Bids.Count);
        Assert.All(snapshot.Book.Bids.Concat(snapshot.Book.Asks), l => Assert.True(l.Price.IsMultipleOf(Price.Parse("0.1"))));
        Assert.True(snapshot.Book.Bids[0].Price < snapshot.Book.Asks[0].Price);
        Assert.Equal(2, h.Rest.Requests.Single().Weight);
    }

    private static void AssertLevels(JsonElement recorded, IReadOnlyList<BookLevel> parsed)
    {
        Assert.Equal(recorded.GetArrayLength(), parsed.Count);
        var i = 0;
        foreach (var level in recorded.EnumerateArray())
        {
            Assert.Equal(level[0].GetString(), parsed[i].Price.ToString());
            Assert.Equal(level[1].GetString(), parsed[i].Size.ToString());
            i++;
        }
    }
}
