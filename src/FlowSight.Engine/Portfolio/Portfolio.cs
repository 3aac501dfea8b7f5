using FlowSight.Core;
using FlowSight.Engine.Bus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowSight.Engine.Portfolio;

/// <summary>
/// The accounts as the engine sees them, on the engine thread: balances per venue account and asset, positions per
/// instrument (net mode, or hedge-mode long and short legs), realised and unrealised PnL, fees per asset, funding,
/// margin, Binance USDⓈ-M liquidation prices, equity over time and the day's PnL — per account and in total. Fed by the bus (<see cref="Subscribe"/>):
/// <see cref="OrderFilled"/>, <see cref="Core.MarkPrice"/> (mark and funding schedule), <see cref="FundingRate"/> (OKX's
/// funding schedule), and the venue's
/// <see cref="BalanceReport"/> and <see cref="PositionStatusReport"/> at reconciliation, which win when they disagree.
/// </summary>
/// <remarks>
/// Amounts are kept as raw longs at 8 decimals and every rounding is the paper venue's (FlowSight.Simulator
/// SimulatedAccounts): entry notional is the sum of opening fills' notionals, a close realises ±(fill notional − the
/// closed share of the entry notional, truncated), funding is rounded toward negative infinity. So positions, PnL and
/// funding equal the venue's own account to the unit. Spot fills move base and quote balances; spot positions are
/// tracked from fills for exposure and the day's PnL but are not added to equity (the balances already hold them).
/// <para>
/// Accounts: every instrument belongs to one <see cref="VenueAccount"/> (<see cref="AssignAccount"/>; the trading node
/// assigns each execution client's instruments to its account, and an execution client is the only one trading its
/// instruments, so positions per instrument are per account). Its fills, fees, funding and PnL move that account's
/// balances; <see cref="BalanceReport"/>s set the balances of the account they name. Cross-margin liquidation prices
/// use the account's own wallet and positions. <see cref="Equity"/>, <see cref="DailyPnl"/>, <see cref="MarginUsed"/>
/// and <see cref="Balance(string)"/> are totals over every account; the <c>Account…</c> members give one account's.
/// </para>
/// </remarks>
public sealed partial class Portfolio :
    IPortfolioView,
    IEventHandler<OrderFilled>,
    IEventHandler<MarkPrice>,
    IEventHandler<FundingRate>,
    IEventHandler<BalanceReport>,
    IEventHandler<PositionStatusReport>,
    IEventHandler<TradeTick>
{
    /// <summary>Decimals of every amount the portfolio keeps (balances, notionals, PnL, fees, funding).</summary>
    public const byte AmountPrecision = LeverageBracketTable.AmountPrecision;

    private readonly PortfolioOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<InstrumentId, TrackedInstrument> _byId = [];
    private readonly List<TrackedInstrument> _instruments = [];
    private readonly List<AccountBook> _accounts = [];
    private readonly Dictionary<string, long> _fees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Price> _assetPrices = new(StringComparer.Ordinal);
    private readonly EquityCurve _equityCurve;
    private readonly long _sampleIntervalNs;
    private long _nextSampleNs;
    private long _dayStartNs;
    private long _dayRealizedRaw;
    private long _dayStartUnrealizedRaw;
    private long _fundingRaw;

    /// <summary>Creates an empty portfolio; add instruments with <see cref="AddInstrument"/>.</summary>
    /// <param name="options">Valuation currency, equity sampling, default leverage.</param>
    /// <param name="time">The clock for the UTC day and equity samples (a FakeTimeProvider in tests).</param>
    /// <param name="logger">Told when the venue's reports correct the portfolio.</param>
    public Portfolio(PortfolioOptions? options = null, TimeProvider? time = null, ILogger<Portfolio>? logger = null)
    {
        _options = options ?? new PortfolioOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DefaultLeverage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.EquitySampleInterval, TimeSpan.Zero);
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _equityCurve = new EquityCurve(_options.EquityCurveCapacity);
        _sampleIntervalNs = _options.EquitySampleInterval.Ticks * 100;
        _dayStartNs = DayStart(NowNs());
    }

    /// <summary>The currency of equity, PnL and notionals.</summary>
    public string ValuationCurrency => _options.ValuationCurrency;

    /// <summary>Sampled equity of every account, oldest first.</summary>
    public EquityCurve EquityCurve => _equityCurve;

    /// <summary>
    /// One venue account's sampled equity, oldest first, taken at the same times as <see cref="EquityCurve"/> (whose
    /// points are the sums of the accounts'); from the account's first balance or instrument on. Null for an account
    /// the portfolio does not know.
    /// </summary>
    public EquityCurve? AccountEquityCurve(VenueAccount account) => FindBook(account)?.EquityCurve;

    /// <summary>Times a venue position report disagreed with the portfolio and replaced its position.</summary>
    public long PositionCorrections { get; private set; }

    /// <summary>Times a venue balance report disagreed with a balance the portfolio already had.</summary>
    public long BalanceCorrections { get; private set; }

    /// <summary>Events about instruments the portfolio does not know, ignored.</summary>
    public long UnknownInstrumentEvents { get; private set; }

    /// <summary>Funding received (positive) or paid (negative) since start, valued in <see cref="ValuationCurrency"/>.</summary>
    public decimal TotalFunding => Amount(_fundingRaw);

    /// <summary>
    /// Tracks <paramref name="instrument"/>. Perpetuals use <paramref name="brackets"/> for maintenance margin; by
    /// default the paper venue's choice: Binance's BTCUSDT tiers for BTCUSDT, <see cref="LeverageBracketTable.Generic"/>
    /// at the instrument's max leverage otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">The instrument is invalid, already tracked, or has more than 8 price or size decimals.</exception>
    public void AddInstrument(Instrument instrument, LeverageBracketTable? brackets = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        instrument.EnsureValid();
        if (instrument.SizePrecision > AmountPrecision || instrument.PricePrecision > AmountPrecision)
        {
            throw new ArgumentException($"{instrument.Id}: prices and quantities above {AmountPrecision} decimals are not supported.", nameof(instrument));
        }

        brackets ??= instrument.Kind == InstrumentKind.Spot
            ? LeverageBracketTable.Generic(1)
            : instrument.VenueSymbol is "BTCUSDT"
                ? LeverageBracketTable.BinanceBtcUsdt()
                : LeverageBracketTable.Generic((int)Math.Min(125m, Math.Floor(instrument.MaxLeverage)));
        var leverage = instrument.Kind == InstrumentKind.Spot ? 1 : _options.DefaultLeverage;
        if (_byId.ContainsKey(instrument.Id))
        {
            throw new ArgumentException($"Instrument {instrument.Id} is already tracked.", nameof(instrument));
        }

        var account = Book(new VenueAccount(instrument.Id.Venue, string.Empty));
        var tracked = new TrackedInstrument(instrument, brackets, leverage, account);
        _byId.Add(instrument.Id, tracked);
        account.Instruments.Add(tracked);
        _instruments.Add(tracked);
    }

    /// <summary>
    /// Says that <paramref name="account"/> (of the instrument's venue) trades <paramref name="instrument"/>: its fills,
    /// fees, funding and PnL move that account's balances from now on, and its positions count in that account's
    /// equity, margin and cross-margin liquidation prices. Until assigned, an instrument belongs to its venue's unnamed
    /// account (<c>""</c>). The trading node assigns each execution client's instruments before trading starts.
    /// </summary>
    /// <exception cref="ArgumentException">The instrument is not tracked.</exception>
    public void AssignAccount(InstrumentId instrument, string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var tracked = Tracked(instrument);
        var book = Book(new VenueAccount(instrument.Venue, account));
        if (ReferenceEquals(tracked.Account, book))
        {
            return;
        }

        tracked.Account.Instruments.Remove(tracked);
        book.Instruments.Add(tracked);
        tracked.Account = book;
    }

    /// <summary>Every account the portfolio knows: those instruments were assigned to and those balances were reported for.</summary>
    public IReadOnlyList<VenueAccount> Accounts
    {
        get
        {
            var list = new List<VenueAccount>(_accounts.Count);
            foreach (var book in _accounts)
            {
                if (book.Instruments.Count > 0 || book.Balances.Count > 0)
                {
                    list.Add(book.Id);
                }
            }

            return list;
        }
    }

    /// <inheritdoc/>
    public VenueAccount AccountOf(InstrumentId instrument) =>
        _byId.TryGetValue(instrument, out var tracked) ? tracked.Account.Id : new VenueAccount(instrument.Venue, string.Empty);

    /// <summary>True when <paramref name="instrument"/> is tracked.</summary>
    public bool Tracks(InstrumentId instrument) => _byId.ContainsKey(instrument);

    /// <summary>Tracks every instrument of <paramref name="registry"/> not tracked yet, with the default brackets.</summary>
    public void AddInstruments(Instruments.InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var registered in registry.Instruments)
        {
            if (!_byId.ContainsKey(registered.Id))
            {
                AddInstrument(registered.Spec);
            }
        }
    }

    /// <summary>
    /// Subscribes to fills, marks, funding rates, balance and position reports, and trades (the last price values instruments with no
    /// venue mark, e.g. spot) on <paramref name="bus"/>; dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(EventBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return new CompositeDisposable(
        [
            bus.Subscribe<OrderFilled>("portfolio", this),
            bus.Subscribe<MarkPrice>("portfolio", this),
            bus.Subscribe<FundingRate>("portfolio", this),
            bus.Subscribe<BalanceReport>("portfolio", this),
            bus.Subscribe<PositionStatusReport>("portfolio", this),
            bus.Subscribe<TradeTick>("portfolio", this),
        ]);
    }

    /// <summary>Sets the leverage used for margin and (isolated) liquidation prices of <paramref name="instrument"/>.</summary>
    public void SetLeverage(InstrumentId instrument, int leverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        Tracked(instrument).Leverage = leverage;
    }

    /// <summary>Sets cross or isolated margin for <paramref name="instrument"/>.</summary>
    public void SetMarginMode(InstrumentId instrument, MarginMode mode) => Tracked(instrument).MarginMode = mode;

    /// <summary>Replaces <paramref name="instrument"/>'s maintenance-margin brackets (e.g. from Binance <c>GET /fapi/v1/leverageBracket</c>).</summary>
    public void SetBrackets(InstrumentId instrument, LeverageBracketTable brackets)
    {
        ArgumentNullException.ThrowIfNull(brackets);
        Tracked(instrument).Brackets = brackets;
    }

    /// <summary>
    /// Sets the price of <paramref name="asset"/> in <see cref="ValuationCurrency"/>, used to value balances and fees
    /// in it (e.g. BNB). Marks and fills of instruments quoted in the valuation currency set this for their base asset.
    /// </summary>
    public void SetAssetPrice(string asset, Price price)
    {
        ArgumentException.ThrowIfNullOrEmpty(asset);
        _assetPrices[asset] = price;
    }

    /// <summary>The wallet balance of <paramref name="asset"/> summed over every account (0 when unknown).</summary>
    public decimal Balance(string asset)
    {
        long total = 0;
        foreach (var book in _accounts)
        {
            total += book.Balance(asset);
        }

        return Amount(total);
    }

    /// <summary><paramref name="account"/>'s wallet balance of <paramref name="asset"/> (0 when unknown).</summary>
    public decimal Balance(VenueAccount account, string asset) =>
        FindBook(account) is { } book ? Amount(book.Balance(asset)) : 0m;

    /// <summary>Fees paid in <paramref name="asset"/> since start (rebates negative), in that asset.</summary>
    public decimal Fees(string asset) => Amount(_fees.GetValueOrDefault(asset));

    /// <summary>The assets fees were paid in.</summary>
    public IReadOnlyCollection<string> FeeAssets => _fees.Keys;

    /// <summary>The assets with a balance in any account.</summary>
    public IReadOnlyCollection<string> Assets
    {
        get
        {
            var assets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var book in _accounts)
            {
                assets.UnionWith(book.Balances.Keys);
            }

            return assets;
        }
    }

    /// <summary>The assets with a balance in <paramref name="account"/>.</summary>
    public IReadOnlyCollection<string> AssetsOf(VenueAccount account) =>
        FindBook(account) is { } book ? book.Balances.Keys : [];

    /// <summary>The leg <paramref name="side"/> of <paramref name="instrument"/> (net mode: <see cref="PositionSide.Both"/>).</summary>
    public PortfolioPosition GetPosition(InstrumentId instrument, PositionSide side = PositionSide.Both)
    {
        var tracked = Tracked(instrument);
        var leg = tracked.LegOrNull(side);
        if (leg is null)
        {
            return new PortfolioPosition(instrument, side, 0m, 0m, 0m, 0m, 0m, 0m, 0m, tracked.Leverage, tracked.MarginMode, 0m, null);
        }

        var notional = MarkNotionalRaw(leg);
        var sizeMultiplied = tracked.Quantity(leg.AbsSizeRaw).ToDecimal() * tracked.Multiplier;
        var averageEntry = leg.SizeRaw == 0 ? 0m : Amount(leg.EntryNotionalRaw) / sizeMultiplied;
        var liquidation = LiquidationPrice(leg, notional);
        return new PortfolioPosition(
            instrument,
            side,
            tracked.SignedSize(leg.SizeRaw),
            averageEntry,
            Amount(leg.EntryNotionalRaw),
            Amount(leg.RealizedPnlRaw),
            Amount(UnrealizedPnlRaw(leg, notional)),
            Amount(leg.FundingRaw),
            tracked.IsSpot ? 0m : Amount(InitialMarginRaw(notional, tracked.Leverage)),
            tracked.Leverage,
            tracked.MarginMode,
            Amount(leg.IsolatedWalletRaw),
            liquidation is { } price && price.Raw > 0 ? price.ToDecimal() : null);
    }

    /// <summary>Every non-flat leg (allocates; for reports and the CLI, not the hot path).</summary>
    public IReadOnlyList<PortfolioPosition> OpenPositions()
    {
        var list = new List<PortfolioPosition>();
        foreach (var tracked in _instruments)
        {
            for (var side = 0; side < 3; side++)
            {
                if (tracked.LegOrNull((PositionSide)side) is { SizeRaw: not 0 })
                {
                    list.Add(GetPosition(tracked.Id, (PositionSide)side));
                }
            }
        }

        return list;
    }

    /// <inheritdoc/>
    public decimal LegPosition(InstrumentId instrument, PositionSide side) =>
        _byId.TryGetValue(instrument, out var tracked) && tracked.LegOrNull(side) is { } leg ? tracked.SignedSize(leg.SizeRaw) : 0m;

    /// <inheritdoc/>
    public decimal NetPosition(InstrumentId instrument)
    {
        if (!_byId.TryGetValue(instrument, out var tracked))
        {
            return 0m;
        }

        long net = 0;
        for (var side = 0; side < 3; side++)
        {
            net += tracked.LegOrNull((PositionSide)side)?.SizeRaw ?? 0;
        }

        return tracked.SignedSize(net);
    }

    /// <inheritdoc/>
    public decimal PositionNotional(InstrumentId instrument) =>
        _byId.TryGetValue(instrument, out var tracked) ? Amount(PositionNotionalRaw(tracked)) : 0m;

    /// <inheritdoc/>
    public decimal AccountPositionNotional(VenueAccount account)
    {
        long total = 0;
        if (FindBook(account) is { } book)
        {
            foreach (var tracked in book.Instruments)
            {
                total += PositionNotionalRaw(tracked);
            }
        }

        return Amount(total);
    }

    /// <inheritdoc/>
    public decimal TotalPositionNotional
    {
        get
        {
            long total = 0;
            foreach (var tracked in _instruments)
            {
                total += PositionNotionalRaw(tracked);
            }

            return Amount(total);
        }
    }

    /// <inheritdoc/>
    public decimal? MarkPrice(InstrumentId instrument) =>
        _byId.TryGetValue(instrument, out var tracked) && tracked.TryGetValuationPrice(out var price) ? price.ToDecimal() : null;

    /// <summary>Handles a fill (same as the bus delivering it).</summary>
    void IEventHandler<OrderFilled>.Handle(in OrderFilled evt) => OnFill(in evt);

    /// <summary>Handles a mark price (same as the bus delivering it).</summary>
    void IEventHandler<MarkPrice>.Handle(in MarkPrice evt) => OnMarkPrice(in evt);

    /// <summary>Handles a funding rate (same as the bus delivering it).</summary>
    void IEventHandler<FundingRate>.Handle(in FundingRate evt) => OnFundingRate(in evt);

    /// <summary>Handles a balance report (same as the bus delivering it).</summary>
    void IEventHandler<BalanceReport>.Handle(in BalanceReport evt) => OnBalanceReport(in evt);

    /// <summary>Handles a position report (same as the bus delivering it).</summary>
    void IEventHandler<PositionStatusReport>.Handle(in PositionStatusReport evt) => OnPositionReport(in evt);

    /// <summary>Handles a trade: its price is the instrument's last price (same as <see cref="OnLastPrice"/>).</summary>
    void IEventHandler<TradeTick>.Handle(in TradeTick evt) => OnLastPrice(evt.Instrument, evt.Price);

    private TrackedInstrument Tracked(InstrumentId instrument) =>
        _byId.TryGetValue(instrument, out var tracked)
            ? tracked
            : throw new ArgumentException($"Instrument {instrument} is not tracked by the portfolio.", nameof(instrument));

    private long PositionNotionalRaw(TrackedInstrument tracked)
    {
        long total = 0;
        for (var side = 0; side < 3; side++)
        {
            if (tracked.LegOrNull((PositionSide)side) is { SizeRaw: not 0 } leg)
            {
                total += ValueRaw(tracked.SettleAsset, MarkNotionalRaw(leg));
            }
        }

        return total;
    }

    private AccountBook Book(VenueAccount account)
    {
        if (FindBook(account) is { } book)
        {
            return book;
        }

        book = new AccountBook(account, _options.EquityCurveCapacity);
        _accounts.Add(book);
        return book;
    }

    private AccountBook? FindBook(VenueAccount account)
    {
        var name = account.Name ?? string.Empty;
        foreach (var book in _accounts)
        {
            if (book.Id.Venue == account.Venue && string.Equals(book.Id.Name, name, StringComparison.Ordinal))
            {
                return book;
            }
        }

        return null;
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private static decimal Amount(long raw) => Money.FromRaw(raw, AmountPrecision).ToDecimal();

    private static long ToRaw(decimal value) =>
        Money.FromDecimal(Math.Round(value, AmountPrecision, MidpointRounding.ToEven), AmountPrecision).Raw;
}
