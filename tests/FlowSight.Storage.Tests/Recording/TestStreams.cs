namespace FlowSight.Storage.Tests.Recording;

// MemoryStream.ToArray works after Dispose, so the tests read what the recorder wrote once it closed the "file".

/// <summary>A file stand-in that accepts <c>capacity</c> bytes and then fails like a full disk, keeping what it accepted.</summary>
internal sealed class FullDiskStream(int capacity) : MemoryStream
{
    // Span writes on a MemoryStream subclass arrive here through Stream's array-based fallback.
    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Length + count > capacity)
        {
            throw new IOException("No space left on device");
        }

        base.Write(buffer, offset, count);
    }
}

/// <summary>A file stand-in whose writes block until released, to fill the recorder's queue; it reports the first write.</summary>
internal sealed class GatedStream : MemoryStream
{
    private readonly ManualResetEventSlim _gate = new(false);

    public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.Set();

    public override void Write(byte[] buffer, int offset, int count)
    {
        FirstWrite.TrySetResult();
        if (!_gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The test never released the stream.");
        }

        base.Write(buffer, offset, count);
    }
}

/// <summary>A file stand-in that reports writes and flushes.</summary>
internal sealed class SignallingStream : MemoryStream
{
    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Flushed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        Written.TrySetResult();
    }

    public override void Flush()
    {
        base.Flush();
        Flushed.TrySetResult();
    }
}
