namespace FlowSight.Venues.GateIo.Trading;

/// <summary>The price a futures price-triggered order watches (Gate's <c>trigger.price_type</c>).</summary>
public enum GateIoTriggerPrice
{
    /// <summary>The last trade price (<c>0</c>).</summary>
    Last = 0,

    /// <summary>The mark price (<c>1</c>).</summary>
    Mark = 1,
}
