namespace FlowSight.Core;

/// <summary>
/// One venue account as the execution layer names it: the venue and the account's name (the configuration key an
/// <see cref="IExecutionClient.Account"/> carries, never the API key). Balances, equity and margin are kept per
/// <see cref="VenueAccount"/>; a Binance spot and a Binance USDⓈ-M account are two of them.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Name">The account's name; empty for an instrument or report no account was given for.</param>
public readonly record struct VenueAccount(Venue Venue, string Name)
{
    /// <summary><c>BINANCE/usdm</c>; <c>BINANCE</c> when the name is empty.</summary>
    public override string ToString() => string.IsNullOrEmpty(Name) ? Venue.Name : $"{Venue.Name}/{Name}";
}
