using FlowSight.Core;

namespace FlowSight.Server.State;

/// <summary>
/// The replica's state for one instrument: dirty flags and the trade ring the engine thread writes, the snapshots
/// and versions readers see. Fields, not properties, so versions can be bumped with <see cref="Interlocked"/>.
/// </summary>
internal sealed class InstrumentSlot
{
    private static readonly int IntervalSlots = Enum.GetValues<CandleInterval>().Max(i => (int)i) + 1;

    // Engine thread only.
    public bool BookDirty = true; // a book filled before the replica attached shows at the first flush
    public long BookMessages;
    public BookLevel[] BidLevels = [];
    public BookLevel[] AskLevels = [];
    public int BidLevelCount;
    public int AskLevelCount;
    public BookLevelView[] BidViews = [];
    public BookLevelView[] AskViews = [];

    // Published snapshots (written on the engine thread with Volatile.Write, read anywhere).
    public BookView? Book;
    public TradeView[] Trades = [];

    // Versions (Interlocked on the engine thread, Volatile.Read anywhere).
    public long BookVersion;
    public long TradesVersion;
    public long CandlesVersion;

    public InstrumentSlot(Instrument spec, int tradesKept)
    {
        Spec = spec;
        Id = spec.Id;
        IdText = spec.Id.Value;
        View = new InstrumentView(
            IdText,
            spec.Id.Venue.Name,
            spec.VenueSymbol,
            ViewText.Of(spec.Kind),
            spec.BaseAsset,
            spec.QuoteAsset,
            string.IsNullOrEmpty(spec.SettleAsset) ? spec.QuoteAsset : spec.SettleAsset,
            spec.TickSize.ToDecimal(),
            spec.StepSize.ToDecimal(),
            spec.MinQuantity.ToDecimal(),
            spec.MinNotional.ToDecimal(),
            spec.ContractMultiplier,
            spec.PricePrecision,
            spec.SizePrecision);
        var id = IdText;
        TradeRing = new RecentRing<TradeTick, TradeView>(tradesKept, t => new TradeView(
            id, t.Price.ToDecimal(), t.Size.ToDecimal(), ViewText.Side(t.Aggressor), t.TradeId, ViewText.Millis(t.EventTime)));
        Candles = new ReplicaCandleSeries?[IntervalSlots];
    }

    public Instrument Spec { get; }

    public InstrumentId Id { get; }

    public string IdText { get; }

    public InstrumentView View { get; }

    /// <summary>The latest trades (engine thread writes; flush converts).</summary>
    public RecentRing<TradeTick, TradeView> TradeRing { get; }

    /// <summary>Candle series by <see cref="CandleInterval"/> value; created at the first flush that finds the series in the store.</summary>
    public ReplicaCandleSeries?[] Candles { get; }
}
