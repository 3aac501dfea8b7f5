namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>One order's answer to a place or cancel request (<c>data[i]</c>): its ids and <c>sCode</c>/<c>sMsg</c>.</summary>
internal readonly record struct OkxOrderResult(string OrdId, string ClOrdId, string Tag, string SCode, string SMsg, long Ts)
{
    /// <summary>True when <see cref="SCode"/> is "0".</summary>
    public bool Succeeded => SCode == "0";
}
