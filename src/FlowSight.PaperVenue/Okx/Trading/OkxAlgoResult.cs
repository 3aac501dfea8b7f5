namespace FlowSight.PaperVenue.Okx.Trading;

/// <summary>One item of a <c>trade/order-algo</c> or <c>cancel-algos</c> answer: <c>sCode</c> "0" when it succeeded.</summary>
internal readonly record struct OkxAlgoResult(string AlgoId, string AlgoClOrdId, string Tag, string SCode, string SMsg)
{
    /// <summary>True when the venue took the request.</summary>
    public bool Succeeded => SCode == "0";
}
