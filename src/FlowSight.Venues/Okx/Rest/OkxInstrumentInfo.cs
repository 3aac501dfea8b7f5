using FlowSight.Core;

namespace FlowSight.Venues.Okx.Rest;

/// <summary>One OKX instrument: the core spec plus the OKX fields it does not carry.</summary>
/// <param name="Spec">The spec: tick (<c>tickSz</c>), step (<c>lotSz</c>), minimum (<c>minSz</c>), contract multiplier (<c>ctVal</c> × <c>ctMult</c>), settle asset, leverage, expiry.</param>
/// <param name="Type">SPOT, SWAP or FUTURES.</param>
/// <param name="State">OKX's <c>state</c>: <c>live</c>, <c>suspend</c>, <c>preopen</c>, <c>test</c>.</param>
/// <param name="ContractValueCurrency">The currency of <c>ctVal</c> (<c>USD</c> for inverse, the base for linear); null for spot.</param>
/// <param name="ContractType">OKX's <c>ctType</c>: <c>linear</c> or <c>inverse</c>; null for spot.</param>
/// <param name="Underlying">OKX's <c>uly</c> (e.g. <c>BTC-USD</c>); null for spot.</param>
/// <param name="Alias">Futures alias (<c>this_week</c>, <c>quarter</c>…); null otherwise.</param>
/// <param name="ListTime">When the instrument was listed, Unix nanoseconds; null when OKX sent none.</param>
/// <param name="MarginLeverage">Spot margin leverage (<c>lever</c> on SPOT); null when none. Spot specs keep a leverage of 1.</param>
public sealed record OkxInstrumentInfo(
    Instrument Spec,
    OkxInstrumentType Type,
    string State,
    string? ContractValueCurrency,
    string? ContractType,
    string? Underlying,
    string? Alias,
    long? ListTime,
    decimal? MarginLeverage)
{
    /// <summary>True when OKX trades it now (<c>state</c> = <c>live</c>).</summary>
    public bool IsLive => string.Equals(State, "live", StringComparison.Ordinal);
}
