using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Binance;

/// <summary>The naive baseline's trade: price and quantity as strings.</summary>
public sealed class JsonTrade
{
    [JsonPropertyName("e")]
    public string? EventType { get; set; }

    [JsonPropertyName("E")]
    public long EventTime { get; set; }

    [JsonPropertyName("T")]
    public long TradeTime { get; set; }

    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("t")]
    public long TradeId { get; set; }

    [JsonPropertyName("p")]
    public string? Price { get; set; }

    [JsonPropertyName("q")]
    public string? Quantity { get; set; }

    [JsonPropertyName("X")]
    public string? TradeType { get; set; }

    [JsonPropertyName("m")]
    public bool BuyerIsMaker { get; set; }
}
