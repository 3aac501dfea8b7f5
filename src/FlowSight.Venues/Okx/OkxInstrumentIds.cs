using FlowSight.Core;

namespace FlowSight.Venues.Okx;

/// <summary>
/// FlowSight's instrument ids for OKX instruments: OKX's <c>instId</c> already names the kind (spot <c>BTC-USDT</c>,
/// swap <c>BTC-USDT-SWAP</c>, futures <c>BTC-USD-220527</c>), so the id is the instId on the OKX venue
/// (<c>BTC-USDT.OKX</c>, <c>BTC-USDT-SWAP.OKX</c>, <c>BTC-USD-220527.OKX</c>).
/// </summary>
public static class OkxInstrumentIds
{
    /// <summary>The suffix OKX gives perpetual swaps.</summary>
    public const string SwapSuffix = "-SWAP";

    /// <summary>The id for <paramref name="instId"/> (OKX's upper-case instrument id).</summary>
    /// <exception cref="FormatException">The instId cannot be part of an <see cref="InstrumentId"/>.</exception>
    public static InstrumentId Of(string instId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instId);
        return InstrumentId.Of(instId.ToUpperInvariant(), Venue.Okx);
    }
}
