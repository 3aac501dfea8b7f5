namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>The demo stack the dashboard's tests share (they run one at a time and leave no order working).</summary>
public sealed class DashboardFixture : DashboardHost;
