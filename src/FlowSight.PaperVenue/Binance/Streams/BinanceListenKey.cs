namespace FlowSight.PaperVenue.Binance.Streams;

/// <summary>One account's user data stream: its key, when it expires (wall clock, ms) and the sockets listening.</summary>
internal sealed class BinanceListenKey(string key, int accountId, long expiresAtMs)
{
    public string Key { get; } = key;

    public int AccountId { get; } = accountId;

    /// <summary>Wall-clock expiry, Unix ms: 60 minutes after creation or the last keep-alive.</summary>
    public long ExpiresAtMs { get; set; } = expiresAtMs;

    /// <summary>The listening sockets (the topic's envelope names the key, as <c>/stream?streams=&lt;listenKey&gt;</c> does).</summary>
    public BinanceStreamTopic Topic { get; } = new(new BinanceStreamSpec(key, BinanceStreamKind.UserData, null, 0, 0, default));
}
