using FlowSight.Core;
using FlowSight.Engine.Configuration;
using FlowSight.Engine.Hosting;
using FlowSight.Engine.OrderBook;
using Xunit;

namespace FlowSight.Engine.Tests.Hosting;

public sealed class OrderBookManagerTests
{
    private static readonly InstrumentId Btc = InstrumentId.Parse("BTCUSDT-PERP.BINANCE");

    private static BookDeltas Batch(bool snapshot, long updateId, params (OrderSide Side, string Price, string Size)[] levels)
    {
        var batch = new BookDeltas { Instrument = Btc, IsSnapshot = snapshot, FirstUpdateId = updateId, LastUpdateId = updateId };
        foreach (var (side, price, size) in levels)
        {
            var qty = Quantity.Parse(size);
            batch.Add(new BookDelta(Btc, qty.Raw == 0 ? BookAction.Delete : BookAction.Set, side, Price.Parse(price), qty, updateId, snapshot ? BookDeltaFlags.Snapshot : BookDeltaFlags.None, 0, 0));
        }

        batch.MarkLast();
        return batch;
    }

    [Fact]
    public void Snapshots_replace_the_book_and_diffs_update_it_through_the_engine()
    {
        var faults = new List<BookFault>();
        var books = new OrderBookManager(faults.Add);
        using var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, new SimulatedClock());
        books.Attach(engine.Bus);

        engine.Publish(Batch(true, 10, (OrderSide.Buy, "100.0", "1.000"), (OrderSide.Sell, "101.0", "2.000")));
        engine.Publish(Batch(false, 11, (OrderSide.Buy, "100.5", "0.500"), (OrderSide.Sell, "101.0", "0.000")));
        engine.Publish(Batch(true, 20, (OrderSide.Buy, "99.0", "3.000"), (OrderSide.Sell, "99.5", "1.000")));
        engine.RunPending();

        Assert.True(books.TryGetBook(Btc, out var book));
        Assert.Equal(20, book.LastUpdateId);
        Assert.True(book.TryGetBestBid(out var bid));
        Assert.True(book.TryGetBestAsk(out var ask));
        Assert.Equal((Price.Parse("99.0"), Quantity.Parse("3.000")), (bid.Price, bid.Size));
        Assert.Equal(Price.Parse("99.5"), ask.Price);
        Assert.Equal(1, book.BidCount);
        Assert.Equal(3, books.MessagesApplied);
        Assert.Empty(faults);
    }

    [Fact]
    public void A_crossed_book_is_reported_once_the_message_is_complete()
    {
        var faults = new List<BookFault>();
        var books = new OrderBookManager(faults.Add);
        using var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, new SimulatedClock());
        books.Attach(engine.Bus);

        engine.Publish(Batch(true, 1, (OrderSide.Buy, "100.0", "1.000"), (OrderSide.Sell, "101.0", "1.000")));
        engine.Publish(Batch(false, 2, (OrderSide.Buy, "101.5", "1.000")));
        engine.RunPending();

        var fault = Assert.Single(faults);
        Assert.Equal(BookFaultReason.Crossed, fault.Reason);
        Assert.Equal(2, fault.UpdateId);
        Assert.Equal(Btc, fault.Instrument);
    }

    [Fact]
    public void A_delta_finer_than_the_registered_precision_is_reported()
    {
        var faults = new List<BookFault>();
        var books = new OrderBookManager(faults.Add);
        books.Register(Btc, pricePrecision: 1, sizePrecision: 3);
        using var engine = new EngineLoop(new FlowSightOptions { EventBufferSize = 1024 }, new SimulatedClock());
        books.Attach(engine.Bus);

        engine.Publish(Batch(false, 5, (OrderSide.Buy, "100.05", "1.000")));
        engine.RunPending();

        Assert.Equal(BookFaultReason.UnrepresentableDelta, Assert.Single(faults).Reason);
    }
}
