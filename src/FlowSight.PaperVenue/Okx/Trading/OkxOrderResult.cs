namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>
/// One order's answer to a place, cancel or amend request (<c>data[i]</c>): its ids and <c>sCode</c>/<c>sMsg</c>;
/// an amend's answer carries <c>reqId</c> instead of <c>tag</c> (<paramref name="ReqId"/> not null).
/// </summary>
internal readonly record struct OkxOrderResult(string OrdId, string ClOrdId, string Tag, string SCode, string SMsg, long Ts, string? ReqId = null)
{
    /// <summary>True when <see cref="SCode"/> is "0".</summary>
    public bool Succeeded => SCode == "0";
}
