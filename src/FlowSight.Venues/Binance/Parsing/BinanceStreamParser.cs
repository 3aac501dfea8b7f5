using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Parsing;

/// <summary>
/// Turns one Binance market-data frame (UTF-8 JSON, the combined-stream envelope <c>{"stream":..,"data":..}</c> or
/// a raw single-stream payload) into FlowSight's events without allocating: <see cref="Parse"/> says what the frame
/// was and fills the matching reusable output (<see cref="Deltas"/>, <see cref="Trade"/>, <see cref="Quote"/>, ...).
/// </summary>
/// <remarks>
/// <para>One parser per connection (or per thread): it is not thread-safe, and its outputs are overwritten by the
/// next call, so copy what you keep. Symbols become <see cref="InstrumentId"/>s through a shared
/// <see cref="BinanceSymbolRegistry"/> (thread-safe) for this parser's <see cref="Market"/>.</para>
/// <para>It never throws on input: a frame it cannot use comes back as <see cref="BinanceMessageKind.Malformed"/>,
/// <see cref="BinanceMessageKind.Unknown"/> or <see cref="BinanceMessageKind.UnknownSymbol"/>, is counted in
/// <see cref="Diagnostics"/> with a sample, and the connection goes on. Fields may come in any order, with any
/// whitespace, numbers quoted or bare; unknown fields are skipped.</para>
/// <para>Prices and quantities keep the venue's text precision (<c>"61800.30"</c> is 2 decimals, spot's
/// <c>"61837.63000000"</c> 8), so formatting them gives the venue's bytes back. Times are Unix nanoseconds.</para>
/// </remarks>
public sealed partial class BinanceStreamParser
{
    private readonly BinanceSymbolRegistry _registry;
    private readonly BookDeltas _deltas = new(1024);
    private readonly byte[] _lastSymbol = new byte[BinanceSymbolRegistry.MaxSymbolLength];
    private int _lastSymbolLength = -1;
    private InstrumentId _lastInstrument;
    private BinanceSymbolLookup _symbolFailure;
    private byte[] _rawStream = [];
    private Binance24hTicker[] _tickers = new Binance24hTicker[64];
    private int _tickerCount;
    private MarkPrice[] _markPrices = new MarkPrice[64];
    private int _markPriceCount;
    private long _receiveTime;
    private TradeTick _trade;
    private QuoteTick _quote;
    private Candle _candle;
    private MarkPrice _markPrice;
    private Liquidation _liquidation;
    private Binance24hTicker _ticker;
    private BinanceControlMessage _control;
    private string? _reason;

    /// <summary>Creates a parser for frames of <paramref name="market"/>.</summary>
    public BinanceStreamParser(BinanceMarket market, BinanceSymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Market = market;
        _registry = registry;
    }

    /// <summary>The market whose frames this parser reads (decides symbol → instrument and the depth fields expected).</summary>
    public BinanceMarket Market { get; }

    /// <summary>Counters and the sample of the last frame that could not be used.</summary>
    public FrameDiagnostics<BinanceMessageKind> Diagnostics { get; } = new();

    /// <summary>
    /// The instrument for messages that name none and arrive without a stream name: a REST depth snapshot, or a spot
    /// partial-depth payload on a raw single-stream connection (unless <see cref="UseRawStream"/> names the stream).
    /// </summary>
    public InstrumentId DefaultInstrument { get; set; }

    /// <summary>The kind returned by the last <see cref="Parse"/>.</summary>
    public BinanceMessageKind LastKind { get; private set; }

    /// <summary>Why the last frame was refused (malformed, unknown, unknown symbol), or null.</summary>
    public string? LastReason => _reason;

    /// <summary>The instrument of the last parsed market-data message.</summary>
    public InstrumentId Instrument { get; private set; }

    /// <summary>Where the combined-stream name was in the last frame (empty for raw frames).</summary>
    public Range StreamRange { get; private set; }

    /// <summary>The book changes of a <see cref="BinanceMessageKind.DepthUpdate"/>, <see cref="BinanceMessageKind.PartialDepth"/> or <see cref="BinanceMessageKind.DepthSnapshot"/>.</summary>
    public BookDeltas Deltas => _deltas;

    /// <summary>The trade of a <see cref="BinanceMessageKind.Trade"/>, <see cref="BinanceMessageKind.NonMarketTrade"/> or <see cref="BinanceMessageKind.AggTrade"/>.</summary>
    public ref readonly TradeTick Trade => ref _trade;

    /// <summary>Where a <c>trade</c> came from (futures <c>X</c>); <see cref="BinanceTradeType.Market"/> for spot and aggregate trades.</summary>
    public BinanceTradeType TradeType { get; private set; }

    /// <summary>The best bid and offer of a <see cref="BinanceMessageKind.BookTicker"/>.</summary>
    public ref readonly QuoteTick Quote => ref _quote;

    /// <summary>The candle of a <see cref="BinanceMessageKind.Kline"/>.</summary>
    public ref readonly Candle Candle => ref _candle;

    /// <summary>The mark price and funding of a <see cref="BinanceMessageKind.MarkPrice"/>.</summary>
    public ref readonly MarkPrice MarkPrice => ref _markPrice;

    /// <summary>The mark prices of a <see cref="BinanceMessageKind.MarkPriceArray"/> (symbols the registry refused are left out).</summary>
    public ReadOnlySpan<MarkPrice> MarkPrices => _markPrices.AsSpan(0, _markPriceCount);

    /// <summary>The liquidation of a <see cref="BinanceMessageKind.Liquidation"/>.</summary>
    public ref readonly Liquidation Liquidation => ref _liquidation;

    /// <summary>The statistics of a <see cref="BinanceMessageKind.Ticker"/>.</summary>
    public ref readonly Binance24hTicker Ticker => ref _ticker;

    /// <summary>The statistics of a <see cref="BinanceMessageKind.TickerArray"/> (symbols the registry refused are left out).</summary>
    public ReadOnlySpan<Binance24hTicker> Tickers => _tickers.AsSpan(0, _tickerCount);

    /// <summary>The reply of a <see cref="BinanceMessageKind.Result"/> or <see cref="BinanceMessageKind.Error"/>.</summary>
    public ref readonly BinanceControlMessage Control => ref _control;

    /// <summary>
    /// Names the stream of a raw single-stream connection (<c>/ws/btcusdt@depth20@100ms</c>), whose frames carry no
    /// envelope: it tells a partial-depth stream from a diff stream and gives the symbol of spot partial depth.
    /// Pass null or empty for a combined-stream connection.
    /// </summary>
    public void UseRawStream(string? streamName) =>
        _rawStream = string.IsNullOrEmpty(streamName) ? [] : Encoding.UTF8.GetBytes(streamName);

    /// <summary>
    /// Parses one frame. Returns what it was; the matching output holds the values until the next call.
    /// Never throws on bad input.
    /// </summary>
    /// <param name="frame">The frame's bytes, exactly as received.</param>
    /// <param name="receiveTime">When the frame was received, Unix nanoseconds (from the caller's clock).</param>
    public BinanceMessageKind Parse(ReadOnlySpan<byte> frame, long receiveTime)
    {
        _receiveTime = receiveTime;
        _reason = null;
        StreamRange = default;
        DiffTaken = false;
        var scanner = new JsonScanner(frame);
        BinanceMessageKind kind;
        try
        {
            kind = ParseFrame(ref scanner);
            if (kind is not (BinanceMessageKind.Malformed or BinanceMessageKind.Unknown or BinanceMessageKind.UnknownSymbol)
                && !scanner.AtEnd())
            {
                kind = Refuse(ref scanner, BinanceMessageKind.Malformed, scanner.Error ?? "trailing content after the JSON value");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A value the scanner accepted but a Core type refused, or a bug here: either way one bad frame, counted
            // and sampled, never an exception in the connection's receive loop.
            kind = Refuse(ref scanner, BinanceMessageKind.Malformed, ex is ArgumentException or OverflowException
                ? "a value out of range for its type"
                : "unexpected parser error");
        }

        if (kind is BinanceMessageKind.Malformed or BinanceMessageKind.Unknown or BinanceMessageKind.UnknownSymbol)
        {
            Diagnostics.Record(Problem(kind), kind, _reason ?? "unspecified", frame, scanner.Failed ? scanner.ErrorPosition : -1);
        }

        LastKind = kind;
        if (_sinkBook is not null)
        {
            FinishSinkDiff(kind, frame, receiveTime);
        }

        return kind;
    }

    private static FrameProblem Problem(BinanceMessageKind kind) => kind switch
    {
        BinanceMessageKind.Malformed => FrameProblem.Malformed,
        BinanceMessageKind.UnknownSymbol => FrameProblem.UnknownSymbol,
        _ => FrameProblem.Unknown,
    };

    /// <summary>
    /// Parses a REST depth snapshot body (<c>/api/v3/depth</c>, <c>/fapi/v1/depth</c>, <c>/dapi/v1/depth</c>) for
    /// <paramref name="instrument"/> into <see cref="Deltas"/>, marked as a snapshot. Returns
    /// <see cref="BinanceMessageKind.DepthSnapshot"/>, or <see cref="BinanceMessageKind.Malformed"/>/<see cref="BinanceMessageKind.Error"/>.
    /// </summary>
    public BinanceMessageKind ParseDepthSnapshot(ReadOnlySpan<byte> body, InstrumentId instrument, long receiveTime)
    {
        var saved = DefaultInstrument;
        var savedStream = _rawStream;
        DefaultInstrument = instrument;
        _rawStream = [];
        try
        {
            var kind = Parse(body, receiveTime);
            return kind is BinanceMessageKind.DepthSnapshot or BinanceMessageKind.Error or BinanceMessageKind.Malformed
                ? kind
                : RefuseAfterParse(body, "not a depth snapshot");
        }
        finally
        {
            DefaultInstrument = saved;
            _rawStream = savedStream;
        }
    }

    private BinanceMessageKind RefuseAfterParse(ReadOnlySpan<byte> frame, string reason)
    {
        _reason = reason;
        Diagnostics.Record(FrameProblem.Malformed, BinanceMessageKind.Malformed, reason, frame, -1);
        LastKind = BinanceMessageKind.Malformed;
        return BinanceMessageKind.Malformed;
    }

    private BinanceMessageKind ParseFrame(ref JsonScanner s)
    {
        if (s.Buffer.StartsWith("{\"stream\":\""u8))
        {
            var kind = TryParseCompactEnvelope(ref s);
            if (kind != BinanceMessageKind.None)
            {
                return kind;
            }

            s.Position = 0;
        }

        var c = s.Peek();
        if (c == (byte)'[')
        {
            return ParseArray(ref s);
        }

        if (c != (byte)'{')
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, c == 0 ? "empty frame" : "not a JSON object or array");
        }

        var objectStart = s.Position;
        s.Position++;
        var first = true;
        if (!s.NextKey(ref first, out var key))
        {
            return s.Failed
                ? Refuse(ref s, BinanceMessageKind.Malformed, s.Error!)
                : Refuse(ref s, BinanceMessageKind.Unknown, "empty object");
        }

        if (key.SequenceEqual("stream"u8) || key.SequenceEqual("data"u8))
        {
            return ParseEnvelope(ref s, key);
        }

        s.Position = objectStart;
        return ParsePayload(ref s, _rawStream);
    }

    /// <summary>
    /// The envelope exactly as Binance writes it, <c>{"stream":"..","data":..}</c>, read without key lookups.
    /// Returns <see cref="BinanceMessageKind.None"/> (nothing consumed that matters) when the layout differs, and
    /// the general <see cref="ParseEnvelope"/> takes over.
    /// </summary>
    private BinanceMessageKind TryParseCompactEnvelope(ref JsonScanner s)
    {
        s.Position = 10;
        if (!s.ReadStringRaw(out var stream, out var escaped) || escaped)
        {
            return BinanceMessageKind.None;
        }

        var end = s.Position;
        if (!s.Buffer[end..].StartsWith(",\"data\":"u8))
        {
            return BinanceMessageKind.None;
        }

        StreamRange = new Range(11, end - 1);
        s.Position = end + 8;
        var kind = ParsePayload(ref s, stream);
        if (kind == BinanceMessageKind.Malformed)
        {
            return kind;
        }

        // Members after "data" are not Binance's, but skipping them keeps the envelope reader general.
        var first = false;
        while (s.NextKey(ref first, out _))
        {
            s.SkipValue();
        }

        return s.Failed ? Refuse(ref s, BinanceMessageKind.Malformed, s.Error!) : kind;
    }

    /// <summary>
    /// The combined-stream envelope. Binance writes <c>stream</c> first, so the payload is parsed in place; if
    /// <c>data</c> comes first, it is skipped (checking its syntax), and parsed once the stream name is known.
    /// </summary>
    private BinanceMessageKind ParseEnvelope(ref JsonScanner s, scoped ReadOnlySpan<byte> key)
    {
        var stream = ReadOnlySpan<byte>.Empty;
        var kind = BinanceMessageKind.None;
        var dataStart = -1;
        var first = false;
        var haveKey = true;
        while (haveKey)
        {
            if (key.SequenceEqual("stream"u8))
            {
                stream = s.ReadString("stream name is not a string");
                var end = s.Position - 1;
                StreamRange = new Range(end - stream.Length, end);
            }
            else if (key.SequenceEqual("data"u8) && kind == BinanceMessageKind.None && dataStart < 0)
            {
                if (!stream.IsEmpty)
                {
                    kind = ParsePayload(ref s, stream);
                    if (kind is BinanceMessageKind.Malformed)
                    {
                        return kind;
                    }
                }
                else
                {
                    s.SkipWhitespace();
                    dataStart = s.Position;
                    s.SkipValue();
                }
            }
            else
            {
                s.SkipValue();
            }

            haveKey = s.NextKey(ref first, out key);
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (dataStart >= 0)
        {
            // data came before stream: the whole envelope is valid JSON, so parse the payload where it stands.
            var payload = new JsonScanner(s.Buffer, dataStart);
            kind = ParsePayload(ref payload, stream);
            if (payload.Failed)
            {
                s = payload;
            }
        }

        if (kind == BinanceMessageKind.None)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "envelope without data");
        }

        return kind;
    }

    /// <summary>One payload: an event object, a snapshot-shaped object, a reply, or an all-market array.</summary>
    private BinanceMessageKind ParsePayload(ref JsonScanner s, scoped ReadOnlySpan<byte> stream)
    {
        var c = s.Peek();
        if (c == (byte)'[')
        {
            return ParseArray(ref s);
        }

        if (c != (byte)'{')
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, "payload is not an object or array");
        }

        var objectStart = s.Position;
        if ((Utf8Swar.Load(s.Buffer, objectStart) & 0xFFFF_FFFF_FFFFUL) == EventTypeOpening)
        {
            // {"e":" — Binance's events; straight to the type.
            s.Position = objectStart + 5;
            return ParseEvent(ref s, s.ReadString("event type e is not a string"), first: false, stream);
        }

        s.Position++;
        var first = true;
        if (!s.NextKey(ref first, out var key))
        {
            return s.Failed
                ? Refuse(ref s, BinanceMessageKind.Malformed, s.Error!)
                : Refuse(ref s, BinanceMessageKind.Unknown, "empty object");
        }

        if (key.SequenceEqual("e"u8))
        {
            // Binance's events start with "e": dispatch and go on from here, without a second look at the object.
            var type = s.ReadString("event type e is not a string");
            return ParseEvent(ref s, type, first: false, stream);
        }

        // Anything else: find out what the object is, then parse it from its start.
        var shape = Classify(s, objectStart, key, out var eventType);
        s.Position = objectStart + 1;
        return shape switch
        {
            PayloadShape.Event => ParseEvent(ref s, eventType, first: true, stream),
            PayloadShape.DepthSnapshot => ParseDepthSnapshotShape(ref s, stream),
            PayloadShape.BookTicker => ParseBookTicker(ref s, first: true),
            PayloadShape.Control => ParseControl(ref s),
            PayloadShape.UserDataWrapper => SkipRest(ref s, BinanceMessageKind.UserData, null),
            PayloadShape.Malformed => Refuse(ref s, BinanceMessageKind.Malformed, "invalid JSON"),
            _ => SkipRest(ref s, BinanceMessageKind.Unknown, "object of an unknown shape"),
        };
    }

    /// <summary><c>{"e":"</c> as a little-endian word.</summary>
    private const ulong EventTypeOpening = 0x22_3A_22_65_22_7BUL;

    private enum PayloadShape : byte
    {
        Unknown,
        Malformed,
        Event,
        DepthSnapshot,
        BookTicker,
        Control,
        UserDataWrapper,
    }

    /// <summary>
    /// Decides what an object without a leading <c>e</c> is: an event (<c>e</c> anywhere), a depth snapshot
    /// (<c>lastUpdateId</c>: REST body or spot partial depth), a spot <c>bookTicker</c> (no <c>e</c>: <c>u</c>,
    /// <c>s</c>, <c>b</c>, <c>B</c>, <c>a</c>, <c>A</c>), a reply, or the WebSocket API's user-data wrapper. Binance's
    /// own first key answers at once (so an object starting with <c>u</c> is read as a bookTicker); otherwise the
    /// keys are read on a copy of the scanner.
    /// </summary>
    private static PayloadShape Classify(JsonScanner probe, int objectStart, ReadOnlySpan<byte> firstKey, out ReadOnlySpan<byte> eventType)
    {
        eventType = default;
        // Fast answers from the first key, which is how Binance orders these messages.
        if (firstKey.SequenceEqual("lastUpdateId"u8))
        {
            return PayloadShape.DepthSnapshot;
        }

        if (firstKey.SequenceEqual("u"u8))
        {
            return PayloadShape.BookTicker; // spot's bookTicker, which has no "e", starts with its update id
        }

        if (firstKey.SequenceEqual("result"u8) || firstKey.SequenceEqual("error"u8))
        {
            return PayloadShape.Control;
        }

        if (firstKey.SequenceEqual("subscriptionId"u8))
        {
            return PayloadShape.UserDataWrapper;
        }

        probe.Position = objectStart + 1;
        var first = true;
        var hasLastUpdateId = false;
        var control = false;
        var wrapper = false;
        var bookTickerFields = 0;
        while (probe.NextKey(ref first, out var key))
        {
            if (key.Length == 1)
            {
                switch (key[0])
                {
                    case (byte)'e':
                        if (!probe.ReadStringRaw(out eventType, out _))
                        {
                            return PayloadShape.Malformed;
                        }

                        return PayloadShape.Event;
                    case (byte)'u':
                        bookTickerFields |= 1;
                        break;
                    case (byte)'s':
                        bookTickerFields |= 2;
                        break;
                    case (byte)'b':
                        bookTickerFields |= 4;
                        break;
                    case (byte)'B':
                        bookTickerFields |= 8;
                        break;
                    case (byte)'a':
                        bookTickerFields |= 16;
                        break;
                    case (byte)'A':
                        bookTickerFields |= 32;
                        break;
                }
            }
            else if (key.SequenceEqual("lastUpdateId"u8))
            {
                hasLastUpdateId = true;
            }
            else if (key.SequenceEqual("result"u8) || key.SequenceEqual("error"u8) || key.SequenceEqual("code"u8))
            {
                control = true;
            }
            else if (key.SequenceEqual("subscriptionId"u8) || key.SequenceEqual("event"u8))
            {
                wrapper = true;
            }

            probe.SkipValue();
        }

        if (probe.Failed)
        {
            return PayloadShape.Malformed;
        }

        return hasLastUpdateId ? PayloadShape.DepthSnapshot
            : control ? PayloadShape.Control
            : bookTickerFields == 63 ? PayloadShape.BookTicker
            : wrapper ? PayloadShape.UserDataWrapper
            : PayloadShape.Unknown;
    }

    private BinanceMessageKind ParseEvent(ref JsonScanner s, scoped ReadOnlySpan<byte> type, bool first, scoped ReadOnlySpan<byte> stream)
    {
        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        // By length first, then the text: the common types cost one comparison.
        switch (type.Length)
        {
            case 11 when type.SequenceEqual("depthUpdate"u8):
                return ParseDepthUpdate(ref s, first, stream);
            case 10 when type.SequenceEqual("bookTicker"u8):
                return ParseBookTicker(ref s, first);
            case 5 when type.SequenceEqual("trade"u8):
                return ParseTrade(ref s, first, aggregate: false);
            case 8 when type.SequenceEqual("aggTrade"u8):
                return ParseTrade(ref s, first, aggregate: true);
            case 15 when type.SequenceEqual("markPriceUpdate"u8):
                return ParseMarkPrice(ref s, first);
            case 5 when type.SequenceEqual("kline"u8):
                return ParseKline(ref s, first);
            case 10 when type.SequenceEqual("forceOrder"u8):
                return ParseForceOrder(ref s, first);
            case 10 when type.SequenceEqual("24hrTicker"u8):
                return ParseTicker(ref s, first);
        }

        if (type.SequenceEqual("serverShutdown"u8))
        {
            return SkipRest(ref s, BinanceMessageKind.ServerShutdown, null, first);
        }

        if (IsUserDataEvent(type))
        {
            return SkipRest(ref s, BinanceMessageKind.UserData, null, first);
        }

        return SkipRest(ref s, BinanceMessageKind.Unknown, "unknown event type", first);
    }

    private static bool IsUserDataEvent(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("executionReport"u8) || type.SequenceEqual("outboundAccountPosition"u8)
        || type.SequenceEqual("balanceUpdate"u8) || type.SequenceEqual("listStatus"u8)
        || type.SequenceEqual("listenKeyExpired"u8) || type.SequenceEqual("eventStreamTerminated"u8)
        || type.SequenceEqual("externalLockUpdate"u8) || type.SequenceEqual("ORDER_TRADE_UPDATE"u8)
        || type.SequenceEqual("ACCOUNT_UPDATE"u8) || type.SequenceEqual("ALGO_UPDATE"u8)
        || type.SequenceEqual("TRADE_LITE"u8) || type.SequenceEqual("MARGIN_CALL"u8)
        || type.SequenceEqual("ACCOUNT_CONFIG_UPDATE"u8) || type.SequenceEqual("STRATEGY_UPDATE"u8)
        || type.SequenceEqual("GRID_UPDATE"u8) || type.SequenceEqual("CONDITIONAL_ORDER_TRIGGER_REJECT"u8);

    /// <summary>Skips the rest of the current object (checking its syntax) and reports <paramref name="kind"/>.</summary>
    private BinanceMessageKind SkipRest(ref JsonScanner s, BinanceMessageKind kind, string? reason, bool first = true)
    {
        while (s.NextKey(ref first, out _))
        {
            s.SkipValue();
        }

        if (s.Failed)
        {
            return Refuse(ref s, BinanceMessageKind.Malformed, s.Error!);
        }

        if (reason is not null)
        {
            _reason = reason;
        }

        return kind;
    }

    /// <summary>Ends a parse with a refusal: records the reason (the scanner's, when it failed first).</summary>
    private BinanceMessageKind Refuse(ref JsonScanner s, BinanceMessageKind kind, string reason)
    {
        if (s.Failed && kind == BinanceMessageKind.Malformed)
        {
            reason = s.Error!;
        }
        else if (kind == BinanceMessageKind.Malformed)
        {
            s.Fail(reason);
        }

        _reason = reason;
        return kind;
    }

    /// <summary>Resolves a symbol through a one-entry cache (most connections carry one or a few symbols), then the registry.</summary>
    private bool TryResolve(ReadOnlySpan<byte> symbol, out InstrumentId instrument)
    {
        if (symbol.Length == _lastSymbolLength && symbol.SequenceEqual(_lastSymbol.AsSpan(0, _lastSymbolLength)))
        {
            instrument = _lastInstrument;
            return true;
        }

        var lookup = _registry.Resolve(Market, symbol, out instrument);
        if (lookup is BinanceSymbolLookup.Found or BinanceSymbolLookup.Registered)
        {
            symbol.CopyTo(_lastSymbol);
            _lastSymbolLength = symbol.Length;
            _lastInstrument = instrument;
            return true;
        }

        _symbolFailure = lookup;
        return false;
    }

    private BinanceMessageKind UnknownSymbol() =>
        RefuseSymbol(_symbolFailure == BinanceSymbolLookup.Unknown ? "symbol not registered" : "symbol cannot name an instrument");

    private BinanceMessageKind RefuseSymbol(string reason)
    {
        _reason = reason;
        return BinanceMessageKind.UnknownSymbol;
    }

    /// <summary>The symbol part of a stream name (<c>btcusdt</c> in <c>btcusdt@depth20@100ms</c>); empty for <c>!</c> streams.</summary>
    private static ReadOnlySpan<byte> StreamSymbol(ReadOnlySpan<byte> stream)
    {
        var at = stream.IndexOf((byte)'@');
        return at <= 0 || stream[0] == (byte)'!' ? default : stream[..at];
    }

    /// <summary>True for <c>&lt;symbol&gt;@depth5</c>, <c>@depth10</c>, <c>@depth20</c> (any update speed): partial book depth.</summary>
    private static bool IsPartialDepthStream(ReadOnlySpan<byte> stream)
    {
        // Symbols have no '@': the first one starts "@depth" in every depth stream name (one byte search, not a substring one).
        var at = stream.IndexOf((byte)'@');
        if (at >= 0 && !stream[at..].StartsWith("@depth"u8))
        {
            at = stream.IndexOf("@depth"u8);
        }

        return at >= 0 && at + 6 < stream.Length && stream[at + 6] - (uint)'0' <= 9;
    }

    /// <summary>True for any depth stream name (diff or partial).</summary>
    private static bool IsDepthStream(ReadOnlySpan<byte> stream) => stream.IndexOf("@depth"u8) >= 0;
}
