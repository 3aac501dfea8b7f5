namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>Who logs in: the demo's own admin (demo/demo, as the README says) and a viewer and a trader added for the tests.</summary>
public static class DashboardUsers
{
    /// <summary>The demo's local user, an admin.</summary>
    public const string Demo = "demo";

    /// <summary>May look, not trade.</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// Who places orders: the demo admin until the demo stack takes a trader (DemoOptions has no extra users yet;
    /// asked of its owner), then <c>trader</c>.
    /// </summary>
    public const string Trader = Demo;

    /// <summary>The test users' passwords are their names (the demo user's too).</summary>
    public static string PasswordOf(string user) => user;
}
