namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>What OKX reports of an order that the simulated exchange does not keep: its tag, trade mode, OKX order type and why the system canceled it.</summary>
internal sealed class OkxOrderExtra
{
    /// <summary>The <c>tag</c> sent.</summary>
    public string Tag { get; init; } = string.Empty;

    /// <summary><c>cross</c> or <c>isolated</c>.</summary>
    public string TdMode { get; init; } = "cross";

    /// <summary>The <c>ordType</c> sent (e.g. <c>optimal_limit_ioc</c>), null to derive it from type and time in force.</summary>
    public string? OrdType { get; init; }

    /// <summary>OKX's <c>cancelSource</c> once the system canceled it (e.g. 31: a post-only order that would take).</summary>
    public string CancelSource { get; set; } = string.Empty;
}
