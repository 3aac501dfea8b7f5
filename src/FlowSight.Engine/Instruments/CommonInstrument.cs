using FlowSight.Core;

namespace FlowSight.Engine.Instruments;

/// <summary>
/// Everything the registry knows about one <see cref="CommonInstrumentKey"/>: the venue instruments that trade it and
/// the common precisions every one of their prices and quantities converts to exactly.
/// </summary>
/// <param name="Key">The common key.</param>
/// <param name="Instruments">The venue instruments, ordered by id.</param>
/// <param name="PricePrecision">Decimals of common prices: the finest venue precision (after unit scaling).</param>
/// <param name="SizePrecision">Decimals of common sizes: enough for every venue quantity × multiplier.</param>
/// <param name="SizeAsset">The asset common sizes count (the base asset; the quote currency for inverse contracts).</param>
public sealed record CommonInstrument(
    CommonInstrumentKey Key,
    IReadOnlyList<InstrumentId> Instruments,
    byte PricePrecision,
    byte SizePrecision,
    string SizeAsset);
