using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Okx;

/// <summary>The naive baseline's push <c>arg</c>.</summary>
public sealed class JsonOkxArg
{
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("instId")]
    public string? InstId { get; set; }
}
