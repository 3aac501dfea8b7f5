namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>A demo stack of its own for the kill switch: halting is for good, so no other test may share it.</summary>
public sealed class KillSwitchFixture : DashboardHost;
