using FlowSight.Core;

namespace FlowSight.Engine.OrderBook;

/// <summary>The liquidity resting within some distance of the mid price, per side (see <see cref="L2OrderBook.TryGetDepthWithin"/>).</summary>
/// <param name="BidSize">Total bid size (base quantity) within the band.</param>
/// <param name="AskSize">Total ask size (base quantity) within the band.</param>
/// <param name="BidNotional">Σ price × size of those bids (quote currency), exact.</param>
/// <param name="AskNotional">Σ price × size of those asks (quote currency), exact.</param>
/// <param name="BidLevels">How many bid levels lie within the band.</param>
/// <param name="AskLevels">How many ask levels lie within the band.</param>
public readonly record struct BookDepth(
    Quantity BidSize,
    Quantity AskSize,
    decimal BidNotional,
    decimal AskNotional,
    int BidLevels,
    int AskLevels);
