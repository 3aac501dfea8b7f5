using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowSight.Core;
using FlowSight.Server.Hosting;
using FlowSight.Server.State;

namespace FlowSight.Server.Streaming;

/// <summary>
/// Writes the push's messages into one reused buffer per client (no allocation per message but the replica's own
/// snapshots): <c>subscribed</c>, <c>error</c>, <c>pong</c> and <c>data</c> with the topic's view.
/// </summary>
internal sealed class StreamMessageWriter : IDisposable
{
    /// <summary>Trades per push, newest first.</summary>
    public const int TradesPerPush = 50;

    /// <summary>Candles in the first push of a subscription (the chart's history).</summary>
    public const int CandlesFirstPush = 500;

    /// <summary>Candles in later pushes (the open one and the one it replaced, which may just have closed).</summary>
    public const int CandlesPerPush = 2;

    /// <summary>Orders beyond the open ones, and fills, per push.</summary>
    public const int RecentOrdersPerPush = 50;

    private static readonly JsonTypeInfo<BookView> BookType = TypeOf<BookView>();
    private static readonly JsonTypeInfo<TradeView> TradeType = TypeOf<TradeView>();
    private static readonly JsonTypeInfo<CandleView> CandleType = TypeOf<CandleView>();
    private static readonly JsonTypeInfo<OrderView> OrderType = TypeOf<OrderView>();
    private static readonly JsonTypeInfo<FillView> FillType = TypeOf<FillView>();
    private static readonly JsonTypeInfo<PositionView> PositionType = TypeOf<PositionView>();
    private static readonly JsonTypeInfo<AccountView> AccountType = TypeOf<AccountView>();
    private static readonly JsonTypeInfo<RiskView> RiskType = TypeOf<RiskView>();
    private static readonly JsonTypeInfo<EngineView> EngineType = TypeOf<EngineView>();

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public StreamMessageWriter() =>
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = ServerJson.Options.Encoder, SkipValidation = true });

    /// <summary>The last message written.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    /// <summary>The buffer's size (it keeps the largest message's; nothing else is kept per client).</summary>
    public int Capacity => _buffer.Capacity;

    /// <summary><c>{"type":"pong"}</c>.</summary>
    public void WritePong()
    {
        Begin("pong");
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <summary><c>{"type":"error","message":…}</c>.</summary>
    public void WriteError(string message)
    {
        Begin("error");
        _json.WriteString("message"u8, message);
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <summary><c>{"type":"subscribed","topic":…,"instrument":…,"interval":…}</c> (instrument and interval when they apply).</summary>
    public void WriteSubscribed(StreamSubscription subscription)
    {
        Begin("subscribed");
        WriteKey(subscription);
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <summary>
    /// <c>{"type":"data","topic":…,"instrument":…,"data":…}</c> with the replica's latest state for the subscription;
    /// false (nothing written) when there is none yet (a book before its first snapshot).
    /// </summary>
    public bool WriteData(StreamSubscription subscription, IStateReplica replica)
    {
        BookView? book = null;
        if (subscription.Topic == ReplicaTopic.Book)
        {
            book = replica.GetBook(subscription.Instrument);
            if (book is null)
            {
                _buffer.ResetWrittenCount();
                return false;
            }
        }

        Begin("data");
        WriteKey(subscription);
        _json.WritePropertyName("data"u8);
        switch (subscription.Topic)
        {
            case ReplicaTopic.Book:
                JsonSerializer.Serialize(_json, book!, BookType);
                break;
            case ReplicaTopic.Trades:
                WriteArray(replica.GetTrades(subscription.Instrument, TradesPerPush), TradeType);
                break;
            case ReplicaTopic.Candles:
                WriteArray(replica.GetCandles(subscription.Instrument, subscription.Interval, subscription.Primed ? CandlesPerPush : CandlesFirstPush), CandleType);
                break;
            case ReplicaTopic.Orders:
                WriteOrders(replica);
                break;
            case ReplicaTopic.Positions:
                WriteArray(replica.Positions, PositionType);
                break;
            case ReplicaTopic.Account:
                JsonSerializer.Serialize(_json, replica.Account, AccountType);
                break;
            case ReplicaTopic.Risk:
                JsonSerializer.Serialize(_json, replica.Risk, RiskType);
                break;
            case ReplicaTopic.Engine:
                JsonSerializer.Serialize(_json, replica.Engine, EngineType);
                break;
            default:
                _json.WriteNullValue();
                break;
        }

        _json.WriteEndObject();
        _json.Flush();
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();

    /// <summary>The cached serialisation contract of <typeparamref name="T"/> under <see cref="ServerJson.Options"/>.</summary>
    internal static JsonTypeInfo<T> TypeOf<T>()
    {
        // Options fill in their reflection resolver on first use; asking for a contract before that needs it filled.
        var options = ServerJson.Options;
        if (!options.IsReadOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    private void Begin(string type)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
    }

    private void WriteKey(StreamSubscription subscription)
    {
        _json.WriteString("topic"u8, StreamTopics.NameOf(subscription.Topic));
        if (subscription.InstrumentName is not null)
        {
            _json.WriteString("instrument"u8, subscription.InstrumentName);
        }

        if (subscription.Topic == ReplicaTopic.Candles)
        {
            _json.WriteString("interval"u8, subscription.Interval.ToCode());
        }
    }

    private void WriteArray<T>(IReadOnlyList<T> items, JsonTypeInfo<T> type)
    {
        _json.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            JsonSerializer.Serialize(_json, items[i], type);
        }

        _json.WriteEndArray();
    }

    // The open orders, then the latest ones of any status not already written (newest first); the latest fills.
    private void WriteOrders(IStateReplica replica)
    {
        var open = replica.GetOrders(openOnly: true);
        var recent = replica.GetOrders(openOnly: false);
        _json.WriteStartObject();
        _json.WritePropertyName("orders"u8);
        _json.WriteStartArray();
        for (var i = 0; i < open.Count; i++)
        {
            JsonSerializer.Serialize(_json, open[i], OrderType);
        }

        for (var i = 0; i < recent.Count && i < RecentOrdersPerPush; i++)
        {
            if (!Contains(open, recent[i].ClientOrderId))
            {
                JsonSerializer.Serialize(_json, recent[i], OrderType);
            }
        }

        _json.WriteEndArray();
        _json.WritePropertyName("fills"u8);
        WriteArray(replica.GetFills(RecentOrdersPerPush), FillType);
        _json.WriteEndObject();
    }

    private static bool Contains(IReadOnlyList<OrderView> orders, string clientOrderId)
    {
        for (var i = 0; i < orders.Count; i++)
        {
            if (string.Equals(orders[i].ClientOrderId, clientOrderId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
