using FlowSight.Core;
using FlowSight.Venues.Binance.Rest;
using Xunit;

namespace FlowSight.Venues.Tests.Binance.Rest;

/// <summary>Gap detection on its own, including calendar months.</summary>
public sealed class KlineGapDetectorTests
{
    private static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT", Venue.Binance);

    private static long At(int year, int month, int day = 1, int hour = 0) => UnixNanos.FromDateTimeOffset(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

    private static Candle[] Candles(CandleInterval interval, params long[] opens) =>
        [.. opens.Select(o => new Candle(Btc, interval, o, KlineCalendar.Add(interval, o, 1), Price.Parse("1"), Price.Parse("1"), Price.Parse("1"), Price.Parse("1"), Quantity.Parse("1"), Money.Parse("1"), 1, true, 0, 0))];

    [Fact]
    public void Months_count_by_the_calendar()
    {
        var candles = Candles(CandleInterval.OneMonth, At(2024, 1), At(2024, 2), At(2024, 5));

        var gaps = KlineGapDetector.Detect(candles, CandleInterval.OneMonth, At(2023, 11), At(2024, 7), At(2024, 8, 9));

        Assert.Equal(
            [
                new KlineGap(At(2023, 11), At(2024, 1), 2, KlineGapKind.Leading),
                new KlineGap(At(2024, 3), At(2024, 5), 2, KlineGapKind.Interior),
                new KlineGap(At(2024, 6), At(2024, 8), 2, KlineGapKind.Trailing),
            ],
            gaps);
    }

    [Fact]
    public void A_trailing_gap_stops_at_the_present()
    {
        var candles = Candles(CandleInterval.OneHour, At(2024, 8, 9, 0), At(2024, 8, 9, 1));

        var gaps = KlineGapDetector.Detect(candles, CandleInterval.OneHour, At(2024, 8, 9, 0), At(2024, 8, 10), At(2024, 8, 9, 3) + 1);

        Assert.Equal([new KlineGap(At(2024, 8, 9, 2), At(2024, 8, 9, 4), 2, KlineGapKind.Trailing)], gaps);
    }

    [Fact]
    public void Contiguous_candles_have_no_gap()
    {
        var candles = Candles(CandleInterval.FourHours, At(2024, 8, 9, 0), At(2024, 8, 9, 4), At(2024, 8, 9, 8));

        Assert.Empty(KlineGapDetector.Detect(candles, CandleInterval.FourHours, At(2024, 8, 9, 0), At(2024, 8, 9, 8), At(2024, 8, 10)));
    }
}
