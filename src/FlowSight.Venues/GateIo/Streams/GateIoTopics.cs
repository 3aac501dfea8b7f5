using FlowSight.Core;
using FlowSight.Venues.GateIo.Parsing;

namespace FlowSight.Venues.GateIo.Streams;

/// <summary>
/// Topics of a Gate.io connection: one subscription request each, written <c>channel|payload|payload…</c>
/// (e.g. <c>spot.order_book_update|BTC_USDT|100ms</c>, <c>futures.candlesticks|1m|BTC_USDT</c>), so a topic says
/// exactly what is sent in <c>{"channel":..,"event":"subscribe","payload":[..]}</c>.
/// </summary>
public static class GateIoTopics
{
    /// <summary>The separator between the channel and each payload item.</summary>
    public const char Separator = '|';

    /// <summary>
    /// <c>order_book_update</c> with Gate's update interval (spot: <c>100ms</c>; futures: <c>20ms</c>, <c>100ms</c>) and,
    /// on futures, the optional depth (<c>"100"</c>, <c>"50"</c>, <c>"20"</c>; <c>20ms</c> only with <c>"20"</c>).
    /// </summary>
    public static string OrderBookUpdate(GateIoMarket market, string name, string interval = "100ms", string? level = null) =>
        level is null ? Of(market, "order_book_update", name, interval) : Of(market, "order_book_update", name, interval, level);

    /// <summary><c>trades</c>.</summary>
    public static string Trades(GateIoMarket market, string name) => Of(market, "trades", name);

    /// <summary><c>book_ticker</c>.</summary>
    public static string BookTicker(GateIoMarket market, string name) => Of(market, "book_ticker", name);

    /// <summary><c>tickers</c> (futures tickers carry mark, index and funding rate).</summary>
    public static string Tickers(GateIoMarket market, string name) => Of(market, "tickers", name);

    /// <summary><c>candlesticks</c> (payload: interval, then the name).</summary>
    public static string Candlesticks(GateIoMarket market, CandleInterval interval, string name) =>
        Of(market, "candlesticks", GateIoCandleIntervals.ToCode(interval), name);

    /// <summary>Splits a topic into the channel and the payload items.</summary>
    /// <exception cref="FormatException">Not <c>spot.x|…</c> or <c>futures.x|…</c>.</exception>
    public static (string Channel, string[] Payload) Split(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var parts = topic.Split(Separator);
        if (!(parts[0].StartsWith("spot.", StringComparison.Ordinal) || parts[0].StartsWith("futures.", StringComparison.Ordinal)) || parts.Length < 2 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{topic}' is not a Gate.io topic (channel|payload|...).");
        }

        return (parts[0], parts[1..]);
    }

    private static string Of(GateIoMarket market, string channel, params string[] payload)
    {
        foreach (var item in payload)
        {
            ArgumentException.ThrowIfNullOrEmpty(item);
        }

        return market.ChannelPrefix() + "." + channel + Separator + string.Join(Separator, payload);
    }
}
