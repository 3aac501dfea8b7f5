namespace FlowSight.TestServers.GateIo;

/// <summary>
/// One market of a <see cref="GateIoPrivateServer"/>: a spot currency pair or a USDT contract, with the price at which
/// incoming orders trade and how much they can take there (<see cref="Depth"/>; less than an order's size fills it
/// partially).
/// </summary>
public sealed class GateIoPrivateMarket
{
    /// <summary>Gate's name, e.g. <c>BTC_USDT</c>.</summary>
    public required string Name { get; init; }

    /// <summary>True for a USDT perpetual (sizes in contracts), false for a spot pair.</summary>
    public bool IsFutures { get; init; }

    /// <summary>The price marketable orders fill at; a buy at or above it (a sell at or below it) is marketable.</summary>
    public required decimal Price { get; set; }

    /// <summary>The mark price (futures), when the test sets one; price orders on the mark watch it.</summary>
    public decimal? MarkPrice { get; set; }

    /// <summary>Base asset (spot) or contracts (futures) available to takers at <see cref="Price"/>, per order.</summary>
    public decimal Depth { get; set; } = decimal.MaxValue;

    /// <summary>Base per contract (<c>quanto_multiplier</c>).</summary>
    public decimal QuantoMultiplier { get; init; } = 1m;

    /// <summary>Base currency (spot).</summary>
    public string Base => Name[..Name.IndexOf('_', StringComparison.Ordinal)];

    /// <summary>Quote currency (spot) or settle (futures).</summary>
    public string Quote => Name[(Name.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
