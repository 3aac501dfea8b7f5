using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>Reads the cryptofeed OKX recording's received frames (sent, connect and config lines are left out).</summary>
internal static class OkxRecording
{
    public const string Path = "recordings/cryptofeed/OKX.ws.1.0";

    public static (byte[] Payload, long ReceiveTime)[] ReadReceived()
    {
        var frames = new List<(byte[], long)>();
        foreach (var line in File.ReadAllLines(SharedData.Require(Path)))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(line);
            if (CryptofeedLineFormat.Instance.TryParse(bytes, out var parsed) && parsed.Kind == RecordedFrameKind.Received)
            {
                frames.Add((bytes[parsed.Payload], parsed.ReceiveTime));
            }
        }

        return [.. frames];
    }

    public static byte[] Fixture(string relative) => File.ReadAllBytes(SharedData.Require("okx/" + relative));
}
