using System.Collections.Concurrent;
using FlowSight.Core;
using FlowSight.Server.State;

namespace FlowSight.Server.Tests.Streaming;

/// <summary>
/// A replica the test drives by hand, for the push's protocol and pacing edge cases (books of any size at any time,
/// exact versions); the real stack's replica is used where the engine matters.
/// </summary>
internal sealed class TestStateReplica : IStateReplica
{
    public static readonly InstrumentId Btc = InstrumentId.Of("BTCUSDT-PERP", Venue.Binance);
    public static readonly InstrumentId Eth = InstrumentId.Of("ETHUSDT-PERP", Venue.Binance);

    private readonly ConcurrentDictionary<(ReplicaTopic, InstrumentId), long> _versions = new();
    private readonly ConcurrentDictionary<InstrumentId, BookView> _books = new();
    private readonly ConcurrentDictionary<InstrumentId, TradeView[]> _trades = new();
    private readonly ConcurrentDictionary<(InstrumentId, CandleInterval), CandleView[]> _candles = new();

    public IReadOnlyList<InstrumentView> Instruments { get; } =
    [
        new("BTCUSDT-PERP.BINANCE", "BINANCE", "BTCUSDT", "perpetual", "BTC", "USDT", "USDT", 0.1m, 0.001m, 0.001m, 5m, 1m, 1, 3),
        new("ETHUSDT-PERP.BINANCE", "BINANCE", "ETHUSDT", "perpetual", "ETH", "USDT", "USDT", 0.01m, 0.001m, 0.001m, 5m, 1m, 2, 3),
    ];

    public IReadOnlyList<PositionView> Positions { get; } = [];

    public AccountView Account { get; } = new("USDT", 10_000m, 0, 0, 0, 0, 0, [new BalanceView("USDT", 10_000m, 10_000m, "BINANCE")], []);

    public RiskView Risk { get; } = new("ACTIVE", null, false, 0, 0, []);

    public EngineView Engine { get; } = new(0, 0, 0, 0, 1024, 0, 0, 0, [], [], new GcView(0, 0, 0, 0, 0, 0, 0));

    /// <summary>A book with <paramref name="levels"/> levels a side around <paramref name="mid"/>; bumps the version.</summary>
    public long SetBook(InstrumentId instrument, decimal mid, int levels = 5)
    {
        var bids = new BookLevelView[levels];
        var asks = new BookLevelView[levels];
        for (var i = 0; i < levels; i++)
        {
            bids[i] = new BookLevelView(mid - 0.5m - (i * 0.1m), 1.5m + i);
            asks[i] = new BookLevelView(mid + 0.5m + (i * 0.1m), 2.5m + i);
        }

        // The state first, then the version, as the real replica publishes: a reader never sees a version without its state.
        var version = GetVersion(ReplicaTopic.Book, instrument) + 1;
        _books[instrument] = new BookView(instrument.Value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), version, true, bids, asks);
        Bump(ReplicaTopic.Book, instrument);
        return version;
    }

    /// <summary>Replaces the trades (newest first); bumps the version.</summary>
    public long SetTrades(InstrumentId instrument, params TradeView[] trades)
    {
        _trades[instrument] = trades;
        return Bump(ReplicaTopic.Trades, instrument);
    }

    /// <summary>Replaces one interval's candles (oldest first); bumps the instrument's candle version.</summary>
    public long SetCandles(InstrumentId instrument, CandleInterval interval, CandleView[] candles)
    {
        _candles[(instrument, interval)] = candles;
        return Bump(ReplicaTopic.Candles, instrument);
    }

    public bool TryGetInstrument(string id, out InstrumentId instrument)
    {
        foreach (var known in new[] { Btc, Eth })
        {
            if (string.Equals(known.Value, id, StringComparison.OrdinalIgnoreCase))
            {
                instrument = known;
                return true;
            }
        }

        instrument = default;
        return false;
    }

    public BookView? GetBook(InstrumentId instrument) => _books.TryGetValue(instrument, out var book) ? book : null;

    public IReadOnlyList<TradeView> GetTrades(InstrumentId instrument, int limit) =>
        _trades.TryGetValue(instrument, out var trades) ? trades.Take(limit).ToArray() : [];

    public IReadOnlyList<CandleView> GetCandles(InstrumentId instrument, CandleInterval interval, int limit) =>
        _candles.TryGetValue((instrument, interval), out var candles) ? candles.TakeLast(limit).ToArray() : [];

    public IReadOnlyList<OrderView> GetOrders(bool openOnly) => [];

    public IReadOnlyList<FillView> GetFills(int limit) => [];

    public long GetVersion(ReplicaTopic topic, InstrumentId instrument = default) =>
        _versions.TryGetValue((topic, instrument), out var version) ? version : 0;

    private long Bump(ReplicaTopic topic, InstrumentId instrument) => _versions.AddOrUpdate((topic, instrument), 1, (_, v) => v + 1);
}
