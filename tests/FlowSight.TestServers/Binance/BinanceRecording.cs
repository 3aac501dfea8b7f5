using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// A recording in the hftbacktest format (<c>../shared/data/recordings/hftbacktest/**</c>): one message per line,
/// <c>&lt;receive time&gt; &lt;raw JSON&gt;</c>, gzip or plain text. Times are nanoseconds in the 2024 files and
/// microseconds in the 2023 <c>.dat.gz</c> files; both are returned in nanoseconds.
/// </summary>
public sealed class BinanceRecording
{
    private BinanceRecording(string source, List<RecordedFrame> frames)
    {
        Source = source;
        Frames = frames;
        Streams = [.. frames.Where(f => f.Stream is not null).Select(f => f.Stream!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Where it was read from.</summary>
    public string Source { get; }

    /// <summary>Every line, in order.</summary>
    public IReadOnlyList<RecordedFrame> Frames { get; }

    /// <summary>The distinct stream names, in order of first appearance.</summary>
    public IReadOnlyList<string> Streams { get; }

    /// <summary>Reads a recording; <c>.gz</c> files are decompressed.</summary>
    public static BinanceRecording Load(string path, int maxLines = int.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        using var input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(input, Encoding.UTF8);
        return Read(path, reader, maxLines);
    }

    /// <summary>Reads a recording from text (tests).</summary>
    public static BinanceRecording Parse(string text, string source = "(text)")
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(source, reader, int.MaxValue);
    }

    private static BinanceRecording Read(string source, TextReader reader, int maxLines)
    {
        var frames = new List<RecordedFrame>();
        string? line;
        while (frames.Count < maxLines && (line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var time))
            {
                throw new FormatException($"{source}: line {frames.Count + 1} does not start with a timestamp.");
            }

            // 2023 files count microseconds (16 digits), 2024 files nanoseconds (19 digits).
            var nanos = time < 100_000_000_000_000_000 ? time * 1_000 : time;
            frames.Add(RecordedFrame.Parse(frames.Count, nanos, Encoding.UTF8.GetBytes(line[(space + 1)..])));
        }

        return new BinanceRecording(source, frames);
    }
}
