namespace FlowSight.Venues.GateIo.Parsing;

/// <summary>
/// A Gate.io reply to a request (<c>{"time","id","channel","event","error","result":{"status":"success"}}</c>), without
/// its texts. Gate's rule: the request succeeded when <c>error</c> is null.
/// </summary>
/// <param name="Event">The request's event.</param>
/// <param name="Channel">The channel the request named.</param>
/// <param name="Market">The market of the channel's prefix.</param>
/// <param name="RequestId">The request's <c>id</c>, echoed by Gate, or -1 when the request had none.</param>
/// <param name="ErrorCode">Gate's <c>error.code</c> (1 invalid request body, 2 invalid argument, 3 server error, 4 authentication), 0 on success.</param>
public readonly record struct GateIoControlMessage(GateIoControlEvent Event, GateIoChannel Channel, GateIoMarket Market, long RequestId, int ErrorCode)
{
    /// <summary>True when Gate refused the request.</summary>
    public bool IsError => ErrorCode != 0;
}
