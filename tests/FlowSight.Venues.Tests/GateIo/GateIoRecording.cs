using System.Text;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;

namespace FlowSight.Venues.Tests.GateIo;

/// <summary>The cryptofeed Gate.io recordings (spot 2021-04-22, USDT futures 2023-05-24) and the single-message fixtures.</summary>
internal static class GateIoRecording
{
    public const string SpotWs = "recordings/cryptofeed/GATEIO.ws.1.0";
    public const string SpotHttp = "recordings/cryptofeed/GATEIO.http.0.0";
    public const string FuturesWs = "recordings/cryptofeed/GATEIO_FUTURES.ws.1.0";
    public const string FuturesHttp = "recordings/cryptofeed/GATEIO_FUTURES.http.0.0";

    /// <summary>Every line of a recording as a frame (kind, time, payload, URL), in file order.</summary>
    public static (RecordedFrameKind Kind, long Time, byte[] Payload, string Source)[] Read(string path)
    {
        var frames = new List<(RecordedFrameKind, long, byte[], string)>();
        foreach (var line in File.ReadAllLines(SharedData.Require(path)))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (CryptofeedLineFormat.Instance.TryParse(bytes, out var parsed))
            {
                frames.Add((parsed.Kind, parsed.ReceiveTime, bytes[parsed.Payload], Encoding.UTF8.GetString(bytes[parsed.Source])));
            }
        }

        return [.. frames];
    }

    public static byte[] Fixture(string relative) => File.ReadAllBytes(SharedData.Require("gateio/" + relative));
}
