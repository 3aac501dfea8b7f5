using FlowSight.Core;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>Recorded liquidity our taker orders used at one level, not offered again until the feed updates the level.</summary>
internal record struct ConsumedLiquidity(OrderSide Side, long PriceRaw, long QuantityRaw);
