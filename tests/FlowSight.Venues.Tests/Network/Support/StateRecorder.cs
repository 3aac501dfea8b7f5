using FlowSight.TestServers.Binance;
using FlowSight.Venues.Network;

namespace FlowSight.Venues.Tests.Network.Support;

/// <summary>Collects <see cref="ConnectionStateChanged"/> events for assertions and waits.</summary>
public sealed class StateRecorder : IObserver<ConnectionStateChanged>
{
    private readonly List<ConnectionStateChanged> _changes = [];
    private readonly WsSignal _signal = new();

    /// <summary>The changes so far.</summary>
    public IReadOnlyList<ConnectionStateChanged> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>The states entered so far, in order.</summary>
    public IReadOnlyList<ConnectionState> States => [.. Changes.Select(c => c.Current)];

    /// <summary>Waits until <paramref name="state"/> was entered <paramref name="times"/> times; returns the last such change.</summary>
    public async Task<ConnectionStateChanged> WaitForAsync(ConnectionState state, int times = 1, TimeSpan? timeout = null)
    {
        await _signal.WaitAsync(
            () => Changes.Count(c => c.Current == state) >= times,
            timeout ?? TimeSpan.FromSeconds(15),
            $"{state} x{times} (seen: {string.Join(" > ", Changes.Select(c => $"{c.Current}[{c.Reason}]"))})");
        return Changes.Where(c => c.Current == state).ElementAt(times - 1);
    }

    /// <inheritdoc />
    public void OnCompleted()
    {
    }

    /// <inheritdoc />
    public void OnError(Exception error)
    {
    }

    /// <inheritdoc />
    public void OnNext(ConnectionStateChanged value)
    {
        lock (_changes)
        {
            _changes.Add(value);
        }

        _signal.Pulse();
    }
}
