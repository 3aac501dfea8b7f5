using System.Globalization;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.TestKit;

namespace FlowSight.Engine.Tests.Candles;

/// <summary>
/// The <c>aggTrade</c> and <c>kline_*</c> messages of a cryptofeed recording of Binance combined streams
/// (<c>&lt;unix_ts&gt;: &lt;json&gt;</c> per received message, SOURCES.md), in arrival order. Engine tests may not
/// reference the venue parsers, so the few fields needed are read with System.Text.Json.
/// </summary>
internal sealed class BinanceCandleRecording
{
    private BinanceCandleRecording(List<object> messages) => Messages = messages;

    /// <summary><see cref="AggTrade"/> and <see cref="Kline"/> records in arrival order.</summary>
    public IReadOnlyList<object> Messages { get; }

    /// <summary>Reads <c>recordings/cryptofeed/&lt;file&gt;</c>; skips (fails under CI) when the shared data is missing.</summary>
    public static BinanceCandleRecording Read(string file)
    {
        var path = SharedData.Require(Path.Combine("recordings", "cryptofeed", file));
        var messages = new List<object>();
        foreach (var line in File.ReadLines(path))
        {
            var separator = line.IndexOf(": ", StringComparison.Ordinal);
            if (separator < 0 || !double.TryParse(line.AsSpan(0, separator), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue; // connects, sent requests, HTTP responses, configuration
            }

            using var json = JsonDocument.Parse(line.AsMemory(separator + 2));
            if (!json.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("e", out var type))
            {
                continue;
            }

            switch (type.GetString())
            {
                case "aggTrade":
                    messages.Add(new AggTrade(
                        data.GetProperty("s").GetString()!,
                        Price.Parse(data.GetProperty("p").GetString()!),
                        Quantity.Parse(data.GetProperty("q").GetString()!),
                        data.GetProperty("f").GetInt64(),
                        data.GetProperty("l").GetInt64(),
                        data.GetProperty("T").GetInt64() * 1_000_000L,
                        data.GetProperty("m").GetBoolean()));
                    break;
                case "kline":
                    var k = data.GetProperty("k");
                    messages.Add(new Kline(
                        k.GetProperty("s").GetString()!,
                        CandleIntervalExtensions.ParseCode(k.GetProperty("i").GetString()!),
                        k.GetProperty("t").GetInt64() * 1_000_000L,
                        k.GetProperty("f").GetInt64(),
                        k.GetProperty("L").GetInt64(),
                        Price.Parse(k.GetProperty("o").GetString()!),
                        Price.Parse(k.GetProperty("h").GetString()!),
                        Price.Parse(k.GetProperty("l").GetString()!),
                        Price.Parse(k.GetProperty("c").GetString()!),
                        Quantity.Parse(k.GetProperty("v").GetString()!),
                        Money.Parse(k.GetProperty("q").GetString()!),
                        k.GetProperty("n").GetInt64(),
                        k.GetProperty("x").GetBoolean()));
                    break;
            }
        }

        return new BinanceCandleRecording(messages);
    }

    /// <summary>An aggregated trade: trades <paramref name="FirstTradeId"/>..<paramref name="LastTradeId"/> at one price.</summary>
    public sealed record AggTrade(string Symbol, Price Price, Quantity Size, long FirstTradeId, long LastTradeId, long TradeTime, bool BuyerIsMaker);

    /// <summary>A kline state: Binance's aggregation of trades <paramref name="FirstTradeId"/>..<paramref name="LastTradeId"/>.</summary>
    public sealed record Kline(string Symbol, CandleInterval Interval, long OpenTime, long FirstTradeId, long LastTradeId,
        Price Open, Price High, Price Low, Price Close, Quantity Volume, Money QuoteVolume, long TradeCount, bool IsClosed);
}
