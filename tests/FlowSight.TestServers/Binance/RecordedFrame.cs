using System.Text;

namespace FlowSight.TestServers.Binance;

/// <summary>
/// One line of a recording: <c>&lt;receive time&gt; &lt;json&gt;</c>. A combined-stream envelope
/// (<c>{"stream":"btcusdt@trade","data":{...}}</c>) is a WebSocket frame; any other JSON (the REST depth snapshot
/// <c>{"lastUpdateId":...}</c>) is a REST response recorded in the same file, which the WebSocket side skips.
/// </summary>
public sealed class RecordedFrame
{
    private static readonly byte[] StreamPrefix = "{\"stream\":\""u8.ToArray();
    private static readonly byte[] DataKey = "\"data\":"u8.ToArray();

    private RecordedFrame(int index, long timestampNanos, byte[] json, string? stream, int dataOffset, int dataLength)
    {
        Index = index;
        TimestampNanos = timestampNanos;
        Json = json;
        Stream = stream;
        Data = json.AsMemory(dataOffset, dataLength);
    }

    /// <summary>The line's position in its recording (0-based).</summary>
    public int Index { get; }

    /// <summary>The recorded receive time in Unix nanoseconds (microsecond files are widened).</summary>
    public long TimestampNanos { get; }

    /// <summary>The JSON exactly as recorded: the envelope for stream frames.</summary>
    public byte[] Json { get; }

    /// <summary>The stream name of a combined-stream frame; null for a REST response line.</summary>
    public string? Stream { get; }

    /// <summary>True for a REST response line (e.g. the depth snapshot).</summary>
    public bool IsRestResponse => Stream is null;

    /// <summary>The payload without the envelope (what a raw <c>/ws/&lt;stream&gt;</c> connection receives); the whole JSON for REST lines.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Builds a synthetic stream frame from its parts (for tests that need frames no recording has).</summary>
    public static RecordedFrame Create(string stream, string dataJson, long timestampNanos = 0, int index = -1)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(dataJson);
        return Parse(index, timestampNanos, Encoding.UTF8.GetBytes($"{{\"stream\":\"{stream}\",\"data\":{dataJson}}}"));
    }

    /// <summary>Wraps a line's JSON, finding the stream name and the payload of an envelope.</summary>
    public static RecordedFrame Parse(int index, long timestampNanos, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var span = json.AsSpan();
        if (!span.StartsWith(StreamPrefix))
        {
            return new RecordedFrame(index, timestampNanos, json, null, 0, json.Length);
        }

        var nameEnd = span[StreamPrefix.Length..].IndexOf((byte)'"');
        var dataKey = span.IndexOf(DataKey);
        var last = span.TrimEnd("\r\n "u8).LastIndexOf((byte)'}');
        if (nameEnd < 0 || dataKey < 0 || last <= dataKey)
        {
            throw new FormatException($"Line {index} is not a combined-stream envelope: {Encoding.UTF8.GetString(span[..Math.Min(120, span.Length)])}");
        }

        var stream = Encoding.UTF8.GetString(span.Slice(StreamPrefix.Length, nameEnd));

        var dataStart = dataKey + DataKey.Length;
        return new RecordedFrame(index, timestampNanos, json, stream, dataStart, last - dataStart);
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Stream ?? "(rest)"} {Json.Length} B";
}
