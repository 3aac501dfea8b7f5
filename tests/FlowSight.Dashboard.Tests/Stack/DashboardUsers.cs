namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>Who logs in: the demo's own admin (demo/demo, as the README says) and a viewer and a trader added for the tests.</summary>
public static class DashboardUsers
{
    /// <summary>The demo's local user, an admin.</summary>
    public const string Demo = "demo";

    /// <summary>May look, not trade.</summary>
    public const string Viewer = "viewer";

    /// <summary>May trade, not use the kill switch.</summary>
    public const string Trader = "trader";

    /// <summary>The test users' passwords are their names (the demo user's too).</summary>
    public static string PasswordOf(string user) => user;
}
