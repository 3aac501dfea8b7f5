namespace FlowSight.Venues.Network;

/// <summary>
/// A minimal <see cref="IObservable{T}"/> for rare events (state changes): observers are called synchronously, in
/// subscription order, on the publishing thread; one throwing observer does not stop the others.
/// </summary>
internal sealed class EventBroadcaster<T> : IObservable<T>
{
    private readonly Lock _gate = new();
    private IObserver<T>[] _observers = [];
    private bool _completed;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            if (_completed)
            {
                observer.OnCompleted();
                return Unsubscriber.None;
            }

            _observers = [.. _observers, observer];
        }

        return new Unsubscriber(this, observer);
    }

    public void Publish(T value)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnNext(value);
            }
            catch (Exception)
            {
                // An observer's failure is its own; the connection must carry on.
            }
        }
    }

    public void Complete()
    {
        IObserver<T>[] observers;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            observers = _observers;
            _observers = [];
        }

        foreach (var observer in observers)
        {
            try
            {
                observer.OnCompleted();
            }
            catch (Exception)
            {
                // As in Publish.
            }
        }
    }

    private void Remove(IObserver<T> observer)
    {
        lock (_gate)
        {
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
        }
    }

    private sealed class Unsubscriber(EventBroadcaster<T>? owner, IObserver<T>? observer) : IDisposable
    {
        public static readonly Unsubscriber None = new(null, null);

        public void Dispose()
        {
            if (owner is not null && observer is not null)
            {
                owner.Remove(observer);
            }
        }
    }
}
