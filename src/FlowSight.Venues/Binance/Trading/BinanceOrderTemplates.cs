using FlowSight.Core;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Binance.Trading;

/// <summary>
/// One signer's new-order templates: per order kind (market, symbol, side, position side, type, time in force,
/// reduce-only), the parameters that kind fixes (<see cref="BinanceOrderEncoder.WriteKind"/>) and the key's inner
/// SHA-256 state after their whole 64-byte blocks, so that signing an order of a known kind hashes only its own
/// values, timing and the padding (a USDⓈ-M post-only limit: 2 inner blocks instead of 3).
/// </summary>
/// <remarks>
/// A handful of kinds per instrument are in use, so the templates sit in a small array searched linearly (the kind
/// packed in one <see cref="long"/>, then the symbol's bytes). Lookups read an immutable snapshot; a new kind is added
/// under a lock by copying the array. At most <see cref="Capacity"/> kinds are kept: beyond, <see cref="Get"/> answers
/// null and the order is signed whole (the same bytes, one block more to hash), so nothing allocates per order.
/// </remarks>
internal sealed class BinanceOrderTemplates(HmacSha256Midstate midstate)
{
    /// <summary>The most templates kept.</summary>
    public const int Capacity = 64;

    private const int BlockSize = 64;

    private readonly Lock _lock = new();
    private volatile BinanceOrderTemplate[] _templates = [];

    /// <summary>Templates kept so far.</summary>
    public int Count => _templates.Length;

    /// <summary>The template for <paramref name="order"/>'s kind, created on first use; null when the cache is full.</summary>
    /// <exception cref="NotSupportedException">The market has no such order type, or spot was asked for reduce-only.</exception>
    public BinanceOrderTemplate? Get(BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order)
    {
        var kind = Kind(market, order);
        foreach (var template in _templates)
        {
            if (template.Kind == kind && symbol.SequenceEqual(template.Symbol))
            {
                return template;
            }
        }

        return Add(kind, market, symbol, order);
    }

    /// <summary>
    /// The hashed prefix of a kept template that <paramref name="parameters"/> begin with, or null: how a request
    /// signed as it leaves (<see cref="BinanceSigningHandler"/>) finds the state its new order's kind left.
    /// </summary>
    public HmacSha256Midstate.Prefix? FindPrefix(ReadOnlySpan<byte> parameters)
    {
        foreach (var template in _templates)
        {
            var prefix = template.Prefix;
            if (prefix.Bytes.Length > 0 && parameters.StartsWith(prefix.Bytes))
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>Zeroes the templates' key-derived states.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var template in _templates)
            {
                template.Prefix.Clear();
            }

            _templates = [];
        }
    }

    private BinanceOrderTemplate? Add(long kind, BinanceMarket market, ReadOnlySpan<byte> symbol, in SubmitOrder order)
    {
        Span<byte> buffer = stackalloc byte[BinanceOrderEncoder.MaxRequestLength];
        var writer = new BinanceQueryWriter(buffer);
        BinanceOrderEncoder.WriteKind(ref writer, market, symbol, order);
        var parameters = writer.Written;
        lock (_lock)
        {
            var templates = _templates;
            foreach (var template in templates)
            {
                if (template.Kind == kind && symbol.SequenceEqual(template.Symbol))
                {
                    return template;
                }
            }

            if (templates.Length >= Capacity)
            {
                return null;
            }

            var created = new BinanceOrderTemplate(kind, symbol.ToArray(), parameters.ToArray(), midstate.CreatePrefix(parameters[..(parameters.Length / BlockSize * BlockSize)]));
            _templates = [.. templates, created];
            return created;
        }
    }

    private static long Kind(BinanceMarket market, in SubmitOrder order) =>
        (long)market
        | ((long)order.Side << 8)
        | ((long)order.PositionSide << 16)
        | ((long)order.Type << 24)
        | ((long)order.TimeInForce << 32)
        | ((order.ReduceOnly ? 1L : 0L) << 40);
}
