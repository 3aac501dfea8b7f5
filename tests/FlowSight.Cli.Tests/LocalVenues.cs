using FlowSight.TestKit;
using FlowSight.TestServers.Binance;
using FlowSight.TestServers.GateIo;
using FlowSight.TestServers.Okx;

namespace FlowSight.Cli.Tests;

/// <summary>The three venues' local servers, fed from the recorded data (OKX's BTC-USDT-SWAP book is synthetic: no recording has it).</summary>
internal static class LocalVenues
{
    public static Task<BinanceTestServer> BinanceUsdMAsync() => BinanceTestServer.StartAsync(new BinanceTestServerOptions
    {
        RecordingPath = SharedData.Require("recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt"),
        Market = BinanceServerMarket.UsdM,
        Pacing = WsPacing.AsFastAsPossible,
        RestDataRoot = SharedData.Require(),
    });

    public static Task<OkxTestServer> OkxAsync() => OkxTestServer.StartAsync(new OkxTestServerOptions
    {
        SyntheticBooks = ["BTC-USDT-SWAP"],
        RestDataRoot = SharedData.Require(),
    });

    public static Task<GateIoTestServer> GateIoAsync() => GateIoTestServer.StartAsync(new GateIoTestServerOptions
    {
        RestDataRoot = SharedData.Require(),
        WebSocketDataRoot = SharedData.Require(),
    });
}
