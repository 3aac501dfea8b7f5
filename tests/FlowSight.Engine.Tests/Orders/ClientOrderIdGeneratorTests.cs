using FlowSight.Core;
using FlowSight.Engine.Orders;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FlowSight.Engine.Tests.Orders;

public sealed class ClientOrderIdGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_are_alphanumeric_and_at_most_32_characters()
    {
        var ids = new ClientOrderIdGenerator(new FakeTimeProvider(Start), "FSabc1");
        for (var i = 0; i < 5_000; i++)
        {
            var text = ids.Next().ToString();
            Assert.InRange(text.Length, 1, 32);
            Assert.All(text, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' in {text}"));
        }
    }

    [Fact]
    public void The_longest_possible_id_still_fits_okx_and_gate()
    {
        var ids = new ClientOrderIdGenerator(new FakeTimeProvider(new DateTimeOffset(2110, 1, 1, 0, 0, 0, TimeSpan.Zero)), "ABCDEF");
        ids.Recover(ClientOrderId.Parse("ABCDEF" + new string('z', 8) + "zzzzzzzzzzzy"));

        var id = ids.Next().ToString();

        Assert.Equal("ABCDEF" + new string('z', 8) + "zzzzzzzzzzzz", id);
        Assert.Equal(26, id.Length); // OKX: 32; Gate.io: 28 after "t-"
        Assert.False(ids.IsOurs(ClientOrderId.Parse("ABCDEF" + new string('z', 8) + new string('1', 13)))); // a longer sequence is never ours
    }

    [Fact]
    public void Ids_of_one_generator_are_unique()
    {
        var ids = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        var seen = new HashSet<ClientOrderId>();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(ids.Next()));
        }
    }

    [Fact]
    public void A_restart_one_millisecond_later_never_repeats_an_id()
    {
        var clock = new FakeTimeProvider(Start);
        var first = new ClientOrderIdGenerator(clock);
        var seen = new HashSet<ClientOrderId>();
        for (var i = 0; i < 10_000; i++)
        {
            seen.Add(first.Next());
        }

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = new ClientOrderIdGenerator(clock);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(seen.Add(second.Next()));
        }
    }

    [Fact]
    public void A_restart_whose_clock_went_back_moves_past_the_ids_it_recovers()
    {
        var before = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        var used = new List<ClientOrderId>();
        for (var i = 0; i < 50; i++)
        {
            used.Add(before.Next());
        }

        var restarted = new ClientOrderIdGenerator(new FakeTimeProvider(Start - TimeSpan.FromMinutes(1)));
        Assert.Equal(50, restarted.Recover(used));

        var seen = new HashSet<ClientOrderId>(used);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(seen.Add(restarted.Next()));
        }
    }

    [Fact]
    public void A_restart_in_the_same_millisecond_moves_past_recovered_ids()
    {
        var before = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        var last = default(ClientOrderId);
        for (var i = 0; i < 40; i++)
        {
            last = before.Next();
        }

        var restarted = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        restarted.Recover([last]);

        Assert.Equal(40, restarted.NextSequence);
    }

    [Fact]
    public void It_recognises_its_own_ids_and_not_hand_placed_ones()
    {
        var ids = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        var ours = ids.Next();

        Assert.True(ids.IsOurs(ours));
        Assert.True(new ClientOrderIdGenerator(new FakeTimeProvider(Start.AddDays(3))).IsOurs(ours));
        Assert.False(ids.IsOurs(ClientOrderId.Parse("web_8f1a2b3c4d5e")));
        Assert.False(ids.IsOurs(ClientOrderId.Parse("and_abcdef123456")));
        Assert.False(ids.IsOurs(ClientOrderId.Parse("FS12")));
        Assert.False(ids.IsOurs(ClientOrderId.Parse("FSABCDEFGH1"))); // upper-case digits are not ours
        Assert.False(new ClientOrderIdGenerator(new FakeTimeProvider(Start), "XY").IsOurs(ours));
        Assert.Equal(0, ids.Recover([ClientOrderId.Parse("web_8f1a2b3c4d5e")]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("FS-")]
    [InlineData("TOOLONG")]
    [InlineData("a_b")]
    public void A_prefix_venues_would_refuse_is_refused(string prefix)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ClientOrderIdGenerator(new FakeTimeProvider(Start), prefix));
        Assert.Contains("1-6 letters or digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_from_many_threads_are_unique()
    {
        var ids = new ClientOrderIdGenerator(new FakeTimeProvider(Start));
        var bags = new List<ClientOrderId>[4];
        Parallel.For(0, 4, t =>
        {
            var mine = new List<ClientOrderId>(10_000);
            for (var i = 0; i < 10_000; i++)
            {
                mine.Add(ids.Next());
            }

            bags[t] = mine;
        });

        Assert.Equal(40_000, bags.SelectMany(b => b).Distinct().Count());
    }
}
