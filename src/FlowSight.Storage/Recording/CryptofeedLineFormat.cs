using FlowSight.Engine.Replay;

namespace FlowSight.Storage.Recording;

/// <summary>
/// cryptofeed's raw-data recording layout (its <c>*.ws.*</c> and <c>*.http.*</c> files): <c>&lt;ts&gt;: &lt;msg&gt;</c>
/// for a received message, <c>&lt;url&gt; &lt;- &lt;ts&gt;: &lt;msg&gt;</c> sent, <c>&lt;url&gt; &lt;-&gt; &lt;ts&gt;</c>
/// connected, <c>&lt;url&gt; -&gt; &lt;ts&gt;: &lt;body&gt;</c> an HTTP response, <c>configuration: {...}</c>. Times are
/// Unix seconds with a fraction. Each line splits at the first <c>": "</c> after the time.
/// </summary>
public sealed class CryptofeedLineFormat : IRecordingLineFormat
{
    private static readonly byte[] ConfigurationPrefix = "configuration: "u8.ToArray();
    private static readonly byte[] ConnectedArrow = " <-> "u8.ToArray();
    private static readonly byte[] SentArrow = " <- "u8.ToArray();
    private static readonly byte[] ResponseArrow = " -> "u8.ToArray();
    private static readonly byte[] Separator = ": "u8.ToArray();

    /// <summary>The shared instance (stateless).</summary>
    public static CryptofeedLineFormat Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "cryptofeed";

    /// <inheritdoc/>
    public bool Recognizes(ReadOnlySpan<byte> firstLine) => TryParse(firstLine, out _);

    /// <inheritdoc/>
    public bool TryParse(ReadOnlySpan<byte> line, out RecordedLine parsed)
    {
        parsed = default;
        if (line.StartsWith(ConfigurationPrefix))
        {
            parsed = new RecordedLine(0, RecordedFrameKind.Configuration, new Range(ConfigurationPrefix.Length, line.Length), default);
            return true;
        }

        // Only URLs carry spaces before the time, so the arrows are searched for in order of length.
        var kind = RecordedFrameKind.Received;
        int timeStart = 0;
        Range source = default;
        int arrow;
        if ((arrow = line.IndexOf(ConnectedArrow)) > 0)
        {
            kind = RecordedFrameKind.Connected;
            timeStart = arrow + ConnectedArrow.Length;
            source = new Range(0, arrow);
        }
        else if ((arrow = line.IndexOf(SentArrow)) > 0 && !IsTimeThenSeparator(line))
        {
            kind = RecordedFrameKind.Sent;
            timeStart = arrow + SentArrow.Length;
            source = new Range(0, arrow);
        }
        else if ((arrow = line.IndexOf(ResponseArrow)) > 0 && !IsTimeThenSeparator(line))
        {
            kind = RecordedFrameKind.HttpResponse;
            timeStart = arrow + ResponseArrow.Length;
            source = new Range(0, arrow);
        }

        var rest = line[timeStart..];
        if (kind == RecordedFrameKind.Connected)
        {
            if (!RecordingTimestamps.TryParse(rest.TrimEnd((byte)' '), out long connectedAt))
            {
                return false;
            }

            parsed = new RecordedLine(connectedAt, kind, new Range(line.Length, line.Length), source);
            return true;
        }

        int separator = rest.IndexOf(Separator);
        if (separator <= 0 || !RecordingTimestamps.TryParse(rest[..separator], out long time))
        {
            return false;
        }

        parsed = new RecordedLine(time, kind, new Range(timeStart + separator + Separator.Length, line.Length), source);
        return true;
    }

    /// <summary>True when the line starts with a time and ": " — a received message whose JSON happens to contain an arrow.</summary>
    private static bool IsTimeThenSeparator(ReadOnlySpan<byte> line)
    {
        int separator = line.IndexOf(Separator);
        return separator > 0 && RecordingTimestamps.TryParse(line[..separator], out _);
    }
}
