using FlowSight.Core;

namespace FlowSight.Engine.Exits;

/// <summary>How the exit manager places exits.</summary>
public sealed record ExitManagerOptions
{
    /// <summary>
    /// True: fixed stops and take-profits become venue-native StopMarket / TakeProfitMarket orders when a plan is
    /// tracked, for instruments whose venue takes them (<see cref="NativeStopsSupported"/>); everywhere else, and for
    /// trailing and time stops, exits stay local. False (the default): every exit is watched locally and closes with
    /// a market order.
    /// </summary>
    public bool UseVenueNativeStops { get; init; }

    /// <summary>
    /// Whether an instrument's venue takes the native stop orders the exit manager sends (reduce-only
    /// StopMarket / TakeProfitMarket with a trigger price). Default: <see cref="VenueTakesNativeStops"/>.
    /// </summary>
    public Func<InstrumentId, bool> NativeStopsSupported { get; init; } = VenueTakesNativeStops;

    /// <summary>The <c>Origin</c> of exit orders, followed by the exit kind (<c>exit:StopLoss</c>).</summary>
    public string Origin { get; init; } = "exit";

    /// <summary>
    /// True for Binance USDⓈ-M perpetuals (<c>*-PERP.BINANCE</c>: reduce-only conditional orders through Binance's
    /// algo service), Gate.io USDT perpetuals (<c>*-PERP.GATEIO</c>: reduce-only price-triggered orders) and OKX swaps
    /// (<c>*-SWAP.OKX</c>: reduce-only <c>conditional</c> algo orders). Binance spot has stop orders but no reduce-only:
    /// its exits stay local.
    /// </summary>
    public static bool VenueTakesNativeStops(InstrumentId instrument) =>
        (instrument.Venue == Venue.Binance && instrument.Symbol.EndsWith("-PERP", StringComparison.Ordinal))
        || (instrument.Venue == Venue.GateIo && instrument.Symbol.EndsWith("-PERP", StringComparison.Ordinal))
        || (instrument.Venue == Venue.Okx && instrument.Symbol.EndsWith("-SWAP", StringComparison.Ordinal));
}
