using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Binance;

/// <summary>The naive baseline's bookTicker: prices and quantities as strings.</summary>
public sealed class JsonBookTicker
{
    [JsonPropertyName("e")]
    public string? EventType { get; set; }

    [JsonPropertyName("u")]
    public long UpdateId { get; set; }

    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("b")]
    public string? BidPrice { get; set; }

    [JsonPropertyName("B")]
    public string? BidQuantity { get; set; }

    [JsonPropertyName("a")]
    public string? AskPrice { get; set; }

    [JsonPropertyName("A")]
    public string? AskQuantity { get; set; }

    [JsonPropertyName("T")]
    public long TransactionTime { get; set; }

    [JsonPropertyName("E")]
    public long EventTime { get; set; }
}
