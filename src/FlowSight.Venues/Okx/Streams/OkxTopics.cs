namespace FlowSight.Venues.Okx.Streams;

/// <summary>
/// FlowSight's names for OKX subscriptions, <c>channel:instId</c> (<c>books:BTC-USDT-SWAP</c>,
/// <c>candle1m:BTC-USDT</c>): one string per <c>{"channel","instId"}</c> argument, used as the connection's topic.
/// </summary>
public static class OkxTopics
{
    /// <summary>The separator between channel and instId.</summary>
    public const char Separator = ':';

    /// <summary><c>books</c>: 400 levels, snapshot then incremental updates with checksum and <c>seqId</c>.</summary>
    public static string Books(string instId) => Of("books", instId);

    /// <summary><c>books5</c>: the top 5 levels.</summary>
    public static string Books5(string instId) => Of("books5", instId);

    /// <summary><c>bbo-tbt</c>: the best level, tick by tick.</summary>
    public static string BboTbt(string instId) => Of("bbo-tbt", instId);

    /// <summary><c>trades</c>.</summary>
    public static string Trades(string instId) => Of("trades", instId);

    /// <summary><c>tickers</c>.</summary>
    public static string Tickers(string instId) => Of("tickers", instId);

    /// <summary><c>candle{bar}</c> (e.g. <c>1m</c>, <c>1H</c>, <c>1D</c>), on the business endpoint.</summary>
    public static string Candle(string bar, string instId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bar);
        return Of("candle" + bar, instId);
    }

    /// <summary><c>mark-price</c>.</summary>
    public static string MarkPrice(string instId) => Of("mark-price", instId);

    /// <summary><c>funding-rate</c> (swaps).</summary>
    public static string FundingRate(string instId) => Of("funding-rate", instId);

    /// <summary><c>open-interest</c> (derivatives).</summary>
    public static string OpenInterest(string instId) => Of("open-interest", instId);

    /// <summary>The topic of <paramref name="channel"/> for <paramref name="instId"/>.</summary>
    public static string Of(string channel, string instId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(instId);
        if (channel.Contains(Separator, StringComparison.Ordinal) || instId.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"OKX channels and instIds contain no '{Separator}'.");
        }

        return channel + Separator + instId;
    }

    /// <summary>Splits a topic into channel and instId.</summary>
    /// <exception cref="ArgumentException">It is not <c>channel:instId</c>.</exception>
    public static (string Channel, string InstId) Parse(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var at = topic.IndexOf(Separator, StringComparison.Ordinal);
        if (at <= 0 || at == topic.Length - 1 || topic.IndexOf(Separator, at + 1) >= 0)
        {
            throw new ArgumentException($"'{topic}' is not an OKX topic (channel:instId, e.g. books:BTC-USDT-SWAP).", nameof(topic));
        }

        return (topic[..at], topic[(at + 1)..]);
    }
}
