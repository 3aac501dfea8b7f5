using FlowSight.Core;
using FlowSight.Engine.Replay;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.Simulator.Tests.Markets.Replay;

/// <summary>
/// A Binance USDⓈ-M recording as the core events a replay market is fed: the synchronised book messages (the
/// snapshot first, then every applied diff, exactly as <see cref="BinanceDepthSynchronizer"/> applies them) and the
/// trades, in recording order. Read once per file with the venue's own parser and synchronizer.
/// </summary>
internal sealed class RecordedSession
{
    public const string Usdm0808 = "recordings/hftbacktest/binance-usdm/btcusdt_20240808.gz";

    private static readonly Lazy<RecordedSession> Day0808 = new(() => Load(Usdm0808));

    [ThreadStatic]
    private static BookDeltas? t_batch;

    private RecordedSession(InstrumentId instrument, RecordedEvent[] events)
    {
        InstrumentId = instrument;
        Events = events;
        Instrument = new Instrument
        {
            Id = instrument,
            VenueSymbol = "BTCUSDT",
            Kind = InstrumentKind.Perpetual,
            BaseAsset = "BTC",
            QuoteAsset = "USDT",
            SettleAsset = "USDT",
            TickSize = Price.Parse("0.10"),
            StepSize = Quantity.Parse("0.001"),
            MinQuantity = Quantity.Parse("0.001"),
            MaxQuantity = Quantity.Parse("1000"),
            MinNotional = Money.Parse("100"),
            MaxLeverage = 125m,
            MakerFee = 0.0002m,
            TakerFee = 0.0005m,
        };
    }

    /// <summary>btcusdt_20240808.gz (about ten minutes of BTCUSDT perpetual, depth@0ms + trades).</summary>
    public static RecordedSession BtcUsdt0808 => Day0808.Value;

    public InstrumentId InstrumentId { get; }

    /// <summary>BTCUSDT perpetual's filters as Binance lists them (tick 0.10, step 0.001, min notional 100).</summary>
    public Instrument Instrument { get; }

    public RecordedEvent[] Events { get; }

    /// <summary>Feeds events [<paramref name="from"/>, <paramref name="to"/>) to <paramref name="market"/>, calling <paramref name="after"/> after each.</summary>
    public void Feed(FlowSight.Simulator.Markets.Replay.ReplayMarket market, int from, int to, Action<int>? after = null)
    {
        var batch = t_batch ??= new BookDeltas(4096);
        for (int i = from; i < to; i++)
        {
            var e = Events[i];
            if (e.IsTrade)
            {
                market.OnTrade(e.Trade);
            }
            else
            {
                e.CopyTo(batch);
                market.OnBookDeltas(batch);
            }

            after?.Invoke(i);
        }
    }

    private static RecordedSession Load(string relative)
    {
        var events = new List<RecordedEvent>(30_000);
        var parser = new BinanceStreamParser(BinanceMarket.UsdM, new BinanceSymbolRegistry());
        BinanceDepthSynchronizer? synchronizer = null;
        using var reader = new RecordingReader([SharedData.Require(relative)]);
        while (reader.TryRead(out var frame))
        {
            if (frame.Kind != RecordedFrameKind.Received)
            {
                continue;
            }

            switch (parser.Parse(frame.Payload.Span, frame.ReceiveTime))
            {
                case BinanceMessageKind.DepthUpdate:
                    synchronizer ??= Start(parser, events);
                    synchronizer.OnDiff(parser.Deltas);
                    break;
                case BinanceMessageKind.DepthSnapshot when synchronizer is not null:
                    synchronizer.OnSnapshot(parser.Deltas);
                    break;
                case BinanceMessageKind.Trade:
                    events.Add(RecordedEvent.Of(parser.Trade));
                    break;
                default:
                    break;
            }
        }

        if (synchronizer is null || !synchronizer.IsSynced)
        {
            throw new InvalidOperationException($"{relative} did not synchronise a book.");
        }

        return new RecordedSession(synchronizer.Instrument, events.ToArray());
    }

    private static BinanceDepthSynchronizer Start(BinanceStreamParser parser, List<RecordedEvent> events)
    {
        parser.DefaultInstrument = parser.Instrument; // the bare REST snapshot names no symbol
        var synchronizer = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
        {
            Instrument = parser.Instrument,
            Market = BinanceMarket.UsdM,
            MaxBufferedDiffs = 100_000,
            MaxBufferedLevels = 10_000_000,
        });
        synchronizer.Applied += batch => events.Add(RecordedEvent.Of(batch));
        return synchronizer;
    }
}
