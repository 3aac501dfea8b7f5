namespace FlowSight.Core;

/// <summary>The side of an order, a fill or a book level.</summary>
public enum OrderSide : byte
{
    /// <summary>Buy; on a book, the bid side.</summary>
    Buy = 1,

    /// <summary>Sell; on a book, the ask side.</summary>
    Sell = 2,
}
