using System.Text.Json.Serialization;

namespace FlowSight.Benchmarks.Okx;

/// <summary>The naive baseline's <c>books</c> data object: levels as arrays of strings, ids as OKX sends them.</summary>
public sealed class JsonOkxBookData
{
    [JsonPropertyName("asks")]
    public string[][]? Asks { get; set; }

    [JsonPropertyName("bids")]
    public string[][]? Bids { get; set; }

    [JsonPropertyName("ts")]
    public string? Timestamp { get; set; }

    [JsonPropertyName("checksum")]
    public int Checksum { get; set; }

    [JsonPropertyName("prevSeqId")]
    public long PrevSeqId { get; set; }

    [JsonPropertyName("seqId")]
    public long SeqId { get; set; }
}
