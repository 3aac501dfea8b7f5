using Xunit;

namespace FlowSight.Dashboard.Tests.Stack;

/// <summary>The kill switch's test, on a stack of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KillSwitchCollection : ICollectionFixture<KillSwitchFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "KillSwitch";
}
