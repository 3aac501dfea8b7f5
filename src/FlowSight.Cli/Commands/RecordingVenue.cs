using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;

namespace FlowSight.Cli.Commands;

/// <summary>Tells which venue a recording came from by the shape of its first received messages.</summary>
internal static class RecordingVenue
{
    private const int FramesToLookAt = 200;

    /// <summary>
    /// <see cref="CliMarket.Okx"/> for OKX v5 pushes (<c>"arg":{"channel":...}</c>), <see cref="CliMarket.GateSpot"/> or
    /// <see cref="CliMarket.GateUsdt"/> for Gate.io v4 (<c>"channel":"spot.…"</c> / <c>"futures.…"</c>), null for
    /// Binance or unknown (the Binance replay detects its market itself).
    /// </summary>
    public static CliMarket? Detect(IReadOnlyList<string> paths, RecordingFileOrder order)
    {
        using var reader = new RecordingReader(paths, new RecordingReaderOptions { Order = order });
        for (int seen = 0; seen < FramesToLookAt && reader.TryRead(out var frame);)
        {
            if (frame.Kind != RecordedFrameKind.Received)
            {
                continue;
            }

            seen++;
            var payload = frame.Payload.Span;
            if (payload.IndexOf("\"arg\":{\"channel\":"u8) >= 0)
            {
                return CliMarket.Okx;
            }

            if (payload.IndexOf("\"channel\":\"spot."u8) >= 0)
            {
                return CliMarket.GateSpot;
            }

            if (payload.IndexOf("\"channel\":\"futures."u8) >= 0)
            {
                return CliMarket.GateUsdt;
            }

            if (payload.IndexOf("\"stream\":"u8) >= 0 || payload.IndexOf("\"lastUpdateId\""u8) >= 0)
            {
                return null;
            }
        }

        return null;
    }
}
