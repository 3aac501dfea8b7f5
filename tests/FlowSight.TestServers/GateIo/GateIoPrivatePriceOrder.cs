namespace FlowSight.TestServers.GateIo;

/// <summary>A USDT futures price-triggered order held by a <see cref="GateIoPrivateExchange"/> until its trigger is met.</summary>
public sealed class GateIoPrivatePriceOrder
{
    /// <summary>Gate's auto-order id.</summary>
    public required long Id { get; init; }

    /// <summary>The contract.</summary>
    public required GateIoPrivateMarket Market { get; init; }

    /// <summary>The <c>initial</c> order as the client sent it: placed when the trigger is met.</summary>
    public required System.Text.Json.Nodes.JsonObject Initial { get; init; }

    /// <summary>Signed size of the initial order.</summary>
    public required decimal Size { get; init; }

    /// <summary>The initial order's <c>text</c> (the client's id, <c>t-…</c>).</summary>
    public required string Text { get; init; }

    /// <summary><c>trigger.price_type</c>: 0 last, 1 mark.</summary>
    public required int PriceType { get; init; }

    /// <summary><c>trigger.price</c>.</summary>
    public required decimal TriggerPrice { get; init; }

    /// <summary><c>trigger.rule</c>: 1 fires at or above the trigger, 2 at or below.</summary>
    public required int Rule { get; init; }

    /// <summary><c>open</c> or <c>finished</c>.</summary>
    public string Status { get; set; } = "open";

    /// <summary><c>succeeded</c>, <c>cancelled</c>, <c>failed</c> (null while open).</summary>
    public string? FinishAs { get; set; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>The regular order placed on trigger (0 before).</summary>
    public long TradeId { get; set; }

    /// <summary>Creation, Unix ms.</summary>
    public long CreateTimeMs { get; init; }

    /// <summary>End, Unix ms (0 while open).</summary>
    public long FinishTimeMs { get; set; }

    /// <summary>True while waiting for its trigger.</summary>
    public bool IsOpen => Status == "open";

    /// <summary>True when <paramref name="price"/> meets the trigger.</summary>
    public bool Fires(decimal price) => Rule == 1 ? price >= TriggerPrice : price <= TriggerPrice;
}
