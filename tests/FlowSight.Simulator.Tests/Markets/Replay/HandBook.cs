using FlowSight.Core;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>A small hand-written market for exact replay scenarios: tick 0.1, step 0.001.</summary>
internal static class HandBook
{
    public static readonly InstrumentId Id = InstrumentId.Of("TESTUSDT-PERP", Venue.Binance);

    public static readonly Instrument Instrument = new()
    {
        Id = Id,
        VenueSymbol = "TESTUSDT",
        Kind = InstrumentKind.Perpetual,
        BaseAsset = "TEST",
        QuoteAsset = "USDT",
        SettleAsset = "USDT",
        TickSize = Price.Parse("0.1"),
        StepSize = Quantity.Parse("0.001"),
        MinQuantity = Quantity.Parse("0.001"),
        MaxLeverage = 20m,
    };

    private static readonly BookDeltas Batch = new(64);

    /// <summary>A snapshot; levels as ("100.0", "10") pairs.</summary>
    public static BookDeltas Snapshot(long time, (string Price, string Size)[] bids, (string Price, string Size)[] asks)
    {
        Begin(time, snapshot: true);
        foreach (var (price, size) in bids)
        {
            Add(time, OrderSide.Buy, price, size, BookDeltaFlags.Snapshot);
        }

        foreach (var (price, size) in asks)
        {
            Add(time, OrderSide.Sell, price, size, BookDeltaFlags.Snapshot);
        }

        Batch.MarkLast();
        return Batch;
    }

    /// <summary>A diff of one level (size "0" removes it).</summary>
    public static BookDeltas Level(long time, OrderSide side, string price, string size)
    {
        Begin(time, snapshot: false);
        Add(time, side, price, size, BookDeltaFlags.None);
        Batch.MarkLast();
        return Batch;
    }

    public static TradeTick Trade(long time, string price, string size, AggressorSide aggressor) =>
        new(Id, Price.Parse(price), Quantity.Parse(size), aggressor, time, time, time);

    private static void Begin(long time, bool snapshot)
    {
        Batch.Clear();
        Batch.Instrument = Id;
        Batch.IsSnapshot = snapshot;
        Batch.EventTime = time;
        Batch.ReceiveTime = time;
    }

    private static void Add(long time, OrderSide side, string price, string size, BookDeltaFlags flags)
    {
        var quantity = Quantity.Parse(size);
        Batch.Add(new BookDelta(Id, quantity.Raw == 0 ? BookAction.Delete : BookAction.Set, side, Price.Parse(price), quantity, time, flags, time, time));
    }
}
