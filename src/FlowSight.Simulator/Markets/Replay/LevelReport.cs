using FlowSight.Core;

namespace FlowSight.Simulator.Markets.Replay;

/// <summary>A book level to report: raw price and size at the instrument's precisions.</summary>
internal record struct LevelReport(OrderSide Side, long PriceRaw, long SizeRaw, long Timestamp);
