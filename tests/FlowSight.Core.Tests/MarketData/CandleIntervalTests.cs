using FlowSight.Core;
using Xunit;

namespace FlowSight.Core.Tests.MarketData;

public sealed class CandleIntervalTests
{
    [Theory]
    [InlineData("1s", 1L)]
    [InlineData("1m", 60L)]
    [InlineData("15m", 900L)]
    [InlineData("4h", 14_400L)]
    [InlineData("1d", 86_400L)]
    [InlineData("1w", 604_800L)]
    public void Codes_round_trip_and_have_fixed_lengths(string code, long seconds)
    {
        var interval = CandleIntervalExtensions.ParseCode(code);
        Assert.Equal(code, interval.ToCode());
        Assert.Equal(seconds * UnixNanos.PerSecond, interval.ToNanoseconds());
    }

    [Fact]
    public void A_month_has_no_fixed_length_and_unknown_codes_are_refused()
    {
        Assert.Equal(CandleInterval.OneMonth, CandleIntervalExtensions.ParseCode("1M"));
        Assert.Throws<InvalidOperationException>(() => CandleInterval.OneMonth.ToNanoseconds());
        var ex = Assert.Throws<FormatException>(() => CandleIntervalExtensions.ParseCode("7m"));
        Assert.Contains("7m", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Book_deltas_batch_reuses_its_buffer_and_marks_the_last_delta()
    {
        var batch = new BookDeltas(capacity: 2);
        var id = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");
        for (var i = 0; i < 5; i++)
        {
            batch.Add(new BookDelta(id, BookAction.Set, OrderSide.Buy, Price.FromRaw(100 + i, 1), Quantity.FromRaw(1, 3), 7, BookDeltaFlags.None, 0, 0));
        }

        batch.MarkLast();

        Assert.Equal(5, batch.Count);
        Assert.True(batch.Deltas[^1].IsLast);
        Assert.False(batch.Deltas[0].IsLast);
        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.Equal(-1, batch.PreviousUpdateId);
    }
}
