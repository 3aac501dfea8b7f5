using FlowSight.Core;
using FlowSight.Engine.Replay;
using FlowSight.Simulator.Markets.Replay;
using FlowSight.Storage.Recording;
using FlowSight.Venues.Binance;
using FlowSight.Venues.Binance.Book;
using FlowSight.Venues.Binance.Parsing;

namespace FlowSight.PaperVenue.Exchange.Replay;

/// <summary>
/// A Binance recording (our format, hftbacktest's or cryptofeed's, as <see cref="RecordingReader"/> reads them) played
/// into the paper venue's <see cref="ReplayMarket"/>s along the exchange clock: each frame is parsed by the live
/// <see cref="BinanceStreamParser"/>, depth goes through one <see cref="BinanceDepthSynchronizer"/> per instrument
/// (so only a book Binance's own rules accept is replayed), trades and mark prices go to their market. Frames of
/// symbols the venue does not list are skipped. Exchange thread only.
/// </summary>
public sealed class BinanceRecordingReplay : IDisposable
{
    private readonly RecordingReader _reader;
    private readonly BinanceStreamParser _parser;
    private readonly Dictionary<InstrumentId, Target> _targets = [];
    private PendingFrame? _pending;
    private bool _ended;

    /// <summary>Opens <paramref name="path"/> for <paramref name="market"/> (USDⓈ-M or spot) and reads its first frame.</summary>
    /// <exception cref="InvalidDataException">The recording holds no frame.</exception>
    public BinanceRecordingReplay(string path, BinanceMarket market)
    {
        _reader = new RecordingReader([path]);
        _parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());
        Market = market;
        if (!TryReadNext())
        {
            _reader.Dispose();
            throw new InvalidDataException($"The recording {path} holds no frame to replay.");
        }

        StartTime = _pending!.Value.ReceiveTime;
    }

    /// <summary>The Binance market the recording is read as.</summary>
    public BinanceMarket Market { get; }

    /// <summary>Receive time of the first frame, Unix ns: where the replaying exchange's clock starts.</summary>
    public long StartTime { get; }

    /// <summary>Frames replayed so far.</summary>
    public long Frames { get; private set; }

    /// <summary>True once every frame was replayed.</summary>
    public bool Ended => _ended;

    /// <summary>Routes <paramref name="instrument"/>'s recorded data to <paramref name="market"/>.</summary>
    public void Attach(Instrument instrument, ReplayMarket market, Action<MarkPrice> onMark)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var synchronizer = new BinanceDepthSynchronizer(new BinanceDepthSynchronizerOptions
        {
            Instrument = instrument.Id,
            Market = Market,
            PricePrecision = instrument.PricePrecision,
            SizePrecision = instrument.SizePrecision,
            MaxBufferedDiffs = 100_000,
            MaxBufferedLevels = 10_000_000,
        });
        synchronizer.Applied += market.OnBookDeltas;
        synchronizer.Start();
        _targets[instrument.Id] = new Target(market, synchronizer, onMark);
    }

    /// <summary>Replays every frame received up to <paramref name="now"/> (Unix ns).</summary>
    public void AdvanceTo(long now)
    {
        while (_pending is { } frame && frame.ReceiveTime <= now)
        {
            Dispatch(frame);
            Frames++;
            if (!TryReadNext())
            {
                _ended = true;
            }
        }
    }

    /// <summary>The instruments whose depth or trades appear in the first <paramref name="frames"/> frames, in order of appearance.</summary>
    public static List<InstrumentId> Scan(string path, BinanceMarket market, int frames = 20_000)
    {
        var parser = new BinanceStreamParser(market, new BinanceSymbolRegistry());
        var seen = new List<InstrumentId>();
        using var reader = new RecordingReader([path]);
        for (var i = 0; i < frames && reader.TryRead(out var frame); i++)
        {
            if (frame.Kind != RecordedFrameKind.Received)
            {
                continue;
            }

            var instrument = parser.Parse(frame.Payload.Span, frame.ReceiveTime) switch
            {
                BinanceMessageKind.DepthUpdate => parser.Instrument,
                BinanceMessageKind.Trade or BinanceMessageKind.AggTrade => parser.Trade.Instrument,
                _ => default,
            };
            if (!instrument.IsDefault && !seen.Contains(instrument))
            {
                seen.Add(instrument);
            }
        }

        return seen;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    private bool TryReadNext()
    {
        while (_reader.TryRead(out var frame))
        {
            if (frame.Kind != RecordedFrameKind.Received)
            {
                continue;
            }

            // The reader reuses its buffer; the one frame waiting for its time is kept as a copy.
            _pending = new PendingFrame(frame.ReceiveTime, frame.Payload.ToArray());
            return true;
        }

        _pending = null;
        return false;
    }

    private void Dispatch(PendingFrame frame)
    {
        var kind = _parser.Parse(frame.Payload, frame.ReceiveTime);
        switch (kind)
        {
            case BinanceMessageKind.DepthUpdate when _targets.TryGetValue(_parser.Instrument, out var target):
                // A bare REST snapshot in the recording names no symbol: it belongs to the instrument whose diffs precede it.
                _parser.DefaultInstrument = _parser.Instrument;
                target.Synchronizer.OnDiff(_parser.Deltas);
                break;
            case BinanceMessageKind.DepthSnapshot when _targets.TryGetValue(_parser.Instrument, out var target):
                target.Synchronizer.OnSnapshot(_parser.Deltas);
                break;
            case BinanceMessageKind.Trade or BinanceMessageKind.AggTrade when _targets.TryGetValue(_parser.Trade.Instrument, out var target):
                target.Market.OnTrade(_parser.Trade);
                break;
            case BinanceMessageKind.MarkPrice when _targets.TryGetValue(_parser.MarkPrice.Instrument, out var target):
                target.OnMark(_parser.MarkPrice);
                break;
            default:
                break;
        }
    }

    private readonly record struct PendingFrame(long ReceiveTime, byte[] Payload);

    private sealed record Target(ReplayMarket Market, BinanceDepthSynchronizer Synchronizer, Action<MarkPrice> OnMark);
}
