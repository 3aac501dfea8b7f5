using FlowSight.Core;
using FlowSight.Engine.Portfolio;

namespace FlowSight.Engine.Tests.Risk;

/// <summary>Positions, marks, PnL and equity as a test sets them; notionals follow from positions × marks.</summary>
internal sealed class TestPortfolioView : IPortfolioView
{
    private readonly Dictionary<InstrumentId, decimal> _positions = [];
    private readonly Dictionary<InstrumentId, decimal> _marks = [];

    public decimal DailyPnl { get; set; }

    public decimal Equity { get; set; } = 100_000m;

    public decimal TotalPositionNotional
    {
        get
        {
            var sum = 0m;
            foreach (var id in _positions.Keys)
            {
                sum += PositionNotional(id);
            }

            return sum;
        }
    }

    public void SetPosition(InstrumentId instrument, decimal position) => _positions[instrument] = position;

    public void SetMark(InstrumentId instrument, decimal mark) => _marks[instrument] = mark;

    public void ClearMark(InstrumentId instrument) => _marks.Remove(instrument);

    public decimal NetPosition(InstrumentId instrument) => _positions.GetValueOrDefault(instrument);

    public decimal PositionNotional(InstrumentId instrument) =>
        Math.Abs(NetPosition(instrument)) * _marks.GetValueOrDefault(instrument);

    public decimal? MarkPrice(InstrumentId instrument) => _marks.TryGetValue(instrument, out var mark) ? mark : null;
}
