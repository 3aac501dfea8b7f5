using FlowSight.Core;
using FlowSight.Simulator.Markets;

namespace FlowSight.PaperVenue.Exchange;

/// <summary>
/// One listed instrument of the paper venue and its public state: the published book, recent trades, candles,
/// mark price and funding history. Exchange thread only (protocol handlers read it inside
/// <see cref="PaperExchange.InvokeAsync{T}(Func{T})"/>).
/// </summary>
public sealed class PaperMarket
{
    internal PaperMarket(Instrument instrument, int index, PaperMarketSource source)
    {
        Instrument = instrument;
        Index = index;
        Source = source;
        Book = new PaperBook(instrument);
        Trades = new PaperTradeLog();
        Candles = new PaperCandles(instrument);
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>Listing index (0-based).</summary>
    public int Index { get; }

    /// <summary>Venue symbol, e.g. BTCUSDT or BTC-USDT-SWAP.</summary>
    public string Symbol => Instrument.VenueSymbol;

    /// <summary>What moves the market.</summary>
    public PaperMarketSource Source { get; }

    /// <summary>The simulated market orders go to.</summary>
    public ISimulatedMarket Market { get; internal set; } = null!;

    /// <summary>The published book.</summary>
    public PaperBook Book { get; }

    /// <summary>Recent public trades.</summary>
    public PaperTradeLog Trades { get; }

    /// <summary>Candles.</summary>
    public PaperCandles Candles { get; }

    /// <summary>The last published mark price (default before the first).</summary>
    public MarkPrice Mark { get; internal set; }

    /// <summary>True once a mark price was published.</summary>
    public bool HasMark => !Mark.Instrument.IsDefault;

    /// <summary>Settled funding periods, oldest first.</summary>
    public List<PaperFunding> FundingHistory { get; } = [];

    internal long NextMarkTime { get; set; }
}
