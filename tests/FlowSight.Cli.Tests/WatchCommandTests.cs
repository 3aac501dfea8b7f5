using FlowSight.Cli.Commands;
using Xunit;

namespace FlowSight.Cli.Tests;

/// <summary><c>flowsight watch MARKET:SYMBOL --plain</c> on each venue, end to end: the real client, engine and view against the local servers.</summary>
public sealed class WatchCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<string> WatchUntilSyncedAsync(string market, Uri endpoint)
    {
        var output = new LineWatcher(line => line.Contains("synced=True", StringComparison.Ordinal) && line.Contains(" bid ", StringComparison.Ordinal) && !line.Contains("bid -", StringComparison.Ordinal));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var options = new WatchOptions(MarketArgument.Parse(market), endpoint, Rows: 5, Seconds: null, Plain: true);
        var run = WatchCommand.RunAsync(options, stop.Token, output);
        var line = await output.WaitAsync(Patience);
        await stop.CancelAsync();
        Assert.Equal(0, await run);
        return line;
    }

    [Fact]
    public async Task Binance_usdm_shows_a_synced_book()
    {
        await using var server = await LocalVenues.BinanceUsdMAsync();
        var line = await WatchUntilSyncedAsync("binance-usdm:BTCUSDT", server.HttpBaseUri);
        Assert.Contains("BTCUSDT-PERP.BINANCE", line, StringComparison.Ordinal);
        Assert.Contains("gaps 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Okx_shows_a_synced_checksummed_book()
    {
        await using var server = await LocalVenues.OkxAsync();
        var line = await WatchUntilSyncedAsync("okx:BTC-USDT-SWAP", server.HttpBaseUri);
        Assert.Contains("BTC-USDT-SWAP.OKX", line, StringComparison.Ordinal);
        Assert.Contains("gaps 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_usdt_shows_a_book_chained_to_its_snapshot()
    {
        await using var server = await LocalVenues.GateIoAsync();
        var line = await WatchUntilSyncedAsync("gate-usdt:OMG_USDT", server.HttpBaseUri);
        Assert.Contains("OMG_USDT-PERP.GATEIO", line, StringComparison.Ordinal);
        Assert.Contains("gaps 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_okx_instrument_is_a_clear_error_not_a_hang()
    {
        await using var server = await LocalVenues.OkxAsync();
        var options = new WatchOptions(MarketArgument.Parse("okx:NOPE-USDT-SWAP"), server.HttpBaseUri, Rows: 5, Seconds: 20, Plain: true);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, await WatchCommand.RunAsync(options, TestContext.Current.CancellationToken, TextWriter.Null));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("NOPE-USDT-SWAP", error.ToString(), StringComparison.Ordinal);
    }
}
