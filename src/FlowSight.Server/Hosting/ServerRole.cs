namespace FlowSight.Server.Hosting;

/// <summary>What a user may do: viewers read, traders also place and cancel orders, admins also work the kill switch.</summary>
public enum ServerRole
{
    /// <summary>Reads everything; trades nothing.</summary>
    Viewer,
    /// <summary>Places, replaces and cancels orders.</summary>
    Trader,
    /// <summary>Also trips and resets the kill switch.</summary>
    Admin,
}
