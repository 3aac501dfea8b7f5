using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Replay;

namespace FlowSight.Venues.Tests.Binance.Replay;

/// <summary>Runs the shared recordings through <see cref="BinanceReplay"/>.</summary>
internal static class RecordingReplays
{
    public const string UsdmFirst20s = "recordings/hftbacktest/binance-usdm/btcusdt_20240808_first20s.txt";
    public const string SpotFirst20s = "recordings/hftbacktest/binance-spot/btcusdt_20240808_first20s.txt";
    public const string Usdm0808 = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";
    public const string Usdm0404 = "recordings/hftbacktest/binance-usdm/btcusdt_20230404.dat.gz";
    public const string Usdm0405 = "recordings/hftbacktest/binance-usdm/btcusdt_20230405.dat.gz";
    public const string Spot0808 = "recordings/hftbacktest/binance-spot/btcusdt_20240808.gz";
    public const string Spot0809 = "recordings/hftbacktest/binance-spot/btcusdt_20240809.gz";
    public const string FuturesWs = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0";
    public const string FuturesHttp = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0";
    public const string SpotWs = "recordings/cryptofeed/BINANCE.ws.1.0";
    public const string SpotHttp = "recordings/cryptofeed/BINANCE.http.0.0";

    /// <summary>Replays shared-data files (cryptofeed's ws + http pairs merged by time, others concatenated).</summary>
    public static BinanceReplay Run(BinanceMarket? market, params string[] relative)
    {
        var paths = relative.Select(SharedData.Require).ToArray();
        var order = relative.Any(r => r.Contains(".http.", StringComparison.Ordinal)) ? RecordingFileOrder.MergeByTime : RecordingFileOrder.Concatenate;
        using var reader = new RecordingReader(paths, new RecordingReaderOptions { Order = order });
        var replay = new BinanceReplay(new BinanceReplayOptions { Market = market });
        replay.Run(reader);
        return replay;
    }

    /// <summary>Replays in-memory recordings (edited by a test).</summary>
    public static BinanceReplay Run(BinanceMarket? market, params RecordingSource[] sources)
    {
        using var reader = new RecordingReader(sources);
        var replay = new BinanceReplay(new BinanceReplayOptions { Market = market });
        replay.Run(reader);
        return replay;
    }
}
