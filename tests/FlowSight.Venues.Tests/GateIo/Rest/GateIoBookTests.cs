using System.Net;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.GateIo;
using FlowSight.Venues.GateIo.Rest;
using FlowSight.Venues.Network.Http;
using Xunit;

namespace FlowSight.Venues.Tests.GateIo.Rest;

/// <summary>Order-book snapshots with their <c>id</c> over HTTP: every recorded spot and futures book (cryptofeed GATEIO*.http.0.0), level for level.</summary>
public sealed class GateIoBookTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_recorded_spot_book_arrives_with_its_id_and_every_level()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();
        var pairs = h.Rest.RecordedSpotBooks.ToList();
        Assert.Equal(10, pairs.Count);
        var cut = 0;

        foreach (var pair in pairs)
        {
            var snapshot = await client.GetBookAsync(new GateIoBookRequest(GateIoMarket.Spot, pair), Token).WaitAsync(Timeout, Token);

            using var recorded = JsonDocument.Parse(snapshot.Json);
            var root = recorded.RootElement;
            Assert.Equal(root.GetProperty("id").GetInt64(), snapshot.Book.LastUpdateId);
            Assert.Equal($"{pair}.GATEIO", snapshot.Book.Instrument.Value);
            var truncated = AssertLevels(root.GetProperty("bids"), snapshot.Book.Bids) + AssertLevels(root.GetProperty("asks"), snapshot.Book.Asks);
            Assert.Equal(truncated, snapshot.TruncatedLevels);
            cut += truncated;
        }

        Assert.True(cut > 0, "the recording has spot amounts with a genuine tenth decimal (OMG_USDT 152.9783789102)");
        Assert.All(h.Rest.Requests, r => Assert.Matches("^\\?currency_pair=[A-Z0-9]+_[A-Z]+&limit=100&with_id=true$", r.Query));
        var hai = await client.GetBookAsync(new GateIoBookRequest(GateIoMarket.Spot, "hai_eth"), Token).WaitAsync(Timeout, Token);
        Assert.Equal(2691446, hai.Book.LastUpdateId);
        Assert.Equal(0.00010322m, hai.Book.Bids[0].Price.ToDecimal());
        Assert.Equal(5360.209m, hai.Book.Bids[0].Size.ToDecimal());
    }

    [Fact]
    public async Task Every_recorded_futures_book_arrives_in_whole_contracts_with_its_id_and_times()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();
        var contracts = h.Rest.RecordedFuturesBooks.ToList();
        Assert.Equal(10, contracts.Count);

        foreach (var contract in contracts)
        {
            var snapshot = await client.GetBookAsync(new GateIoBookRequest(GateIoMarket.UsdtFutures, contract), Token).WaitAsync(Timeout, Token);

            using var recorded = JsonDocument.Parse(snapshot.Json);
            var root = recorded.RootElement;
            Assert.Equal(root.GetProperty("id").GetInt64(), snapshot.Book.LastUpdateId);
            Assert.Equal($"{contract}-PERP.GATEIO", snapshot.Book.Instrument.Value);
            Assert.Equal((long)(root.GetProperty("current").GetDecimal() * 1000) * UnixNanos.PerMillisecond, snapshot.Book.EventTime);
            Assert.Equal((long)(root.GetProperty("update").GetDecimal() * 1000) * UnixNanos.PerMillisecond, snapshot.UpdateTime);
            Assert.Equal(0, AssertLevels(root.GetProperty("bids"), snapshot.Book.Bids) + AssertLevels(root.GetProperty("asks"), snapshot.Book.Asks));
            Assert.All(snapshot.Book.Bids.Concat(snapshot.Book.Asks), l => Assert.Equal(0, l.Size.Precision));
        }

        var rdnt = await client.GetBookAsync(new GateIoBookRequest(GateIoMarket.UsdtFutures, "RDNT_USDT"), Token).WaitAsync(Timeout, Token);
        Assert.Equal(203083287, rdnt.Book.LastUpdateId);
        Assert.Equal((0.2969m, 5302m), (rdnt.Book.Bids[0].Price.ToDecimal(), rdnt.Book.Bids[0].Size.ToDecimal()));
        Assert.Equal((0.2974m, 803m), (rdnt.Book.Asks[0].Price.ToDecimal(), rdnt.Book.Asks[0].Size.ToDecimal()));
        var deltas = rdnt.ToDeltas(new BookDeltas());
        Assert.Equal(1 + 76 + 57, deltas.Count);
        Assert.Equal(203083287, deltas.LastUpdateId);
        Assert.True(deltas.IsSnapshot);
        Assert.Contains("contract=RDNT_USDT&limit=100&with_id=true", h.Rest.Requests[^1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pairs_and_contracts_are_api_errors_with_gate_labels()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        var client = h.Client();

        var pair = await Assert.ThrowsAsync<VenueApiException>(() => client.GetBookAsync(new GateIoBookRequest(GateIoMarket.Spot, "NOPE_USDT"), Token).WaitAsync(Timeout, Token));
        var contract = await Assert.ThrowsAsync<VenueApiException>(() => client.GetBookAsync(new GateIoBookRequest(GateIoMarket.UsdtFutures, "NOPE_USDT"), Token).WaitAsync(Timeout, Token));

        Assert.Equal(GateIoErrorLabels.InvalidCurrencyPair, pair.VenueCode);
        Assert.Equal("Invalid currency pair NOPE_USDT", pair.VenueMessage);
        Assert.Equal(HttpStatusCode.BadRequest, pair.StatusCode);
        Assert.Equal(GateIoErrorLabels.ContractNotFound, contract.VenueCode);
        Assert.Contains("CONTRACT_NOT_FOUND", contract.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Rest.Requests.Count); // refusals are not retried
    }

    [Fact]
    public async Task A_book_without_an_id_is_refused_as_unreadable_since_the_stream_cannot_chain_to_it()
    {
        await using var h = await GateIoRestHarness.StartAsync();
        h.Rest.Can("/api/v4/spot/order_book", "{\"current\":1,\"update\":1,\"asks\":[],\"bids\":[]}"u8.ToArray());
        var client = h.Client();

        var error = await Assert.ThrowsAsync<VenueResponseFormatException>(() => client.GetBookAsync(new GateIoBookRequest(GateIoMarket.Spot, "BTC_USDT"), Token).WaitAsync(Timeout, Token));

        Assert.Contains("with_id=true", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Checks every level against the recording (sizes cut to 9 decimals) and returns how many were cut.</summary>
    private static int AssertLevels(JsonElement recorded, IReadOnlyList<BookLevel> levels)
    {
        Assert.Equal(recorded.GetArrayLength(), levels.Count);
        var i = 0;
        var cut = 0;
        foreach (var level in recorded.EnumerateArray())
        {
            var (price, size) = level.ValueKind == JsonValueKind.Array
                ? (decimal.Parse(level[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(level[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                : (decimal.Parse(level.GetProperty("p").GetString()!, System.Globalization.CultureInfo.InvariantCulture), level.GetProperty("s").GetDecimal());
            var fitted = Math.Truncate(size * 1_000_000_000m) / 1_000_000_000m;
            cut += fitted == size ? 0 : 1;
            Assert.Equal(price, levels[i].Price.ToDecimal());
            Assert.Equal(fitted, levels[i].Size.ToDecimal());
            i++;
        }

        return cut;
    }
}
