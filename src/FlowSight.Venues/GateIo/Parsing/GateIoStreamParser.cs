using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>
/// Parses Gate.io v4 WebSocket frames of spot and USDT futures — notifications
/// <c>{"time","time_ms","channel","event","result"}</c>, replies <c>{"id","channel","event","error","result"}</c> and
/// <c>*.pong</c> — into reusable outputs, without allocating. The market comes from each frame's channel prefix
/// (<c>spot.</c>, <c>futures.</c>), so one parser reads both. One parser per connection; not thread-safe.
/// </summary>
/// <remarks>
/// Built on <see cref="Utf8JsonReader"/>, which reads spans in place. Book levels are read into scratch tables first
/// because Gate may send the instrument (<c>s</c>) and the ids after the levels, and every <see cref="BookDelta"/>
/// carries them. Futures sizes are contracts and stay contracts. Values with more than 9 decimals lose
/// the digits past the ninth (<see cref="TruncatedValues"/>).
/// </remarks>
public sealed partial class GateIoStreamParser
{
    private const int MaxControlText = 256;
    private const long NanosPerMillisecond = 1_000_000;
    private const long NanosPerSecond = 1_000_000_000;

    private readonly GateIoSymbolRegistry _registry;
    private readonly BookDeltas _deltas = new(1024);
    private readonly byte[] _controlText = new byte[MaxControlText];
    private Level[] _asks = new Level[256];
    private Level[] _bids = new Level[256];
    private TradeTick[] _trades = new TradeTick[16];
    private int _askCount;
    private int _bidCount;
    private int _tradeCount;
    private int _controlTextLength;
    private QuoteTick _quote;
    private Candle _candle;
    private MarkPrice _markPrice;
    private FundingRate _fundingRate;
    private GateIoControlMessage _control;
    private string? _reason;
    private long _receiveTime;
    private long _truncatedValues;

    /// <summary>Creates a parser that resolves names through <paramref name="registry"/>.</summary>
    public GateIoStreamParser(GateIoSymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Bad and unknown frames, counted with a sample of the last one.</summary>
    public FrameDiagnostics<GateIoMessageKind> Diagnostics { get; } = new();

    /// <summary>Values whose tenth decimal was cut off to fit FlowSight's 9-decimal fixed point (see the remarks of the type).</summary>
    public long TruncatedValues => _truncatedValues;

    /// <summary>What the last frame was.</summary>
    public GateIoMessageKind LastKind { get; private set; }

    /// <summary>Why the last frame was refused (constant text), or null.</summary>
    public string? LastReason => _reason;

    /// <summary>The channel of the last frame.</summary>
    public GateIoChannel Channel { get; private set; }

    /// <summary>The market of the last frame's channel.</summary>
    public GateIoMarket Market { get; private set; }

    /// <summary>The instrument of the last notification.</summary>
    public InstrumentId Instrument { get; private set; }

    /// <summary>Gate's <c>time_ms</c> (or <c>time</c>) of the last frame, Unix nanoseconds; 0 when absent.</summary>
    public long FrameTime { get; private set; }

    /// <summary>The last book message: an update (<c>U</c> in <see cref="BookDeltas.FirstUpdateId"/>, <c>u</c> in <see cref="BookDeltas.LastUpdateId"/>) or a snapshot starting with a Clear delta.</summary>
    public BookDeltas Deltas => _deltas;

    /// <summary>The trades of the last <see cref="GateIoMessageKind.Trades"/> frame.</summary>
    public ReadOnlySpan<TradeTick> Trades => _trades.AsSpan(0, _tradeCount);

    /// <summary>The best bid and ask of the last <see cref="GateIoMessageKind.BookTicker"/> or <see cref="GateIoMessageKind.Ticker"/>.</summary>
    public ref readonly QuoteTick Quote => ref _quote;

    /// <summary>The last traded price of the last ticker.</summary>
    public Price LastPrice { get; private set; }

    /// <summary>The last <see cref="GateIoMessageKind.Candle"/>. Gate sends no trade count (0).</summary>
    public ref readonly Candle Candle => ref _candle;

    /// <summary>The mark and index price with the funding rate of the last <see cref="GateIoMessageKind.FuturesTicker"/> (Gate's ticker names no funding time: 0).</summary>
    public ref readonly MarkPrice MarkPrice => ref _markPrice;

    /// <summary>The funding rate of the last <see cref="GateIoMessageKind.FuturesTicker"/> (funding time and interval unknown from the ticker: 0).</summary>
    public ref readonly FundingRate FundingRate => ref _fundingRate;

    /// <summary>The last reply (<see cref="GateIoMessageKind.Control"/>).</summary>
    public ref readonly GateIoControlMessage Control => ref _control;

    /// <summary>The last reply's <c>error.message</c> (UTF-8, at most 256 bytes, as received), empty on success.</summary>
    public ReadOnlySpan<byte> ControlText => _controlText.AsSpan(0, _controlTextLength);

    /// <summary>
    /// Parses one frame. Returns what it was; the matching output holds the values until the next call.
    /// Never throws on bad input.
    /// </summary>
    /// <param name="frame">The frame's bytes, exactly as received.</param>
    /// <param name="receiveTime">When the frame was received, Unix nanoseconds.</param>
    public GateIoMessageKind Parse(ReadOnlySpan<byte> frame, long receiveTime)
    {
        _receiveTime = receiveTime;
        _reason = null;
        GateIoMessageKind kind;
        long position = -1;
        try
        {
            kind = ParseFrame(frame, ref position);
        }
        catch (JsonException ex)
        {
            position = ex.BytePositionInLine ?? -1;
            kind = Refuse(GateIoMessageKind.Malformed, "invalid JSON");
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or FormatException or InvalidOperationException)
        {
            // A value the reader accepted but a Core type refused: one bad frame, never an exception in the receive loop.
            kind = Refuse(GateIoMessageKind.Malformed, "a value out of range for its type");
        }

        Record(kind, frame, position);
        LastKind = kind;
        return kind;
    }

    private void Record(GateIoMessageKind kind, ReadOnlySpan<byte> frame, long position)
    {
        if (kind is GateIoMessageKind.Malformed or GateIoMessageKind.Unknown)
        {
            Diagnostics.Record(kind == GateIoMessageKind.Malformed ? FrameProblem.Malformed : FrameProblem.Unknown, kind, _reason ?? "unspecified", frame, position);
        }
    }

    private GateIoMessageKind ParseFrame(ReadOnlySpan<byte> frame, ref long position)
    {
        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(GateIoMessageKind.Malformed, "not a JSON object");
        }

        Channel = GateIoChannel.Unknown;
        Market = default;
        Instrument = default;
        FrameTime = 0;
        _controlTextLength = 0;
        var hasChannel = false;
        var eventKind = EventKind.None;
        var requestId = -1L;
        var errorCode = 0;
        var hasError = false;
        var hasResult = false;
        var kind = GateIoMessageKind.None;
        Utf8JsonReader pending = default;
        var resultPending = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    position = reader.TokenStartIndex;
                    return Refuse(GateIoMessageKind.Malformed, "channel is not a string");
                }

                hasChannel = ReadChannel(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                reader.Skip();
                eventKind = reader.TokenType != JsonTokenType.String ? EventKind.Other
                    : reader.ValueTextEquals("update"u8) ? EventKind.Update
                    : reader.ValueTextEquals("all"u8) ? EventKind.All
                    : reader.ValueTextEquals("subscribe"u8) ? EventKind.Subscribe
                    : reader.ValueTextEquals("unsubscribe"u8) ? EventKind.Unsubscribe
                    : reader.ValueSpan.IsEmpty ? EventKind.None
                    : EventKind.Other;
            }
            else if (reader.ValueTextEquals("time_ms"u8))
            {
                if (!TryReadInt64(ref reader, out var ms))
                {
                    return Refuse(GateIoMessageKind.Malformed, "time_ms is not an integer");
                }

                if (ms > 0)
                {
                    FrameTime = ms * NanosPerMillisecond;
                }
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                if (!TryReadInt64(ref reader, out var seconds))
                {
                    return Refuse(GateIoMessageKind.Malformed, "time is not an integer");
                }

                if (FrameTime == 0)
                {
                    FrameTime = seconds * NanosPerSecond;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt64(out requestId))
                {
                    requestId = -1;
                }

                reader.Skip(); // an id that is not a number (ours always are) is ignored, whatever its shape
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                if (!ReadError(ref reader, out hasError, out errorCode))
                {
                    position = reader.TokenStartIndex;
                    return Refuse(GateIoMessageKind.Malformed, "error is not null or {code, message}");
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                hasResult = true;
                if (hasChannel && eventKind is EventKind.Update or EventKind.All)
                {
                    kind = ParseResult(ref reader, frame, eventKind);
                    if (kind is GateIoMessageKind.Malformed or GateIoMessageKind.Unknown)
                    {
                        // The reader may have stopped inside the result: nothing after it can be trusted.
                        position = reader.TokenStartIndex;
                        return kind;
                    }
                }
                else
                {
                    // Replies carry {"status":"success"}; a notification whose channel comes later is parsed once known.
                    pending = reader;
                    resultPending = true;
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            position = reader.TokenStartIndex;
            return Refuse(GateIoMessageKind.Malformed, "trailing content after the JSON object");
        }

        if (Channel == GateIoChannel.Pong)
        {
            return GateIoMessageKind.Pong;
        }

        if (eventKind is EventKind.Subscribe or EventKind.Unsubscribe || hasError)
        {
            var control = eventKind switch
            {
                EventKind.Subscribe => GateIoControlEvent.Subscribe,
                EventKind.Unsubscribe => GateIoControlEvent.Unsubscribe,
                _ => GateIoControlEvent.Other,
            };
            _control = new GateIoControlMessage(control, Channel, Market, requestId, hasError ? Math.Max(errorCode, 1) : 0);
            return GateIoMessageKind.Control;
        }

        if (!hasChannel)
        {
            return Refuse(GateIoMessageKind.Unknown, "a channel this parser does not handle");
        }

        if (eventKind is not (EventKind.Update or EventKind.All) || !hasResult)
        {
            return Refuse(GateIoMessageKind.Unknown, "neither a reply nor a notification");
        }

        if (resultPending)
        {
            kind = ParseResult(ref pending, frame, eventKind);
        }

        return kind;
    }

    private bool ReadChannel(ReadOnlySpan<byte> name)
    {
        ReadOnlySpan<byte> rest;
        if (name.StartsWith("spot."u8))
        {
            Market = GateIoMarket.Spot;
            rest = name[5..];
        }
        else if (name.StartsWith("futures."u8))
        {
            Market = GateIoMarket.UsdtFutures;
            rest = name[8..];
        }
        else
        {
            return false;
        }

        Channel = rest switch
        {
            _ when rest.SequenceEqual("order_book_update"u8) => GateIoChannel.OrderBookUpdate,
            _ when rest.SequenceEqual("order_book"u8) => GateIoChannel.OrderBook,
            _ when rest.SequenceEqual("book_ticker"u8) => GateIoChannel.BookTicker,
            _ when rest.SequenceEqual("trades"u8) => GateIoChannel.Trades,
            _ when rest.SequenceEqual("tickers"u8) => GateIoChannel.Tickers,
            _ when rest.SequenceEqual("candlesticks"u8) => GateIoChannel.Candlesticks,
            _ when rest.SequenceEqual("pong"u8) => GateIoChannel.Pong,
            _ when rest.SequenceEqual("ping"u8) => GateIoChannel.Ping,
            _ => GateIoChannel.Unknown,
        };
        return Channel != GateIoChannel.Unknown;
    }

    /// <summary>Reads <c>error</c>: null, or <c>{"code":n,"message":"..."}</c>.</summary>
    private bool ReadError(ref Utf8JsonReader reader, out bool hasError, out int code)
    {
        hasError = false;
        code = 0;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        hasError = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                if (!(reader.TokenType == JsonTokenType.Number ? reader.TryGetInt32(out code)
                    : reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out code, out _)))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var text = reader.ValueSpan;
                    _controlTextLength = Math.Min(text.Length, MaxControlText);
                    text[.._controlTextLength].CopyTo(_controlText);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private GateIoMessageKind ParseResult(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, EventKind eventKind) => Channel switch
    {
        GateIoChannel.OrderBookUpdate when eventKind == EventKind.Update => ParseBook(ref reader, frame, snapshot: false),
        // Spot pushes its snapshot as "update", futures as "all"; the futures "update" of this legacy channel is a list of changes.
        GateIoChannel.OrderBook when Market == GateIoMarket.Spot || eventKind == EventKind.All => ParseBook(ref reader, frame, snapshot: true),
        GateIoChannel.BookTicker => ParseBookTicker(ref reader, frame),
        GateIoChannel.Trades => ParseTrades(ref reader, frame),
        GateIoChannel.Tickers => Market == GateIoMarket.Spot ? ParseSpotTicker(ref reader, frame) : ParseFuturesTickers(ref reader, frame),
        GateIoChannel.Candlesticks => ParseCandles(ref reader, frame),
        _ => SkipUnknown(ref reader),
    };

    private GateIoMessageKind SkipUnknown(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return Refuse(GateIoMessageKind.Unknown, "a channel or event this parser does not handle");
    }

    /// <summary>Resolves a name found at <paramref name="start"/> (offsets into the frame, which outlives the call).</summary>
    private bool ResolveInstrument(ReadOnlySpan<byte> frame, int start, int length)
    {
        if (length <= 0 || !_registry.Resolve(Market, frame.Slice(start, length), out var instrument))
        {
            return false;
        }

        Instrument = instrument;
        return true;
    }

    /// <summary>Keeps where a string value sits in the frame (no allocation); false when it is not a plain string.</summary>
    private static bool ReadNameOffsets(ref Utf8JsonReader reader, out int start, out int length)
    {
        start = 0;
        length = 0;
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        // The string token starts at its opening quote.
        start = (int)reader.TokenStartIndex + 1;
        length = reader.ValueSpan.Length;
        return true;
    }

    private GateIoMessageKind Refuse(GateIoMessageKind kind, string reason)
    {
        _reason = reason;
        return kind;
    }

    /// <summary>Reads an integer sent as a number or as a string of digits.</summary>
    private static bool TryReadInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        reader.Read();
        return reader.TokenType == JsonTokenType.Number
            ? reader.TryGetInt64(out value)
            : reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length;
    }

    /// <summary>Reads a price sent as a string (or number); an empty string (no level) reads as default.</summary>
    private bool ReadPrice(ref Utf8JsonReader reader, out Price value)
    {
        value = default;
        reader.Read();
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            && (reader.ValueSpan.IsEmpty || Price.TryParse(Fit(reader.ValueSpan), out value, out _));
    }

    /// <summary>Reads a size sent as a string (spot) or an integer number of contracts (futures); empty reads as default.</summary>
    private bool ReadQuantity(ref Utf8JsonReader reader, out Quantity value)
    {
        value = default;
        reader.Read();
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            && (reader.ValueSpan.IsEmpty || Quantity.TryParse(Fit(reader.ValueSpan), out value, out _));
    }

    /// <summary>
    /// FlowSight's fixed point holds 9 decimals; Gate pads some values to 10 (spot trades: <c>"121.5800000000"</c>) and
    /// a few spot amounts really have 10 (<c>"153.1893464532"</c>). Padding zeros are dropped; a genuine tenth decimal
    /// is cut off (a change of at most 1e-9 of a base unit, which the next absolute size replaces) and counted in
    /// <see cref="TruncatedValues"/>, rather than losing the whole frame.
    /// </summary>
    private ReadOnlySpan<byte> Fit(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot < 0 || text.Length - dot - 1 <= Price.MaxPrecision)
        {
            return text;
        }

        var end = text.Length;
        while (end > dot + 1 + Price.MaxPrecision && text[end - 1] == (byte)'0')
        {
            end--;
        }

        if (end > dot + 1 + Price.MaxPrecision)
        {
            end = dot + 1 + Price.MaxPrecision;
            _truncatedValues++;
        }

        return text[..end];
    }

    private enum EventKind : byte
    {
        None,
        Update,
        All,
        Subscribe,
        Unsubscribe,
        Other,
    }

    private readonly record struct Level(Price Price, Quantity Size);
}
