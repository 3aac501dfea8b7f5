using FlowSight.Core;

namespace FlowSight.Engine.OrderBook;

/// <summary>
/// What an aggressive order of <see cref="Requested"/> would get by walking one side of an <see cref="L2OrderBook"/>
/// (ignoring fees, latency and hidden liquidity): the volume-weighted average price and whether the book is deep
/// enough.
/// </summary>
/// <param name="Requested">The size asked for, at the book's size precision.</param>
/// <param name="Filled">The size the book can fill (equals <see cref="Requested"/> when <see cref="IsComplete"/>).</param>
/// <param name="Notional">Σ price × size over the levels consumed, exact.</param>
/// <param name="AveragePrice">The volume-weighted average price (<see cref="Notional"/> / <see cref="Filled"/>), 0 when nothing fills.</param>
/// <param name="WorstPrice">The last (deepest) price touched; zero when nothing fills.</param>
/// <param name="Levels">How many levels the fill consumes, fully or partly.</param>
public readonly record struct FillEstimate(
    Quantity Requested,
    Quantity Filled,
    decimal Notional,
    decimal AveragePrice,
    Price WorstPrice,
    int Levels)
{
    /// <summary>True when the book holds enough size to fill the whole request.</summary>
    public bool IsComplete => Filled == Requested;
}
