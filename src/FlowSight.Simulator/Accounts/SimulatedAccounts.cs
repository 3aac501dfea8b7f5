using FlowSight.Core;
using FlowSight.Simulator.Markets;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// The simulated exchange's accounts: spot balances (free / locked), and USDⓈ-M perpetual margin accounts (wallet,
/// one-way or hedge positions, per-instrument leverage and cross / isolated margin, leverage brackets, fees, funding,
/// liquidation), following Binance USDⓈ-M futures. It is the markets' <see cref="IOrderAdmission"/> and consumes their
/// <see cref="Orders.OrderEvent"/>s through <see cref="Apply"/>. All amounts are exact fixed point at
/// <see cref="MoneyPrecision"/> decimals; every rounding favours the exchange (see docs/simulator.md).
/// </summary>
/// <remarks>Single-threaded, like the markets: every call comes from the exchange's thread with the exchange's time.</remarks>
public sealed partial class SimulatedAccounts : IOrderAdmission
{
    /// <summary>Decimals of every balance, margin, fee and PnL (USDT's and BTC's wallet precision).</summary>
    public const byte MoneyPrecision = 8;

    /// <summary>Binance's default leverage for a new symbol.</summary>
    public const int DefaultLeverage = 20;

    private readonly AccountedInstrument[] _instruments;
    private readonly Dictionary<InstrumentId, AccountedInstrument> _instrumentsById = [];
    private readonly List<string> _assets = [];
    private readonly Dictionary<string, int> _assetIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AccountState> _accounts = [];
    private readonly List<AccountState> _accountList = []; // creation order: deterministic iteration
    private readonly Dictionary<long, OpenOrderLock> _locks = [];
    private readonly long[] _insuranceFund;
    private IAccountEventSink? _sink;
    private PendingAdmission _pending;

    /// <summary>Sets up the accounts for <paramref name="instruments"/>; BTCUSDT perpetuals get Binance's BTCUSDT brackets, others <see cref="LeverageBracketTable.Generic"/> at their max leverage.</summary>
    public SimulatedAccounts(IEnumerable<Instrument> instruments, IAccountEventSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _sink = sink;
        var list = new List<AccountedInstrument>();
        foreach (var instrument in instruments)
        {
            instrument.EnsureValid();
            var settle = string.IsNullOrEmpty(instrument.SettleAsset) ? instrument.QuoteAsset : instrument.SettleAsset;
            var brackets = instrument.Kind == InstrumentKind.Spot
                ? LeverageBracketTable.Generic(1)
                : instrument.VenueSymbol is "BTCUSDT"
                    ? LeverageBracketTable.BinanceBtcUsdt()
                    : LeverageBracketTable.Generic((int)Math.Min(125m, Math.Floor(instrument.MaxLeverage)));
            var accounted = new AccountedInstrument(instrument, list.Count, Asset(instrument.BaseAsset), Asset(instrument.QuoteAsset), Asset(settle), brackets);
            if (!_instrumentsById.TryAdd(instrument.Id, accounted))
            {
                throw new ArgumentException($"Instrument {instrument.Id} is listed twice.", nameof(instruments));
            }

            list.Add(accounted);
        }

        _instruments = [.. list];
        _insuranceFund = new long[_assets.Count];

        int Asset(string name)
        {
            if (!_assetIndex.TryGetValue(name, out var index))
            {
                index = _assets.Count;
                _assets.Add(name);
                _assetIndex.Add(name, index);
            }

            return index;
        }
    }

    /// <summary>Where balance, position, funding and liquidation events go (the exchange sets itself here).</summary>
    public IAccountEventSink? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>The assets the accounts know: every base, quote and settle asset of the instruments.</summary>
    public IReadOnlyList<string> Assets => _assets;

    /// <summary>The insurance fund's balance in <paramref name="asset"/>: liquidation clearances in, gap losses out.</summary>
    public Money InsuranceFund(string asset) => M(_insuranceFund[AssetIndex(asset)]);

    /// <summary>Replaces an instrument's leverage brackets (e.g. with a venue's published table).</summary>
    public void SetLeverageBrackets(InstrumentId instrument, LeverageBracketTable brackets)
    {
        ArgumentNullException.ThrowIfNull(brackets);
        InstrumentOf(instrument).Brackets = brackets;
    }

    /// <summary>The instrument's leverage brackets.</summary>
    public LeverageBracketTable LeverageBrackets(InstrumentId instrument) => InstrumentOf(instrument).Brackets;

    /// <summary>Credits <paramref name="amount"/> of <paramref name="asset"/> to a wallet (creating the account on first use); emits a Deposit balance update.</summary>
    /// <exception cref="ArgumentException">Unknown asset or a negative amount.</exception>
    public void Deposit(int accountId, WalletKind wallet, string asset, Money amount, long timestamp)
    {
        if (amount.Raw < 0)
        {
            throw new ArgumentException("A deposit is not negative.", nameof(amount));
        }

        var account = AccountOf(accountId);
        var index = AssetIndex(asset);
        var raw = amount.RoundTo(MoneyPrecision, RoundingMode.Down).Raw;
        if (wallet == WalletKind.Spot)
        {
            account.SpotFree[index] += raw;
        }
        else
        {
            account.CrossWallet[index] += raw;
        }

        EmitBalance(account, wallet, index, AccountUpdateReason.Deposit, raw, timestamp);
    }

    /// <summary>Sets the account's leverage on a perpetual (Binance <c>POST /fapi/v1/leverage</c>).</summary>
    /// <returns><see cref="Orders.RejectReason.LeverageTooHigh"/> above the instrument's maximum or the brackets' (or for the current position's notional); None when set.</returns>
    public Orders.RejectReason SetLeverage(int accountId, InstrumentId instrument, int leverage)
    {
        var accounted = InstrumentOf(instrument);
        var account = AccountOf(accountId);
        if (accounted.IsSpot || leverage < 1 || leverage > accounted.Instrument.MaxLeverage || leverage > accounted.Brackets.MaxLeverage)
        {
            return Orders.RejectReason.LeverageTooHigh;
        }

        var maxNotional = accounted.Brackets.MaxNotionalAt(leverage).Raw;
        for (var side = 0; side < 3; side++)
        {
            var position = account.PositionOrNull(accounted.Index, (PositionSide)side);
            if (position is { SizeRaw: > 0 } && MarkNotionalRaw(position) > maxNotional)
            {
                return Orders.RejectReason.LeverageTooHigh;
            }
        }

        account.Leverage[accounted.Index] = leverage;
        return Orders.RejectReason.None;
    }

    /// <summary>Sets cross or isolated margin on a perpetual (Binance <c>POST /fapi/v1/marginType</c>).</summary>
    /// <exception cref="InvalidOperationException">The account has a position or open orders on it (Binance −4047/−4048).</exception>
    public void SetMarginType(int accountId, InstrumentId instrument, MarginType marginType)
    {
        var accounted = InstrumentOf(instrument);
        var account = AccountOf(accountId);
        if (HasPositionOrOrders(account, accounted.Index))
        {
            throw new InvalidOperationException($"Account {accountId} has a position or open orders on {instrument}: the margin type cannot change.");
        }

        account.MarginTypes[accounted.Index] = marginType;
    }

    /// <summary>Sets one-way or hedge mode (Binance <c>POST /fapi/v1/positionSide/dual</c>).</summary>
    /// <exception cref="InvalidOperationException">The account has a position or open orders on any perpetual (Binance −4059/−4068).</exception>
    public void SetPositionMode(int accountId, PositionMode mode)
    {
        var account = AccountOf(accountId);
        foreach (var instrument in _instruments)
        {
            if (!instrument.IsSpot && HasPositionOrOrders(account, instrument.Index))
            {
                throw new InvalidOperationException($"Account {accountId} has positions or open orders: the position mode cannot change.");
            }
        }

        account.Mode = mode;
    }

    /// <summary>The account's position mode.</summary>
    public PositionMode GetPositionMode(int accountId) => AccountOf(accountId).Mode;

    /// <summary>The account's leverage on a perpetual.</summary>
    public int GetLeverage(int accountId, InstrumentId instrument) => AccountOf(accountId).Leverage[InstrumentOf(instrument).Index];

    /// <summary>The account's margin type on a perpetual.</summary>
    public MarginType GetMarginType(int accountId, InstrumentId instrument) => AccountOf(accountId).MarginTypes[InstrumentOf(instrument).Index];

    /// <summary>One spot asset's free and locked amounts (zero for an unknown account).</summary>
    public SpotBalance GetSpotBalance(int accountId, string asset)
    {
        var index = AssetIndex(asset);
        return _accounts.TryGetValue(accountId, out var account)
            ? new SpotBalance(M(account.SpotFree[index]), M(account.SpotLocked[index]))
            : new SpotBalance(M(0), M(0));
    }

    /// <summary>The futures wallet in <paramref name="asset"/>, valued at the current marks.</summary>
    public FuturesBalance GetFuturesBalance(int accountId, string asset) => Valuate(AccountOf(accountId), AssetIndex(asset));

    /// <summary>A position leg valued at the current mark (flat when there is none).</summary>
    public PositionSnapshot GetPosition(int accountId, InstrumentId instrument, PositionSide positionSide = PositionSide.Both)
    {
        var accounted = InstrumentOf(instrument);
        var account = AccountOf(accountId);
        return Snapshot(account, account.Position(accounted, positionSide));
    }

    /// <summary>The mark price last given for <paramref name="instrument"/> (default before any).</summary>
    public Price MarkPrice(InstrumentId instrument) => InstrumentOf(instrument).Mark;

    private static Money M(long raw) => Money.FromRaw(raw, MoneyPrecision);

    private int AssetIndex(string asset) =>
        _assetIndex.TryGetValue(asset, out var index) ? index : throw new ArgumentException($"Unknown asset '{asset}'.", nameof(asset));

    private AccountedInstrument InstrumentOf(InstrumentId instrument) =>
        _instrumentsById.TryGetValue(instrument, out var accounted)
            ? accounted
            : throw new ArgumentException($"Instrument {instrument} is not listed.", nameof(instrument));

    /// <summary>
    /// True for the market's own participants (the synthetic order flow's makers and takers use negative ids): they
    /// have no balances or positions here, are always admitted, never charged and never liquidated.
    /// </summary>
    public static bool IsHouseAccount(int accountId) => accountId < 0;

    private AccountState AccountOf(int accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            account = new AccountState(accountId, _assets.Count, _instruments.Length, DefaultLeverage);
            _accounts.Add(accountId, account);
            _accountList.Add(account);
        }

        return account;
    }

    private static bool HasPositionOrOrders(AccountState account, int instrumentIndex)
    {
        if (account.OpenOrders[instrumentIndex] > 0)
        {
            return true;
        }

        for (var side = 0; side < 3; side++)
        {
            if (account.PositionOrNull(instrumentIndex, (PositionSide)side) is { SizeRaw: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    private void EmitBalance(AccountState account, WalletKind wallet, int asset, AccountUpdateReason reason, long balanceChangeRaw, long timestamp)
    {
        if (_sink is null)
        {
            return;
        }

        BalanceUpdate update;
        if (wallet == WalletKind.Spot)
        {
            var free = account.SpotFree[asset];
            var locked = account.SpotLocked[asset];
            update = new BalanceUpdate(account.Id, wallet, _assets[asset], reason, M(free), M(locked), M(free + locked), M(free), M(balanceChangeRaw), timestamp);
        }
        else
        {
            var balance = Valuate(account, asset);
            update = new BalanceUpdate(
                account.Id, wallet, _assets[asset], reason, balance.AvailableBalance, balance.OpenOrderInitialMargin,
                balance.WalletBalance, balance.CrossWalletBalance, M(balanceChangeRaw), timestamp);
        }

        _sink.OnBalanceUpdate(update);
    }

    private void EmitPosition(AccountState account, PositionState position, AccountUpdateReason reason, long timestamp) =>
        _sink?.OnPositionUpdate(new PositionUpdate(reason, Snapshot(account, position), timestamp));
}
