using FlowSight.Server.Hosting;
using FlowSight.Server.State;

namespace FlowSight.Server.Streaming;

/// <summary>The wire names of the push's topics, which need an instrument, and how often each may be pushed.</summary>
internal static class StreamTopics
{
    private static readonly string[] Names = ["book", "trades", "candles", "orders", "positions", "account", "risk", "engine"];

    /// <summary>The names a client may subscribe to, for error messages.</summary>
    public static string Known { get; } = string.Join(", ", Names);

    /// <summary>Parses a wire name (<c>book</c>, …; case-insensitive).</summary>
    public static bool TryParse(string? name, out ReplicaTopic topic)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                topic = (ReplicaTopic)i;
                return true;
            }
        }

        topic = default;
        return false;
    }

    /// <summary>The wire name of <paramref name="topic"/>.</summary>
    public static string NameOf(ReplicaTopic topic) => Names[(int)topic];

    /// <summary>Book, trades and candles are per instrument; the rest are the account's.</summary>
    public static bool NeedsInstrument(ReplicaTopic topic) => topic is ReplicaTopic.Book or ReplicaTopic.Trades or ReplicaTopic.Candles;

    /// <summary>The most pushes per second of <paramref name="topic"/> to one client.</summary>
    public static double RateOf(ReplicaTopic topic, StreamRates rates) => topic switch
    {
        ReplicaTopic.Book => rates.BookHz,
        ReplicaTopic.Trades => rates.TradesHz,
        ReplicaTopic.Candles => rates.CandlesHz,
        ReplicaTopic.Orders => rates.OrdersHz,
        ReplicaTopic.Engine => rates.EngineHz,
        _ => rates.PortfolioHz,
    };
}
