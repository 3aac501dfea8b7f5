using System.Globalization;
using System.IO.Compression;
using System.Text;
using FlowSight.TestKit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>
/// Reads the recordings in ../shared/data/recordings (formats in SOURCES.md) into frames held in memory.
/// hftbacktest: <c>&lt;receive_ts&gt; &lt;json&gt;</c> per line, gzip or plain, nanoseconds (microseconds in the
/// 2023 <c>.dat.gz</c> files). cryptofeed: <c>&lt;ts&gt;: &lt;json&gt;</c> for received messages,
/// <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;json&gt;</c> for HTTP responses; other lines (connects, sent requests,
/// configuration) are not frames.
/// </summary>
internal static class Recordings
{
    public static string Path(string relative) => SharedData.Require(System.IO.Path.Combine("recordings", relative));

    public static IReadOnlyList<RecordedFrame> ReadHftBacktest(string relative)
    {
        var path = Path(relative);
        var microseconds = path.EndsWith(".dat.gz", StringComparison.Ordinal);
        var frames = new List<RecordedFrame>();
        var number = 0;
        foreach (var line in ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var stamp = long.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture);
            frames.Add(new RecordedFrame(number, microseconds ? stamp * 1_000 : stamp, Encoding.UTF8.GetBytes(line[(space + 1)..]), RecordedFrameSource.WebSocket, null));
        }

        return frames;
    }

    public static IReadOnlyList<RecordedFrame> ReadCryptofeed(string relative)
    {
        var frames = new List<RecordedFrame>();
        var number = 0;
        foreach (var line in ReadLines(Path(relative)))
        {
            number++;
            var separator = line.IndexOf(": ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue; // a connect line ("<url> <-> <ts>")
            }

            var head = line[..separator];
            var payload = Encoding.UTF8.GetBytes(line[(separator + 2)..]);
            var arrow = head.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                frames.Add(new RecordedFrame(number, Seconds(head[(arrow + 4)..]), payload, RecordedFrameSource.Http, head[..arrow]));
            }
            else if (double.TryParse(head, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                frames.Add(new RecordedFrame(number, Seconds(head), payload, RecordedFrameSource.WebSocket, null));
            }

            // Anything else is a request we sent ("<url> <- <ts>: ...") or the configuration line.
        }

        return frames;
    }

    private static long Seconds(string text) =>
        (long)(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) * 1_000_000_000m);

    private static IEnumerable<string> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
