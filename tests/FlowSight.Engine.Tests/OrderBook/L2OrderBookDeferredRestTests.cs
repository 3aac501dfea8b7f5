using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using Xunit;

namespace FlowSight.Engine.Tests.OrderBook;

/// <summary>
/// <see cref="L2OrderBook.DeferRest"/> (top first): reads within the exact top levels do not wait for the rest of the
/// message; every other read and every write applies it first, so nobody sees a level the message has not finished.
/// </summary>
public sealed class L2OrderBookDeferredRestTests
{
    private static readonly InstrumentId Instrument = L2OrderBookTests.Btc;

    [Fact]
    public void Reads_within_the_exact_levels_do_not_apply_the_rest()
    {
        var book = Build();
        var completed = 0;
        book.DeferRest(2, 1, () => completed++);

        Assert.True(book.TryGetBestBid(out var bid));
        Assert.Equal(100_00, bid.Price.Raw);
        Assert.True(book.TryGetBestAsk(out _));
        Assert.False(book.IsCrossed);
        Assert.True(book.TryGetSpread(out _));
        Assert.True(book.TryGetMid(out _));
        Assert.True(book.TryGetMicroprice(out _));
        Assert.Equal(99_00, book.GetLevel(OrderSide.Buy, 1).Price.Raw);
        Assert.Equal(2, book.CopyLevels(OrderSide.Buy, new BookLevel[2]));
        Assert.Equal(1, book.CopyRawLevels(OrderSide.Sell, new long[1], new long[1]));
        Assert.True(book.TryGetImbalance(1, out _));
        Assert.Equal(0, completed);
        Assert.True(book.HasDeferredRest);
    }

    public static TheoryData<string> DeepUses => new()
    {
        "third bid",
        "second ask",
        "three bids copied",
        "bid count",
        "ask count",
        "size at a price",
        "imbalance over 2",
        "depth within",
        "fill estimate",
        "aggregate",
        "set",
        "delete",
        "apply level",
        "level writer",
        "apply batch",
        "clear",
        "complete",
    };

    [Theory]
    [MemberData(nameof(DeepUses))]
    public void Any_other_use_applies_the_rest_first_and_once(string use)
    {
        var book = Build();
        var completed = 0;
        book.DeferRest(2, 1, () =>
        {
            completed++;
            Assert.False(book.HasDeferredRest); // the rest writes through the book's normal paths
            book.GetLevelWriter(OrderSide.Buy).Apply(95_00, 2, 7_000, 3);
        });

        switch (use)
        {
            case "third bid":
                Assert.Equal(98_00, book.GetLevel(OrderSide.Buy, 2).Price.Raw);
                break;
            case "second ask":
                book.GetLevel(OrderSide.Sell, 1);
                break;
            case "three bids copied":
                Assert.Equal(3, book.CopyLevels(OrderSide.Buy, new BookLevel[3]));
                break;
            case "bid count":
                Assert.Equal(4, book.BidCount);
                break;
            case "ask count":
                _ = book.AskCount;
                break;
            case "size at a price":
                Assert.True(book.TryGetSize(OrderSide.Buy, Price.FromRaw(95_00, 2), out _));
                break;
            case "imbalance over 2":
                book.TryGetImbalance(2, out _);
                break;
            case "depth within":
                book.TryGetDepthWithin(100m, out _);
                break;
            case "fill estimate":
                book.EstimateFill(OrderSide.Sell, Quantity.FromRaw(1, 3));
                break;
            case "aggregate":
                book.Aggregate(OrderSide.Buy, Price.FromRaw(1_00, 2), new BookLevel[8]);
                break;
            case "set":
                book.Set(OrderSide.Buy, Price.FromRaw(97_00, 2), Quantity.FromRaw(1, 3));
                break;
            case "delete":
                book.Delete(OrderSide.Sell, Price.FromRaw(101_00, 2));
                break;
            case "apply level":
                book.ApplyLevel(OrderSide.Buy, 97_00, 2, 1, 3);
                break;
            case "level writer":
                book.GetLevelWriter(OrderSide.Sell);
                break;
            case "apply batch":
                book.Apply(new BookDeltas(1));
                break;
            case "clear":
                book.Clear();
                break;
            default:
                book.CompleteRest();
                break;
        }

        Assert.Equal(1, completed);
        Assert.False(book.HasDeferredRest);
        book.CompleteRest();
        _ = book.BidCount;
        Assert.Equal(1, completed);
    }

    private static L2OrderBook Build()
    {
        var book = new L2OrderBook(Instrument, 2, 3);
        foreach (var price in new long[] { 100_00, 99_00, 98_00 })
        {
            book.ApplyLevel(OrderSide.Buy, price, 2, 1_000, 3);
        }

        foreach (var price in new long[] { 101_00, 102_00 })
        {
            book.ApplyLevel(OrderSide.Sell, price, 2, 1_000, 3);
        }

        return book;
    }
}
