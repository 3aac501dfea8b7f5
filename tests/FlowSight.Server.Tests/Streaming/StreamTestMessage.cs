using System.Text.Json;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>One message from the server with its arrival (stopwatch timestamp) and size.</summary>
internal sealed record StreamTestMessage(JsonElement Json, long ReceivedAt, int Bytes)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string? Topic => Json.TryGetProperty("topic", out var topic) ? topic.GetString() : null;

    public string? Instrument => Json.TryGetProperty("instrument", out var instrument) ? instrument.GetString() : null;

    public JsonElement Data => Json.GetProperty("data");

    public bool IsData(string topic) => Type == "data" && Topic == topic;
}
