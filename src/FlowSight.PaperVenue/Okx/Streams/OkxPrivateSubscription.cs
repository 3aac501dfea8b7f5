namespace FlowSight.PaperVenue.Okx.Streams;

/// <summary>One private channel subscription: the <c>arg</c> JSON pushes echo (with <c>uid</c>) and the instrument filter.</summary>
/// <param name="ArgJson">e.g. <c>{"channel":"orders","instType":"SWAP","uid":"1"}</c>.</param>
/// <param name="InstId">Only this instrument; null for all.</param>
public sealed record OkxPrivateSubscription(string ArgJson, string? InstId);
