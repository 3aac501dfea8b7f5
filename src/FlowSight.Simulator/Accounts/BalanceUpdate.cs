using FlowSight.Core;

namespace FlowSight.Simulator.Accounts;

/// <summary>
/// One asset's balance after a change: the balance part of Binance's futures <c>ACCOUNT_UPDATE</c> (<c>wb</c>,
/// <c>cw</c>, <c>bc</c>) and of spot's <c>outboundAccountPosition</c> (<c>f</c>, <c>l</c>).
/// </summary>
/// <param name="AccountId">Whose balance.</param>
/// <param name="Wallet">Spot or futures wallet.</param>
/// <param name="Asset">The asset, e.g. USDT.</param>
/// <param name="Reason">What caused the change.</param>
/// <param name="Free">Spot: free; futures: the available balance (margin balance less initial margins).</param>
/// <param name="Locked">Spot: held by open orders; futures: the open orders' initial margin.</param>
/// <param name="WalletBalance">Spot: free + locked; futures: cross wallet + isolated wallets (<c>wb</c>).</param>
/// <param name="CrossWalletBalance">Spot: free; futures: the cross wallet (<c>cw</c>).</param>
/// <param name="BalanceChange">Change other than PnL and commission (<c>bc</c>): deposits, withdrawals, insurance clears.</param>
/// <param name="Timestamp">Exchange time, Unix nanoseconds.</param>
public readonly record struct BalanceUpdate(
    int AccountId,
    WalletKind Wallet,
    string Asset,
    AccountUpdateReason Reason,
    Money Free,
    Money Locked,
    Money WalletBalance,
    Money CrossWalletBalance,
    Money BalanceChange,
    long Timestamp);
