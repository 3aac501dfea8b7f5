using FlowSight.Core;
using FlowSight.Venues.Network.Http;
using FsCheck.Xunit;
using Xunit;

namespace FlowSight.Venues.Tests.Okx.Rest;

/// <summary>The venue-neutral candle gap detector the OKX and Gate.io backfills report with.</summary>
public sealed class CandleGapDetectorTests
{
    private static readonly long Start = UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly long Minute = 60 * UnixNanos.PerSecond;

    [Fact]
    public void No_candle_at_all_is_one_gap_over_the_range_cut_at_the_present()
    {
        var gaps = CandleGapDetector.Detect([], CandleInterval.OneMinute, Start, Start + (99 * Minute), Start + (9 * Minute));

        Assert.Equal([new CandleGap(Start, Start + (10 * Minute), 10, CandleGapKind.WholeRange)], gaps);
    }

    [Fact]
    public void Calendar_months_count_as_months()
    {
        var january = Start;
        var april = UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var june = UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var gaps = CandleGapDetector.Detect([Candle(january, CandleInterval.OneMonth), Candle(april, CandleInterval.OneMonth)], CandleInterval.OneMonth, january, june, long.MaxValue);

        Assert.Equal(
            [
                new CandleGap(UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)), april, 2, CandleGapKind.Interior),
                new CandleGap(UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)), UnixNanos.FromDateTimeOffset(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero)), 2, CandleGapKind.Trailing),
            ],
            gaps);
    }

    /// <summary>Whatever candles are missing from a grid, the candles kept plus the gaps' counts cover the grid exactly, and the gaps never overlap a candle.</summary>
    [Property(MaxTest = 300)]
    public bool Candles_and_gaps_cover_the_range_exactly(int seed)
    {
        var random = new Random(seed);
        var total = random.Next(1, 400);
        var candles = Enumerable.Range(0, total)
            .Where(_ => random.NextDouble() > 0.3)
            .Select(i => Candle(Start + (i * Minute), CandleInterval.OneMinute))
            .ToList();
        var end = Start + ((total - 1) * Minute);

        var gaps = CandleGapDetector.Detect(candles, CandleInterval.OneMinute, Start, end, long.MaxValue);

        var opens = candles.Select(c => c.OpenTime).ToHashSet();
        return candles.Count + gaps.Sum(g => g.MissingCandles) == total
            && gaps.All(g => !opens.Contains(g.FirstMissingOpenTime) && g.End - g.FirstMissingOpenTime == g.MissingCandles * Minute)
            && (candles.Count > 0 || gaps.Single().Kind == CandleGapKind.WholeRange);
    }

    private static Candle Candle(long open, CandleInterval interval) =>
        new(default, interval, open, CandleCalendar.Add(interval, open, 1), default, default, default, default, default, default, 0, true, open, open);
}
