namespace FlowSight.Core;

/// <summary>Which command a report or refusal answers.</summary>
public enum TradingCommandKind : byte
{
    /// <summary><see cref="SubmitOrder"/>.</summary>
    Submit = 1,

    /// <summary><see cref="CancelOrder"/>.</summary>
    Cancel = 2,

    /// <summary><see cref="ReplaceOrder"/>.</summary>
    Replace = 3,

    /// <summary><see cref="CancelAllOrders"/>.</summary>
    CancelAll = 4,
}
