using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Okx;

/// <summary>The naive baseline's OKX push: <c>{"arg":{...},"action":"...","data":[...]}</c>.</summary>
public sealed class JsonOkxPush<T>
{
    [JsonPropertyName("arg")]
    public JsonOkxArg? Arg { get; set; }

    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("data")]
    public List<T>? Data { get; set; }
}
