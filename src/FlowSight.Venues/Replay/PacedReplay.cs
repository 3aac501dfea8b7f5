using FlowSight.Engine.Replay;

namespace FlowSight.Venues.Replay;

/// <summary>Processes one recorded frame; the frame's memory is valid only during the call.</summary>
public delegate void RecordedFrameHandler(in RecordedFrame frame);

/// <summary>Feeds a recording to a venue's replay, as fast as possible or at the recorded pace.</summary>
public static class PacedReplay
{
    /// <summary>Reads every frame of <paramref name="source"/> into <paramref name="process"/>, waiting on <paramref name="pacer"/> before each.</summary>
    public static async Task RunAsync(IRecordedFrameSource source, ReplayPacer pacer, RecordedFrameHandler process, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(pacer);
        ArgumentNullException.ThrowIfNull(process);
        while (source.TryRead(out var frame))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!pacer.IsUnpaced)
            {
                await pacer.WaitAsync(frame.ReceiveTime, cancellationToken).ConfigureAwait(false);
            }

            process(frame); // the frame's memory is still valid: nothing was read since
        }
    }
}
