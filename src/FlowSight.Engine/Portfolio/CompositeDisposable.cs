namespace FlowSight.Engine.Portfolio;

/// <summary>Disposes several subscriptions as one.</summary>
internal sealed class CompositeDisposable(IDisposable[] parts) : IDisposable
{
    public void Dispose()
    {
        foreach (var part in parts)
        {
            part.Dispose();
        }
    }
}
