using System.Buffers.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Okx.Parsing;

/// <summary>
/// Parses OKX v5 public WebSocket frames — pushes <c>{"arg":{"channel","instId"},"action","data":[...]}</c>, control
/// replies <c>{"event",...}</c> and the text <c>pong</c> — into reusable outputs, without allocating. One parser per
/// connection; not thread-safe.
/// </summary>
/// <remarks>
/// Built on <see cref="Utf8JsonReader"/>, which reads spans in place. Book levels are first read into a scratch table
/// because OKX sends <c>seqId</c> and <c>ts</c> after the levels, and every <see cref="BookDelta"/> carries them.
/// </remarks>
public sealed partial class OkxStreamParser
{
    private const int MaxControlText = 256;

    private readonly OkxSymbolRegistry _registry;
    private readonly BookDeltas _deltas = new(1024);
    private readonly byte[] _controlText = new byte[MaxControlText];
    private Level[] _asks = new Level[512];
    private Level[] _bids = new Level[512];
    private TradeTick[] _trades = new TradeTick[16];
    private int _askCount;
    private int _bidCount;
    private int _tradeCount;
    private int _controlTextLength;
    private QuoteTick _quote;
    private Candle _candle;
    private MarkPrice _markPrice;
    private FundingRate _fundingRate;
    private OpenInterest _openInterest;
    private CandleInterval _candleInterval;
    private OkxControlMessage _control;
    private string? _reason;
    private long _receiveTime;

    // The fused path (BookSink): where the update being parsed stands, and the last instId resolved.
    private const int SinkNone = 0;
    private const int SinkOpen = 1; // levels going in; the frame not finished
    private const int SinkDone = 2; // every level in, all accepted by the book
    private const int SinkDoneInvalid = 3; // every level in, some refused by the book
    private int _sinkState;
    private L2OrderBook? _sinkBook;
    private OkxUpdateHeader _sinkHeader;
    private readonly byte[] _lastInstId = new byte[OkxSymbolRegistry.MaxInstIdLength];
    private int _lastInstIdLength;
    private InstrumentId _lastInstrument;
    private object? _lastInstIdVersion;

    private enum SinkParse
    {
        NotTaken,
        Taken,
        Failed,
    }

    /// <summary>Creates a parser that resolves instIds through <paramref name="registry"/>.</summary>
    public OkxStreamParser(OkxSymbolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Bad and unknown frames, counted with a sample of the last one.</summary>
    public FrameDiagnostics<OkxMessageKind> Diagnostics { get; } = new();

    /// <summary>What the last frame was.</summary>
    public OkxMessageKind LastKind { get; private set; }

    /// <summary>Why the last frame was refused (constant text), or null.</summary>
    public string? LastReason => _reason;

    /// <summary>The channel of the last push or control reply.</summary>
    public OkxChannel Channel { get; private set; }

    /// <summary>The instrument of the last push.</summary>
    public InstrumentId Instrument { get; private set; }

    /// <summary>The last book push (<see cref="OkxMessageKind.Book"/>): a snapshot starts with a Clear delta and is <see cref="BookDeltas.IsSnapshot"/>.</summary>
    public BookDeltas Deltas => _deltas;

    /// <summary>
    /// Where <c>books</c> updates go level by level when it takes them (the fused path; see <see cref="IOkxBookSink"/>).
    /// Null (the default): every book push is parsed into <see cref="Deltas"/>.
    /// </summary>
    public IOkxBookSink? BookSink { get; set; }

    /// <summary>
    /// True when the last <see cref="OkxMessageKind.Book"/> went to <see cref="BookSink"/>, which applied it (or failed
    /// it): do not apply <see cref="Deltas"/> again (it holds the header, and the levels only if the sink kept them).
    /// </summary>
    public bool UpdateTaken { get; private set; }

    /// <summary>The last book push's CRC32 <c>checksum</c>, or null when it had none.</summary>
    public int? Checksum => _deltas.Checksum;

    /// <summary>The trades of the last <see cref="OkxMessageKind.Trades"/> push.</summary>
    public ReadOnlySpan<TradeTick> Trades => _trades.AsSpan(0, _tradeCount);

    /// <summary>The best bid and ask of the last <see cref="OkxMessageKind.Ticker"/> push.</summary>
    public ref readonly QuoteTick Quote => ref _quote;

    /// <summary>The last traded price of the last ticker (<c>last</c>).</summary>
    public Price LastPrice { get; private set; }

    /// <summary>The last traded size of the last ticker (<c>lastSz</c>).</summary>
    public Quantity LastSize { get; private set; }

    /// <summary>The last <see cref="OkxMessageKind.Candle"/>: OKX sends no trade count (0) and no event time (the open time).</summary>
    public ref readonly Candle Candle => ref _candle;

    /// <summary>The last <see cref="OkxMessageKind.MarkPrice"/> (only <see cref="Core.MarkPrice.Mark"/>; OKX sends funding separately).</summary>
    public ref readonly MarkPrice MarkPrice => ref _markPrice;

    /// <summary>The last <see cref="OkxMessageKind.FundingRate"/>: the rate for the coming <c>fundingTime</c>.</summary>
    public ref readonly FundingRate FundingRate => ref _fundingRate;

    /// <summary>The last <see cref="OkxMessageKind.OpenInterest"/>: <c>oi</c> (contracts for derivatives) and <c>oiUsd</c> when sent.</summary>
    public ref readonly OpenInterest OpenInterest => ref _openInterest;

    /// <summary>The last control reply (<see cref="OkxMessageKind.Control"/>).</summary>
    public ref readonly OkxControlMessage Control => ref _control;

    /// <summary>The last control reply's <c>msg</c> (UTF-8, at most 256 bytes, as received).</summary>
    public ReadOnlySpan<byte> ControlText => _controlText.AsSpan(0, _controlTextLength);

    /// <summary>
    /// Parses one frame. Returns what it was; the matching output holds the values until the next call.
    /// Never throws on bad input.
    /// </summary>
    /// <param name="frame">The frame's bytes, exactly as received.</param>
    /// <param name="receiveTime">When the frame was received, Unix nanoseconds.</param>
    public OkxMessageKind Parse(ReadOnlySpan<byte> frame, long receiveTime)
    {
        _receiveTime = receiveTime;
        _reason = null;
        UpdateTaken = false;
        _sinkState = SinkNone;
        OkxMessageKind kind;
        long position = -1;
        try
        {
            kind = ParseFrame(frame, ref position);
        }
        catch (JsonException ex)
        {
            position = ex.BytePositionInLine ?? -1;
            kind = Refuse(OkxMessageKind.Malformed, "invalid JSON");
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or FormatException)
        {
            // A value the reader accepted but a Core type refused: one bad frame, never an exception in the receive loop.
            kind = Refuse(OkxMessageKind.Malformed, "a value out of range for its type");
        }

        if (kind is OkxMessageKind.Malformed or OkxMessageKind.Unknown)
        {
            Diagnostics.Record(kind == OkxMessageKind.Malformed ? FrameProblem.Malformed : FrameProblem.Unknown, kind, _reason ?? "unspecified", frame, position);
        }

        LastKind = kind;
        if (_sinkState != SinkNone)
        {
            // Outside the try: what the sink does with the update (listeners included) is not a parse error.
            FinishSinkUpdate(kind);
        }

        return kind;
    }

    private OkxMessageKind ParseFrame(ReadOnlySpan<byte> frame, ref long position)
    {
        if (TryParseBookFast(frame))
        {
            return OkxMessageKind.Book;
        }

        var trimmed = frame.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("pong"u8))
        {
            return OkxMessageKind.Pong;
        }

        var reader = new Utf8JsonReader(frame);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Refuse(OkxMessageKind.Malformed, "not a JSON object");
        }

        Channel = OkxChannel.Unknown;
        Instrument = default;
        var hasArg = false;
        var hasData = false;
        var hasInstrument = false;
        var snapshot = false;
        var hasEvent = false;
        var controlEvent = OkxControlEvent.Other;
        var code = 0;
        var instStart = 0;
        var instLength = 0;
        _controlTextLength = 0;
        OkxMessageKind dataKind = OkxMessageKind.None;
        Utf8JsonReader pending = default;
        var dataPending = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arg"u8))
            {
                if (!ReadArg(ref reader, out instStart, out instLength))
                {
                    position = reader.TokenStartIndex;
                    return Refuse(OkxMessageKind.Malformed, "arg is not an object of strings");
                }

                hasArg = true;
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                snapshot = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("snapshot"u8);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    position = reader.TokenStartIndex;
                    return Refuse(OkxMessageKind.Malformed, "data is not an array");
                }

                hasData = true;
                if (hasArg)
                {
                    if (!ResolveInstrument(frame, instStart, instLength, ref hasInstrument, out var refused))
                    {
                        return refused;
                    }

                    dataKind = ParseData(ref reader, snapshot);
                    if (dataKind == OkxMessageKind.Malformed)
                    {
                        position = reader.TokenStartIndex;
                        return dataKind;
                    }
                }
                else
                {
                    // Unusual order (data before arg): come back to it once the channel is known.
                    pending = reader;
                    dataPending = true;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                hasEvent = true;
                controlEvent = reader.ValueTextEquals("subscribe"u8) ? OkxControlEvent.Subscribed
                    : reader.ValueTextEquals("unsubscribe"u8) ? OkxControlEvent.Unsubscribed
                    : reader.ValueTextEquals("error"u8) ? OkxControlEvent.Error
                    : reader.ValueTextEquals("notice"u8) ? OkxControlEvent.Notice
                    : reader.ValueTextEquals("login"u8) ? OkxControlEvent.Login
                    : OkxControlEvent.Other;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                // OKX sends the code as a string ("60012"); accept a number too.
                if (!(reader.TokenType == JsonTokenType.Number ? reader.TryGetInt32(out code)
                    : reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || Utf8Parser.TryParse(reader.ValueSpan, out code, out _))))
                {
                    return Refuse(OkxMessageKind.Malformed, "code is not an integer");
                }
            }
            else if (reader.ValueTextEquals("msg"u8))
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

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            position = reader.TokenStartIndex;
            return Refuse(OkxMessageKind.Malformed, "trailing content after the JSON object");
        }

        if (hasEvent)
        {
            _control = new OkxControlMessage(controlEvent, Channel, code);
            return OkxMessageKind.Control;
        }

        if (!hasData)
        {
            return Refuse(OkxMessageKind.Unknown, "neither an event nor data");
        }

        if (!hasArg)
        {
            // A WebSocket trading reply ({"id","op":"order","data":[...]}) has data but no arg: not market data.
            return Refuse(OkxMessageKind.Unknown, "data without arg (an op reply)");
        }

        if (dataPending)
        {
            if (!ResolveInstrument(frame, instStart, instLength, ref hasInstrument, out var refused))
            {
                return refused;
            }

            dataKind = ParseData(ref pending, snapshot);
        }

        return dataKind;
    }

    private bool ResolveInstrument(ReadOnlySpan<byte> frame, int start, int length, ref bool resolved, out OkxMessageKind refused)
    {
        refused = OkxMessageKind.None;
        if (resolved)
        {
            return true;
        }

        if (Channel == OkxChannel.Unknown)
        {
            // Nothing to resolve for a channel we skip.
            return true;
        }

        if (length == 0 || !_registry.Resolve(frame.Slice(start, length), out var instrument))
        {
            refused = Refuse(OkxMessageKind.Malformed, "arg.instId is missing or not a valid OKX instId");
            return false;
        }

        Instrument = instrument;
        resolved = true;
        return true;
    }

    private bool ReadArg(ref Utf8JsonReader reader, out int instStart, out int instLength)
    {
        instStart = 0;
        instLength = 0;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                Channel = ChannelOf(reader.ValueSpan);
                if (Channel == OkxChannel.Candle && !OkxCandleIntervals.TryParse(reader.ValueSpan["candle".Length..], out _candleInterval))
                {
                    Channel = OkxChannel.Unknown;
                }
            }
            else if (reader.ValueTextEquals("instId"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return false;
                }

                // The string token starts at its opening quote; the frame outlives this call, so keep offsets.
                instStart = (int)reader.TokenStartIndex + 1;
                instLength = reader.ValueSpan.Length;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static OkxChannel ChannelOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("books"u8) => OkxChannel.Books,
        _ when name.SequenceEqual("books5"u8) => OkxChannel.Books5,
        _ when name.SequenceEqual("bbo-tbt"u8) => OkxChannel.BboTbt,
        _ when name.SequenceEqual("books-l2-tbt"u8) => OkxChannel.BooksL2Tbt,
        _ when name.SequenceEqual("books50-l2-tbt"u8) => OkxChannel.Books50L2Tbt,
        _ when name.SequenceEqual("trades"u8) => OkxChannel.Trades,
        _ when name.SequenceEqual("tickers"u8) => OkxChannel.Tickers,
        _ when name.SequenceEqual("mark-price"u8) => OkxChannel.MarkPrice,
        _ when name.SequenceEqual("funding-rate"u8) => OkxChannel.FundingRate,
        _ when name.SequenceEqual("open-interest"u8) => OkxChannel.OpenInterest,
        _ when name.StartsWith("candle"u8) && OkxCandleIntervals.TryParse(name["candle".Length..], out _) => OkxChannel.Candle,
        _ => OkxChannel.Unknown,
    };

    private OkxMessageKind ParseData(ref Utf8JsonReader reader, bool snapshot) => Channel switch
    {
        OkxChannel.Books or OkxChannel.BooksL2Tbt or OkxChannel.Books50L2Tbt => ParseBook(ref reader, snapshot),
        // books5 and bbo-tbt carry no action: every push is the whole (shallow) book.
        OkxChannel.Books5 or OkxChannel.BboTbt => ParseBook(ref reader, true),
        OkxChannel.Trades => ParseTrades(ref reader),
        OkxChannel.Tickers => ParseTicker(ref reader),
        OkxChannel.Candle => ParseCandle(ref reader),
        OkxChannel.MarkPrice or OkxChannel.FundingRate or OkxChannel.OpenInterest => ParseDerivatives(ref reader),
        _ => SkipUnknown(ref reader),
    };

    private OkxMessageKind SkipUnknown(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return Refuse(OkxMessageKind.Unknown, "a channel this parser does not handle");
    }

    private OkxMessageKind Refuse(OkxMessageKind kind, string reason)
    {
        _reason = reason;
        return kind;
    }

    /// <summary>Reads a JSON string holding decimal digits (OKX sends times and ids as strings).</summary>
    private static bool TryReadInt64String(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length
            : reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    private readonly record struct Level(Price Price, Quantity Size);
}
