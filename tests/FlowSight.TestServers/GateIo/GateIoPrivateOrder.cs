namespace FlowSight.TestServers.GateIo;

/// <summary>An order held by a <see cref="GateIoPrivateExchange"/>: spot amounts are positive with a side, futures sizes are signed.</summary>
public sealed class GateIoPrivateOrder
{
    /// <summary>Gate's order id.</summary>
    public required long Id { get; init; }

    /// <summary>The client's <c>text</c> (with its <c>t-</c>).</summary>
    public required string Text { get; init; }

    /// <summary>The market.</summary>
    public required GateIoPrivateMarket Market { get; init; }

    /// <summary><c>buy</c> or <c>sell</c>.</summary>
    public required string Side { get; init; }

    /// <summary><c>limit</c> or <c>market</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Total amount (spot) or absolute size (futures).</summary>
    public decimal Amount { get; set; }

    /// <summary>Limit price (0 for market).</summary>
    public decimal Price { get; set; }

    /// <summary><c>gtc</c>, <c>ioc</c>, <c>poc</c>, <c>fok</c>.</summary>
    public required string TimeInForce { get; init; }

    /// <summary>Futures reduce-only.</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>Filled so far.</summary>
    public decimal Filled { get; set; }

    /// <summary>Quote value filled.</summary>
    public decimal FilledTotal { get; set; }

    /// <summary>Fees charged.</summary>
    public decimal Fee { get; set; }

    /// <summary>The fee's currency.</summary>
    public string FeeCurrency { get; set; } = string.Empty;

    /// <summary>Null while open; else Gate's <c>finish_as</c>.</summary>
    public string? FinishAs { get; set; }

    /// <summary>Creation, Unix ms.</summary>
    public long CreateTimeMs { get; init; }

    /// <summary>Last change, Unix ms.</summary>
    public long UpdateTimeMs { get; set; }

    /// <summary>Locked funds (spot: quote for buys, base for sells).</summary>
    public decimal Locked { get; set; }

    /// <summary>Left to fill.</summary>
    public decimal Left => Amount - Filled;

    /// <summary>True while resting.</summary>
    public bool IsOpen => FinishAs is null;

    /// <summary>Signed size for futures (+ buy).</summary>
    public decimal SignedSize => Side == "sell" ? -Amount : Amount;
}
