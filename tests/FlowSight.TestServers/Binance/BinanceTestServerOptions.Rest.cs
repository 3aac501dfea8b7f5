namespace FlowSight.TestServers.Binance;

/// <summary>The REST settings of a <see cref="BinanceTestServer"/>.</summary>
public sealed partial class BinanceTestServerOptions
{
    /// <summary>
    /// The shared data folder (<c>../shared/data</c>) the REST side loads exchangeInfo and depth snapshots from; null
    /// serves only the built-in COIN-M exchangeInfo and generated data.
    /// </summary>
    public string? RestDataRoot { get; init; }

    /// <summary>The seed of the generated klines, funding, open interest and mark prices.</summary>
    public int RestSeed { get; init; } = 42;
}
