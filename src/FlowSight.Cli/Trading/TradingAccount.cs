namespace FlowSight.Cli.Trading;

/// <summary>
/// One venue account the <c>flowsight</c> command trades: where the venue is and how to sign in. Comes from the
/// <c>Accounts</c> section of the configuration, or from the file <c>flowsight sim</c> writes for its paper venue.
/// </summary>
internal sealed record TradingAccount
{
    /// <summary>The account's name (config key).</summary>
    public required string Name { get; init; }

    /// <summary>binance-usdm, binance-spot, okx, gate-spot or gate-futures.</summary>
    public required string Venue { get; init; }

    /// <summary>REST base address.</summary>
    public required Uri Rest { get; init; }

    /// <summary>WebSocket base (Binance: the stream host; OKX: the private endpoint; Gate: the private WebSocket).</summary>
    public required Uri WebSocket { get; init; }

    /// <summary>API key.</summary>
    public required string ApiKey { get; init; }

    /// <summary>API secret.</summary>
    public required string ApiSecret { get; init; }

    /// <summary>OKX passphrase.</summary>
    public string? Passphrase { get; init; }

    /// <summary>Gate.io user id (its futures private channels name it).</summary>
    public string? UserId { get; init; }

    /// <summary>Symbols to trade (empty: every symbol the venue lists).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>The venues the command knows.</summary>
    public static IReadOnlyList<string> KnownVenues { get; } = ["binance-usdm", "binance-spot", "okx", "gate-spot", "gate-futures"];
}
