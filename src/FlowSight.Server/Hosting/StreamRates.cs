namespace FlowSight.Server.Hosting;

/// <summary>Most pushes per second per WebSocket client and topic; changes in between are coalesced into the latest state.</summary>
public sealed record StreamRates
{
    /// <summary>Book snapshots (default 20 Hz).</summary>
    public double BookHz { get; init; } = 20;

    /// <summary>Trade batches.</summary>
    public double TradesHz { get; init; } = 10;

    /// <summary>Candle updates.</summary>
    public double CandlesHz { get; init; } = 4;

    /// <summary>Orders and fills.</summary>
    public double OrdersHz { get; init; } = 10;

    /// <summary>Positions, account and risk.</summary>
    public double PortfolioHz { get; init; } = 4;

    /// <summary>Engine statistics.</summary>
    public double EngineHz { get; init; } = 1;
}
