using FlowSight.Venues.Network.Http;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>The answer of <c>public/instruments</c>: the instruments FlowSight represents, and the ones it had to leave out.</summary>
/// <param name="Instruments">The instruments, in OKX's order.</param>
/// <param name="Unsupported">Listings left out, with the reason (ticks or sizes finer than 9 decimals).</param>
public sealed record OkxInstrumentList(IReadOnlyList<OkxInstrumentInfo> Instruments, IReadOnlyList<UnsupportedInstrument> Unsupported)
{
    /// <summary>The specs of <see cref="Instruments"/>.</summary>
    public IEnumerable<Core.Instrument> Specs => Instruments.Select(i => i.Spec);

    /// <summary>The instrument with OKX's <paramref name="instId"/>, or null.</summary>
    public OkxInstrumentInfo? Find(string instId) =>
        Instruments.FirstOrDefault(i => string.Equals(i.Spec.VenueSymbol, instId, StringComparison.OrdinalIgnoreCase));
}
