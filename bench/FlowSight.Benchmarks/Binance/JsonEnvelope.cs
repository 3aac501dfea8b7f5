using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Binance;

/// <summary>The naive baseline's combined-stream envelope.</summary>
public sealed class JsonEnvelope<T>
{
    [JsonPropertyName("stream")]
    public string? Stream { get; set; }

    [JsonPropertyName("data")]
    public T? Data { get; set; }
}
