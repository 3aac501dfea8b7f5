using System.Text.Json;
using FlowSight.PaperVenue.Binance.Streams;
using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;

namespace FlowSight.PaperVenue.Binance.Rest;

/// <summary>
/// One account's futures wallet and positions taken at one instant on the exchange thread, written as USDⓈ-M's
/// <c>account</c> (v2/v3), <c>balance</c> and <c>positionRisk</c> (v2/v3). Per asset: margin balance = wallet +
/// unrealised PnL, initial margin = positions' + open orders', available = what new orders may use.
/// </summary>
internal sealed class BinanceFuturesAccountView
{
    private readonly List<AssetRow> _assets = [];
    private readonly List<(PaperMarket Market, PositionSnapshot Position, long UpdateMs)> _positions = [];
    private long _nowMs;

    public static BinanceFuturesAccountView Take(PaperExchange exchange, int accountId)
    {
        var view = new BinanceFuturesAccountView { _nowMs = exchange.WallClockMs };
        var hedge = exchange.Accounts.GetPositionMode(accountId) == PositionMode.Hedge;
        foreach (var market in exchange.Markets)
        {
            var lastFill = exchange.Orders.Fills(accountId, market.Instrument.Id).LastOrDefault();
            var updateMs = lastFill.OrderId == 0 ? 0 : BinanceRestFormat.Ms(lastFill.Time);
            if (hedge)
            {
                view._positions.Add((market, exchange.Accounts.GetPosition(accountId, market.Instrument.Id, Core.PositionSide.Long), updateMs));
                view._positions.Add((market, exchange.Accounts.GetPosition(accountId, market.Instrument.Id, Core.PositionSide.Short), updateMs));
            }
            else
            {
                view._positions.Add((market, exchange.Accounts.GetPosition(accountId, market.Instrument.Id), updateMs));
            }
        }

        var settle = exchange.Instruments.Select(i => i.SettleAsset).Distinct(StringComparer.Ordinal).ToList();
        foreach (var asset in exchange.Accounts.Assets)
        {
            var balance = exchange.Accounts.GetFuturesBalance(accountId, asset);
            if (!settle.Contains(asset) && balance.WalletBalance.Raw == 0)
            {
                continue;
            }

            decimal unrealized = 0, positionMargin = 0, maintenance = 0;
            foreach (var (market, position, _) in view._positions)
            {
                if (market.Instrument.SettleAsset == asset && position.Size.Raw != 0)
                {
                    unrealized += position.UnrealizedPnl.ToDecimal();
                    positionMargin += position.InitialMargin.ToDecimal();
                    maintenance += position.MaintenanceMargin.ToDecimal();
                }
            }

            var wallet = balance.WalletBalance.ToDecimal();
            var updateMs = wallet == 0 ? 0 : Math.Max(1, view._positions.Select(p => p.UpdateMs).DefaultIfEmpty(0).Max());
            if (wallet != 0 && updateMs <= 1)
            {
                updateMs = view._nowMs;
            }

            view._assets.Add(new AssetRow(asset, wallet, unrealized, wallet + unrealized, maintenance, positionMargin,
                balance.OpenOrderInitialMargin.ToDecimal(), balance.CrossWalletBalance.ToDecimal(), balance.CrossUnrealizedPnl.ToDecimal(),
                balance.AvailableBalance.ToDecimal(), updateMs));
        }

        return view;
    }

    public void WriteAccount(Utf8JsonWriter json, bool v3)
    {
        var usdt = _assets.Find(a => a.Asset == "USDT") ?? _assets.FirstOrDefault();
        json.WriteStartObject();
        if (!v3)
        {
            json.WriteNumber("feeTier", 0);
            json.WriteBoolean("feeBurn", false);
            json.WriteBoolean("canTrade", true);
            json.WriteBoolean("canDeposit", true);
            json.WriteBoolean("canWithdraw", true);
            json.WriteNumber("updateTime", 0);
            json.WriteBoolean("multiAssetsMargin", false);
            json.WriteNumber("tradeGroupId", -1);
        }

        BinanceRestFormat.Write(json, "totalInitialMargin", usdt is null ? 0 : usdt.PositionMargin + usdt.OpenOrderMargin);
        BinanceRestFormat.Write(json, "totalMaintMargin", usdt?.Maintenance ?? 0);
        BinanceRestFormat.Write(json, "totalWalletBalance", usdt?.Wallet ?? 0);
        BinanceRestFormat.Write(json, "totalUnrealizedProfit", usdt?.Unrealized ?? 0);
        BinanceRestFormat.Write(json, "totalMarginBalance", usdt?.MarginBalance ?? 0);
        BinanceRestFormat.Write(json, "totalPositionInitialMargin", usdt?.PositionMargin ?? 0);
        BinanceRestFormat.Write(json, "totalOpenOrderInitialMargin", usdt?.OpenOrderMargin ?? 0);
        BinanceRestFormat.Write(json, "totalCrossWalletBalance", usdt?.CrossWallet ?? 0);
        BinanceRestFormat.Write(json, "totalCrossUnPnl", usdt?.CrossUnrealized ?? 0);
        BinanceRestFormat.Write(json, "availableBalance", usdt?.Available ?? 0);
        BinanceRestFormat.Write(json, "maxWithdrawAmount", usdt is null ? 0 : Math.Min(usdt.Available, usdt.Wallet));
        json.WritePropertyName("assets");
        json.WriteStartArray();
        foreach (var a in _assets)
        {
            json.WriteStartObject();
            json.WriteString("asset", a.Asset);
            BinanceRestFormat.Write(json, "walletBalance", a.Wallet);
            BinanceRestFormat.Write(json, "unrealizedProfit", a.Unrealized);
            BinanceRestFormat.Write(json, "marginBalance", a.MarginBalance);
            BinanceRestFormat.Write(json, "maintMargin", a.Maintenance);
            BinanceRestFormat.Write(json, "initialMargin", a.PositionMargin + a.OpenOrderMargin);
            BinanceRestFormat.Write(json, "positionInitialMargin", a.PositionMargin);
            BinanceRestFormat.Write(json, "openOrderInitialMargin", a.OpenOrderMargin);
            BinanceRestFormat.Write(json, "crossWalletBalance", a.CrossWallet);
            BinanceRestFormat.Write(json, "crossUnPnl", a.CrossUnrealized);
            BinanceRestFormat.Write(json, "availableBalance", a.Available);
            BinanceRestFormat.Write(json, "maxWithdrawAmount", Math.Min(a.Available, a.Wallet));
            if (!v3)
            {
                json.WriteBoolean("marginAvailable", true);
            }

            json.WriteNumber("updateTime", a.UpdateMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("positions");
        json.WriteStartArray();
        foreach (var (market, p, updateMs) in _positions)
        {
            if (v3 && p.Size.Raw == 0)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("symbol", market.Symbol);
            json.WriteString("positionSide", BinanceWire.PositionSide(p.PositionSide));
            BinanceRestFormat.Write(json, "positionAmt", SignedAmount(p), market.Instrument.SizePrecision);
            BinanceRestFormat.Write(json, "unrealizedProfit", p.UnrealizedPnl.ToDecimal());
            BinanceRestFormat.Write(json, "isolatedMargin", IsolatedMargin(p));
            BinanceRestFormat.Write(json, "notional", Notional(market, p));
            BinanceRestFormat.Write(json, "isolatedWallet", p.IsolatedWallet.ToDecimal());
            BinanceRestFormat.Write(json, "initialMargin", p.InitialMargin.ToDecimal());
            BinanceRestFormat.Write(json, "maintMargin", p.MaintenanceMargin.ToDecimal());
            if (!v3)
            {
                BinanceRestFormat.Write(json, "positionInitialMargin", p.InitialMargin.ToDecimal());
                json.WriteString("openOrderInitialMargin", "0");
                json.WriteString("leverage", p.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteBoolean("isolated", p.MarginType == MarginType.Isolated);
                BinanceRestFormat.Write(json, "entryPrice", p.EntryPrice.ToDecimal());
                json.WriteString("maxNotional", "0");
                json.WriteString("bidNotional", "0");
                json.WriteString("askNotional", "0");
            }

            json.WriteNumber("updateTime", updateMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public void WriteBalances(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        foreach (var a in _assets)
        {
            json.WriteStartObject();
            json.WriteString("accountAlias", "SgsR");
            json.WriteString("asset", a.Asset);
            BinanceRestFormat.Write(json, "balance", a.Wallet);
            BinanceRestFormat.Write(json, "crossWalletBalance", a.CrossWallet);
            BinanceRestFormat.Write(json, "crossUnPnl", a.CrossUnrealized);
            BinanceRestFormat.Write(json, "availableBalance", a.Available);
            BinanceRestFormat.Write(json, "maxWithdrawAmount", Math.Min(a.Available, a.Wallet));
            json.WriteBoolean("marginAvailable", true);
            json.WriteNumber("updateTime", a.UpdateMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public void WritePositionRisk(Utf8JsonWriter json, bool v3, PaperMarket? only)
    {
        json.WriteStartArray();
        foreach (var (market, p, updateMs) in _positions)
        {
            if ((only is not null && market != only) || (v3 && p.Size.Raw == 0))
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("symbol", market.Symbol);
            json.WriteString("positionSide", BinanceWire.PositionSide(p.PositionSide));
            BinanceRestFormat.Write(json, "positionAmt", SignedAmount(p), market.Instrument.SizePrecision);
            BinanceRestFormat.Write(json, "entryPrice", p.EntryPrice.ToDecimal());
            BinanceRestFormat.Write(json, "breakEvenPrice", p.EntryPrice.ToDecimal());
            BinanceRestFormat.Write(json, "markPrice", p.MarkPrice.ToDecimal());
            BinanceRestFormat.Write(json, "unRealizedProfit", p.UnrealizedPnl.ToDecimal());
            BinanceRestFormat.Write(json, "liquidationPrice", p.LiquidationPrice.ToDecimal());
            BinanceRestFormat.Write(json, "isolatedMargin", IsolatedMargin(p));
            BinanceRestFormat.Write(json, "notional", Notional(market, p));
            json.WriteString("marginAsset", market.Instrument.SettleAsset);
            BinanceRestFormat.Write(json, "isolatedWallet", p.IsolatedWallet.ToDecimal());
            if (v3)
            {
                BinanceRestFormat.Write(json, "initialMargin", p.InitialMargin.ToDecimal());
                BinanceRestFormat.Write(json, "maintMargin", p.MaintenanceMargin.ToDecimal());
                BinanceRestFormat.Write(json, "positionInitialMargin", p.InitialMargin.ToDecimal());
                json.WriteString("openOrderInitialMargin", "0");
                json.WriteNumber("adl", 0);
                json.WriteString("bidNotional", "0");
                json.WriteString("askNotional", "0");
            }
            else
            {
                json.WriteString("leverage", p.Leverage.ToString(System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("marginType", p.MarginType == MarginType.Isolated ? "isolated" : "cross");
                json.WriteString("isAutoAddMargin", "false");
                json.WriteString("maxNotionalValue", "0");
            }

            json.WriteNumber("updateTime", updateMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static decimal SignedAmount(PositionSnapshot p) =>
        p.Direction == PositionDirection.Short ? -p.Size.ToDecimal() : p.Size.ToDecimal();

    private static decimal Notional(PaperMarket market, PositionSnapshot p) =>
        SignedAmount(p) * p.MarkPrice.ToDecimal() * market.Instrument.ContractMultiplier;

    private static decimal IsolatedMargin(PositionSnapshot p) =>
        p.MarginType == MarginType.Isolated ? p.IsolatedWallet.ToDecimal() + p.UnrealizedPnl.ToDecimal() : 0m;

    private sealed record AssetRow(string Asset, decimal Wallet, decimal Unrealized, decimal MarginBalance, decimal Maintenance,
        decimal PositionMargin, decimal OpenOrderMargin, decimal CrossWallet, decimal CrossUnrealized, decimal Available, long UpdateMs);
}
