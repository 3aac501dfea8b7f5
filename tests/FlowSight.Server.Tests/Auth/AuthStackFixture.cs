using FlowSight.Engine.Risk;
using FlowSight.Server.Tests.Stack;
using Xunit;

namespace FlowSight.Server.Tests.Auth;

/// <summary>
/// One real server stack per test class (paper venue, engine, feeds, trading node, replica, server) with a 1-unit
/// order quantity limit, so a risk refusal is easy to provoke. Tests in a class run one after another.
/// </summary>
public sealed class AuthStackFixture : IAsyncLifetime
{
    /// <summary>The largest order quantity the risk engine lets through.</summary>
    public const decimal MaxOrderQuantity = 1m;

    private ServerStack? _stack;

    /// <summary>The stack.</summary>
    public ServerStack Stack => _stack ?? throw new InvalidOperationException("The stack has not started.");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() =>
        _stack = await ServerStack.StartAsync(new RiskLimits { Defaults = new InstrumentRiskLimits { MaxOrderQuantity = MaxOrderQuantity } });

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
