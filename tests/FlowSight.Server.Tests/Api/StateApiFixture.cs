using FlowSight.Server.Tests.Stack;
using Xunit;

namespace FlowSight.Server.Tests.Api;

/// <summary>One real server stack for the read API tests (they only read, so they share it).</summary>
public sealed class StateApiFixture : IAsyncLifetime
{
    private ServerStack? _stack;

    /// <summary>The stack.</summary>
    public ServerStack Stack => _stack ?? throw new InvalidOperationException("The stack has not started.");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => _stack = await ServerStack.StartAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
