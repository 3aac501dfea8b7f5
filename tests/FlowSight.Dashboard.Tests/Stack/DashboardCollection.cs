using Xunit;

namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>The tests on the shared demo stack; alone (not beside the kill switch's stack: 2 cores would starve the pushes).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Dashboard";
}
