namespace FlowSight.Engine.Replay;

/// <summary>What a line of a recording holds.</summary>
public enum RecordedFrameKind : byte
{
    /// <summary>A message received on a connection (a WebSocket frame), or a REST body recorded in the stream (our format and hftbacktest's).</summary>
    Received = 1,

    /// <summary>An HTTP response body, with its URL in <see cref="RecordedFrame.Source"/> (cryptofeed <c>&lt;url&gt; -&gt; ts: body</c>).</summary>
    HttpResponse = 2,

    /// <summary>A message we sent, with the connection URL in <see cref="RecordedFrame.Source"/> (cryptofeed <c>&lt;url&gt; &lt;- ts: msg</c>).</summary>
    Sent = 3,

    /// <summary>A connection was opened to the URL in <see cref="RecordedFrame.Source"/>; no payload (cryptofeed <c>&lt;url&gt; &lt;-&gt; ts</c>).</summary>
    Connected = 4,

    /// <summary>The recorder's own configuration; no timestamp (cryptofeed <c>configuration: {...}</c>).</summary>
    Configuration = 5,
}
