using FlowSight.PaperVenue.Exchange;
using FlowSight.Simulator.Accounts;

namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// The account's USDT figures as OKX's single-currency trading account shows them, from the simulated futures
/// wallet: cash balance (wallet), equity (cash + unrealised PnL), available, frozen (margins and orders).
/// </summary>
internal readonly record struct AccountFigures(
    string Asset,
    decimal Cash,
    decimal Upl,
    decimal IsolatedUpl,
    decimal IsolatedEquity,
    decimal Equity,
    decimal Available,
    decimal Frozen,
    decimal OrderFrozen,
    decimal InitialMargin,
    decimal MaintenanceMargin,
    decimal Notional)
{
    /// <summary>The figures of <paramref name="accountId"/> now (exchange thread).</summary>
    public static AccountFigures Of(PaperExchange exchange, int accountId)
    {
        const string asset = "USDT";
        var balance = exchange.Accounts.GetFuturesBalance(accountId, asset);
        decimal isolatedUpl = 0m, isolatedWallet = 0m, isolatedMaintenance = 0m, notional = 0m;
        foreach (var position in OkxWriters.Positions(exchange, accountId))
        {
            notional += position.MarkPrice.ToDecimal() * position.Size.ToDecimal() * exchange.MarketOf(position.Instrument).Instrument.ContractMultiplier;
            if (position.MarginType == MarginType.Isolated)
            {
                isolatedUpl += position.UnrealizedPnl.ToDecimal();
                isolatedWallet += position.IsolatedWallet.ToDecimal();
                isolatedMaintenance += position.MaintenanceMargin.ToDecimal();
            }
        }

        var cash = balance.WalletBalance.ToDecimal();
        var upl = balance.CrossUnrealizedPnl.ToDecimal() + isolatedUpl;
        var available = balance.AvailableBalance.ToDecimal();
        var orderFrozen = balance.OpenOrderInitialMargin.ToDecimal();
        var frozen = balance.CrossInitialMargin.ToDecimal() + orderFrozen + isolatedWallet;
        return new AccountFigures(asset, cash, upl, isolatedUpl, isolatedWallet + isolatedUpl, cash + upl, available, frozen, orderFrozen,
            balance.CrossInitialMargin.ToDecimal() + isolatedWallet, balance.CrossMaintenanceMargin.ToDecimal() + isolatedMaintenance, notional);
    }
}
