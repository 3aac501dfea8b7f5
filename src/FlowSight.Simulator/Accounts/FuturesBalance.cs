using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// An account's futures wallet in one settle asset, valued at the current marks (Binance <c>GET /fapi/v2/account</c>
/// per asset): the figures margin checks and liquidation use.
/// </summary>
/// <param name="WalletBalance">Cross wallet + isolated wallets.</param>
/// <param name="CrossWalletBalance">The cross wallet: deposits + realised PnL − fees ± funding of cross positions.</param>
/// <param name="CrossUnrealizedPnl">Σ unrealised PnL of the cross positions.</param>
/// <param name="CrossMarginBalance">Cross wallet + cross unrealised PnL: what liquidation compares with maintenance margin.</param>
/// <param name="CrossInitialMargin">Σ initial margin of the cross positions.</param>
/// <param name="CrossMaintenanceMargin">Σ maintenance margin of the cross positions.</param>
/// <param name="OpenOrderInitialMargin">Initial margin held by open orders.</param>
/// <param name="AvailableBalance">Cross margin balance − cross initial margin − open-order margin: what new orders may use.</param>
public readonly record struct FuturesBalance(
    Money WalletBalance,
    Money CrossWalletBalance,
    Money CrossUnrealizedPnl,
    Money CrossMarginBalance,
    Money CrossInitialMargin,
    Money CrossMaintenanceMargin,
    Money OpenOrderInitialMargin,
    Money AvailableBalance);
