using FlowSight.Core;
using FlowSight.Simulator.Orders;

namespace FlowSight.Simulator.Accounts;

/// <summary>Withdrawals and isolated-margin transfers.</summary>
public sealed partial class SimulatedAccounts
{
    /// <summary>
    /// Debits <paramref name="amount"/> from a wallet: spot up to the free amount, futures up to the available balance
    /// (and never below zero in the cross wallet). Emits a Withdraw balance update.
    /// </summary>
    /// <returns><see cref="RejectReason.InsufficientBalance"/> when it does not fit (nothing changes); None when done.</returns>
    /// <exception cref="ArgumentException">Unknown asset or a negative amount.</exception>
    public RejectReason Withdraw(int accountId, WalletKind wallet, string asset, Money amount, long timestamp)
    {
        if (amount.Raw < 0)
        {
            throw new ArgumentException("A withdrawal is not negative.", nameof(amount));
        }

        var account = AccountOf(accountId);
        var index = AssetIndex(asset);
        var raw = amount.RoundTo(MoneyPrecision, RoundingMode.Up).Raw;
        if (wallet == WalletKind.Spot)
        {
            if (raw > account.SpotFree[index])
            {
                return RejectReason.InsufficientBalance;
            }

            account.SpotFree[index] -= raw;
        }
        else
        {
            if (raw > Math.Min(Valuate(account, index).AvailableBalance.Raw, account.CrossWallet[index]))
            {
                return RejectReason.InsufficientBalance;
            }

            account.CrossWallet[index] -= raw;
        }

        EmitBalance(account, wallet, index, AccountUpdateReason.Withdraw, -raw, timestamp);
        return RejectReason.None;
    }

    /// <summary>
    /// Moves margin into (positive <paramref name="amount"/>) or out of (negative) an isolated position's wallet
    /// (Binance <c>POST /fapi/v1/positionMargin</c>): in up to the available balance; out only while the isolated
    /// wallet + unrealised PnL keeps the position's initial margin (Binance −4051/−4050 otherwise). Adding margin moves
    /// the liquidation price away. Emits MARGIN_TRANSFER balance and position updates.
    /// </summary>
    /// <returns>
    /// <see cref="RejectReason.InsufficientMargin"/> when the transfer does not fit, <see cref="RejectReason.InvalidOrderType"/>
    /// when the instrument is not isolated for the account or the position is flat; None when done.
    /// </returns>
    public RejectReason TransferIsolatedMargin(int accountId, InstrumentId instrument, PositionSide positionSide, Money amount, long timestamp)
    {
        var accounted = InstrumentOf(instrument);
        var account = AccountOf(accountId);
        var position = account.PositionOrNull(accounted.Index, positionSide);
        if (accounted.IsSpot || account.MarginTypes[accounted.Index] != MarginType.Isolated || position is not { SizeRaw: > 0 })
        {
            return RejectReason.InvalidOrderType;
        }

        var raw = amount.RoundTo(MoneyPrecision, RoundingMode.TowardZero).Raw;
        var settle = accounted.SettleAsset;
        if (raw > 0 && raw > Valuate(account, settle).AvailableBalance.Raw)
        {
            return RejectReason.InsufficientMargin;
        }

        if (raw < 0)
        {
            var notional = MarkNotionalRaw(position);
            var keeps = position.IsolatedWalletRaw + raw + Math.Min(0, UnrealizedPnlRaw(position, notional));
            if (keeps < InitialMarginRaw(notional, account.Leverage[accounted.Index]))
            {
                return RejectReason.InsufficientMargin;
            }
        }

        account.CrossWallet[settle] -= raw;
        position.IsolatedWalletRaw += raw;
        EmitPosition(account, position, AccountUpdateReason.MarginTransfer, timestamp);
        EmitBalance(account, WalletKind.Futures, settle, AccountUpdateReason.MarginTransfer, 0, timestamp);
        return RejectReason.None;
    }
}
