using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Simulator.Tests.Matching;

/// <summary>
/// Invariants of the matching engine over random command sequences (limit GTC/IOC/FOK/GTX, market, stops and
/// take-profits on the last or the mark price, mark price updates, reduce-only, self-trade prevention, cancel, amend,
/// cancel-all by four accounts around one price),
/// each checked on the events alone by <see cref="MatchingModelChecker"/>.
/// </summary>
public sealed class MatchingEngineProperties
{
    private const int Runs = 300;

    // FsCheck draws small numbers; spread each over all 32 bits so every field of a command varies.
    private static IEnumerable<uint> Spread(uint[] commands) => commands.Select((c, i) =>
    {
        ulong z = (c + ((ulong)i << 32)) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)(z ^ (z >> 31));
    });

    private static string Check(uint[] commands, string invariant)
    {
        var checker = new MatchingModelChecker();
        checker.Run(Spread(commands));
        return checker.Violations.TryGetValue(invariant, out var list) ? string.Join("\n", list.Take(5)) : string.Empty;
    }

    /// <summary>Every trade is one maker fill and one taker fill of the same size and price, published once;
    /// each order's cumulative quantity is the sum of its fills and never exceeds its quantity.</summary>
    [Property(MaxTest = Runs)]
    public void Quantity_is_conserved(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "conservation"));

    /// <summary>A maker fill is always the best-priced, earliest-rested order of its side, at its own price; a taker
    /// never fills beyond its limit.</summary>
    [Property(MaxTest = Runs)]
    public void Price_time_priority_holds(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "priority"));

    [Property(MaxTest = Runs)]
    public void Post_only_never_takes(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "post-only"));

    /// <summary>IOC, FOK and market orders (also once triggered) never rest in the book.</summary>
    [Property(MaxTest = Runs)]
    public void IOC_FOK_and_market_orders_never_rest(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "ioc-rests"));

    [Property(MaxTest = Runs)]
    public void FOK_fills_all_or_nothing(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "fok"));

    /// <summary>With positions kept from the fills, no reduce-only fill grows a position or flips it.</summary>
    [Property(MaxTest = Runs)]
    public void Reduce_only_never_grows_a_position(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "reduce-only"));

    [Property(MaxTest = Runs)]
    public void The_book_is_never_crossed(uint[] commands) => Assert.Equal(string.Empty, Check(commands, "crossed"));

    /// <summary>The engine's aggregated levels and open-order count equal the book rebuilt from its events, and no
    /// order gets an event after a terminal one.</summary>
    [Property(MaxTest = Runs)]
    public void The_book_is_what_the_events_say(uint[] commands)
    {
        Assert.Equal(string.Empty, Check(commands, "book"));
        Assert.Equal(string.Empty, Check(commands, "state"));
    }

    [Property(MaxTest = 100)]
    public void The_same_commands_give_the_same_events(uint[] commands)
    {
        var first = new MatchingModelChecker();
        var second = new MatchingModelChecker();
        first.Run(Spread(commands));
        second.Run(Spread(commands));
        Assert.Equal(first.AllOrders, second.AllOrders);
        Assert.Equal(first.AllTrades, second.AllTrades);
    }

    /// <summary>The generator is not vacuous: a long seeded sequence trades a lot and passes every invariant.</summary>
    [Fact]
    public void A_long_seeded_run_trades_and_keeps_every_invariant()
    {
        var random = new Random(20241124);
        var commands = new uint[20_000];
        for (int i = 0; i < commands.Length; i++)
        {
            commands[i] = (uint)random.NextInt64(0, 1L << 32);
        }

        var checker = new MatchingModelChecker();
        checker.Run(commands);

        Assert.Empty(checker.Violations.SelectMany(v => v.Value.Take(3).Select(m => $"{v.Key}: {m}")));
        Assert.True(checker.Fills > 3_000, $"only {checker.Fills} fills");
    }
}
