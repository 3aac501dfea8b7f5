using FlowSight.Core;

namespace FlowSight.Engine.Instruments;

/// <summary>
/// A common (base-asset) quantity converted to a venue quantity: whole steps only, rounded down, with what did not fit.
/// </summary>
/// <param name="Quantity">The venue quantity (contracts for OKX and Gate.io swaps), a multiple of the step size, never more than asked.</param>
/// <param name="Unfilled">The common quantity left over: asked − <see cref="Quantity"/> × multiplier, at least zero and below one step.</param>
public readonly record struct ContractQuantity(Quantity Quantity, Quantity Unfilled);
