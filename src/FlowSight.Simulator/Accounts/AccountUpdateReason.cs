namespace FlowSight.Simulator.Accounts;

/// <summary>Why a balance or position changed: Binance's <c>ACCOUNT_UPDATE</c> event reason type (<c>m</c>).</summary>
public enum AccountUpdateReason : byte
{
    /// <summary>Not an update (a snapshot read).</summary>
    None = 0,

    /// <summary>Funds credited (<c>DEPOSIT</c>).</summary>
    Deposit = 1,

    /// <summary>Funds debited (<c>WITHDRAW</c>).</summary>
    Withdraw = 2,

    /// <summary>An order was placed, filled, canceled or expired, including a liquidation fill (<c>ORDER</c>).</summary>
    Order = 3,

    /// <summary>A funding settlement (<c>FUNDING_FEE</c>).</summary>
    FundingFee = 4,

    /// <summary>Margin moved into or out of an isolated position (<c>MARGIN_TRANSFER</c>).</summary>
    MarginTransfer = 5,

    /// <summary>What a liquidation left in the wallet went to the insurance fund (<c>INSURANCE_CLEAR</c>).</summary>
    InsuranceClear = 6,
}
