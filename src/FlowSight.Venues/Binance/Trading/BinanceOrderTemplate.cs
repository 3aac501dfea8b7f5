using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// The parameters one kind of new order always starts with, and the signer's SHA-256 state after their whole blocks
/// (see <see cref="BinanceOrderTemplates"/>). Read-only once created.
/// </summary>
internal sealed class BinanceOrderTemplate(long kind, byte[] symbol, byte[] parameters, HmacSha256Midstate.Prefix prefix)
{
    /// <summary>Market, side, position side, type, time in force and reduce-only, packed.</summary>
    public long Kind { get; } = kind;

    /// <summary>The venue symbol's bytes.</summary>
    public ReadOnlySpan<byte> Symbol => symbol;

    /// <summary>The kind's parameters, as <see cref="BinanceOrderEncoder.WriteKind"/> writes them.</summary>
    public ReadOnlySpan<byte> Parameters => parameters;

    /// <summary>The inner hash after the parameters' whole blocks.</summary>
    public HmacSha256Midstate.Prefix Prefix { get; } = prefix;
}
