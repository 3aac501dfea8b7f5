using FlowSight.PaperVenue.Exchange;

namespace FlowSight.PaperVenue.Tests.Okx;

/// <summary>Completes once the exchange clock reaches <paramref name="target"/> (Unix ns): a test waits on exchange time without sleeping.</summary>
internal sealed class ExchangeTimeReached(long target) : IPaperFeed
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _reached.Task;

    public void OnTick(long now)
    {
        if (now >= target)
        {
            _reached.TrySetResult();
        }
    }
}
