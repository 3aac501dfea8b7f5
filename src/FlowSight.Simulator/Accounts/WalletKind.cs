namespace FlowSight.Simulator.Accounts;

/// <summary>Which wallet of an account a balance belongs to: Binance keeps spot and USDⓈ-M futures wallets apart.</summary>
public enum WalletKind : byte
{
    /// <summary>Spot balances: free and locked per asset.</summary>
    Spot = 0,

    /// <summary>The futures wallet: collateral for perpetual positions, per settle asset.</summary>
    Futures = 1,
}
