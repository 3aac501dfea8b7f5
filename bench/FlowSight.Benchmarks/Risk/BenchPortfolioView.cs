using FlowSight.Core;
using FlowSight.Engine.Portfolio;

namespace FlowSight.Benchmarks.Risk;

/// <summary>A fixed portfolio: a small long, a mark, some equity; constant answers.</summary>
internal sealed class BenchPortfolioView : IPortfolioView
{
    public decimal TotalPositionNotional => 25_000m;

    public decimal DailyPnl => -120.5m;

    public decimal Equity => 50_000m;

    public decimal NetPosition(InstrumentId instrument) => 0.1m;

    public decimal PositionNotional(InstrumentId instrument) => 5_000m;

    public decimal? MarkPrice(InstrumentId instrument) => 50_000m;
}
