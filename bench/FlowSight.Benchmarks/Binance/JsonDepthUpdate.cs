using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Binance;

/// <summary>The naive baseline's depthUpdate: levels as arrays of strings.</summary>
public sealed class JsonDepthUpdate
{
    [JsonPropertyName("e")]
    public string? EventType { get; set; }

    [JsonPropertyName("E")]
    public long EventTime { get; set; }

    [JsonPropertyName("T")]
    public long TransactionTime { get; set; }

    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("U")]
    public long FirstUpdateId { get; set; }

    [JsonPropertyName("u")]
    public long LastUpdateId { get; set; }

    [JsonPropertyName("pu")]
    public long PreviousUpdateId { get; set; }

    [JsonPropertyName("b")]
    public string[][]? Bids { get; set; }

    [JsonPropertyName("a")]
    public string[][]? Asks { get; set; }
}
