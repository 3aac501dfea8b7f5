using System.Buffers;
using System.Runtime.InteropServices;

namespace FlowSight.Venues.Network;

/// <summary>
/// The gap-free, duplicate-free hand-over between two sockets carrying the same streams (a rotation). Pure logic,
/// no I/O, not thread-safe (the connection calls it under its delivery lock).
/// <para>
/// While both sockets are open the old one keeps delivering and its highest sequence per stream is the watermark
/// <c>W</c>; the new one's frames are buffered. A stream is <i>confirmed</i> when the new socket's first frame for it
/// is at or below <c>W</c>: the new socket then holds everything after <c>W</c>, so switching loses nothing.
/// Once every stream seen on either socket is confirmed (or the caller forces it), <see cref="Switch"/> releases
/// the buffered frames above <c>W</c> in arrival order, and after the switch <see cref="ShouldDeliver"/> drops the
/// new socket's frames at or below <c>W</c> until it has reached the watermark on every stream.
/// </para>
/// <para>
/// With both sockets fed the same ordered streams, the handler sees each frame exactly once and in order.
/// A stream that stays quiet on one socket cannot be confirmed; the caller's overlap timeout then forces the switch
/// and <see cref="UnconfirmedAtSwitch"/> counts it.
/// </para>
/// </summary>
public sealed class OverlapDeduplicator : IDisposable
{
    private readonly Dictionary<long, StreamState> _streams = [];
    private readonly List<BufferedFrame> _buffered = [];
    private readonly int _maxBufferBytes;
    private byte[] _arena = [];
    private int _arenaUsed;
    private int _confirmed;
    private int _pendingCatchUp;

    /// <summary>Creates a deduplicator that buffers at most <paramref name="maxBufferBytes"/> of the new socket's frames.</summary>
    public OverlapDeduplicator(int maxBufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBufferBytes);
        _maxBufferBytes = maxBufferBytes;
    }

    /// <summary>The current phase.</summary>
    public OverlapPhase Phase { get; private set; }

    /// <summary>True when every stream seen so far is confirmed (and at least one was seen): switching now loses nothing.</summary>
    public bool IsReadyToSwitch => _streams.Count > 0 && _confirmed == _streams.Count;

    /// <summary>True when a frame did not fit the buffer: the caller should switch now.</summary>
    public bool IsBufferFull { get; private set; }

    /// <summary>After the switch: true when the new socket has reached the watermark on every stream.</summary>
    public bool IsDrained => Phase == OverlapPhase.Draining && _pendingCatchUp == 0;

    /// <summary>Streams seen during the overlap.</summary>
    public int Streams => _streams.Count;

    /// <summary>Streams that were not confirmed when the switch happened (a possible gap, see the class remarks).</summary>
    public int UnconfirmedAtSwitch { get; private set; }

    /// <summary>Frames of the new socket buffered during the overlap.</summary>
    public long BufferedFrames { get; private set; }

    /// <summary>Frames of the new socket dropped because the old socket had delivered them.</summary>
    public long DuplicatesDropped { get; private set; }

    /// <summary>The old socket delivered a keyed frame: raise the watermark.</summary>
    public void RecordOld(in StreamSequenceKey key)
    {
        ThrowIfNot(OverlapPhase.Overlap);
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, key.Stream, out _);
        if (!state.HasOld || key.Sequence > state.Watermark)
        {
            state.Watermark = key.Sequence;
        }

        state.HasOld = true;
        Confirm(ref state);
    }

    /// <summary>Buffers a keyed frame of the new socket. False when the buffer is full (the frame is not kept: switch now).</summary>
    public bool BufferNew(in StreamSequenceKey key, ReadOnlySpan<byte> payload, long receivedAtNanos, bool isText)
    {
        ThrowIfNot(OverlapPhase.Overlap);
        if (_arenaUsed + payload.Length > _maxBufferBytes)
        {
            IsBufferFull = true;
            return false;
        }

        EnsureArena(payload.Length);
        payload.CopyTo(_arena.AsSpan(_arenaUsed));
        _buffered.Add(new BufferedFrame(key, _arenaUsed, payload.Length, receivedAtNanos, isText));
        _arenaUsed += payload.Length;
        BufferedFrames++;

        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, key.Stream, out _);
        if (!state.HasNew)
        {
            state.HasNew = true;
            state.FirstNew = key.Sequence;
        }

        Confirm(ref state);
        return true;
    }

    /// <summary>
    /// Switches to the new socket: hands <paramref name="sink"/> the buffered frames above the watermark, in arrival
    /// order, and enters <see cref="OverlapPhase.Draining"/>.
    /// </summary>
    public void Switch(OverlapFrameSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ThrowIfNot(OverlapPhase.Overlap);
        UnconfirmedAtSwitch = _streams.Count - _confirmed;
        Phase = OverlapPhase.Draining;

        // Every stream the old socket delivered must be reached again by the new one before dropping can stop.
        foreach (var stream in _streams.Keys)
        {
            ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, stream);
            if (state.HasOld)
            {
                state.AwaitingCatchUp = true;
                _pendingCatchUp++;
            }
        }

        foreach (var frame in _buffered)
        {
            if (ShouldDeliver(frame.Key))
            {
                sink(_arena.AsMemory(frame.Offset, frame.Length), frame.ReceivedAtNanos, frame.IsText);
            }
        }

        _buffered.Clear();
        ReleaseArena();
    }

    /// <summary>After the switch: true to deliver a keyed frame of the new socket, false when the old socket already delivered it.</summary>
    public bool ShouldDeliver(in StreamSequenceKey key)
    {
        ThrowIfNot(OverlapPhase.Draining);
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, key.Stream, out _);
        if (state.HasOld && key.Sequence <= state.Watermark)
        {
            DuplicatesDropped++;
            if (key.Sequence == state.Watermark)
            {
                CatchUp(ref state);
            }

            return false;
        }

        // Past the watermark, or a stream the old socket never delivered: deliver, keeping each stream monotonic.
        state.Watermark = key.Sequence;
        state.HasOld = true;
        CatchUp(ref state);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => ReleaseArena();

    private void Confirm(ref StreamState state)
    {
        if (!state.Confirmed && state.HasOld && state.HasNew && state.FirstNew <= state.Watermark)
        {
            state.Confirmed = true;
            _confirmed++;
        }
    }

    private void CatchUp(ref StreamState state)
    {
        if (state.AwaitingCatchUp)
        {
            state.AwaitingCatchUp = false;
            _pendingCatchUp--;
        }
    }

    private void ThrowIfNot(OverlapPhase phase)
    {
        if (Phase != phase)
        {
            throw new InvalidOperationException($"The deduplicator is in phase {Phase}, not {phase}.");
        }
    }

    private void EnsureArena(int more)
    {
        var needed = _arenaUsed + more;
        if (needed <= _arena.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(64 * 1024, _arena.Length * 2)));
        _arena.AsSpan(0, _arenaUsed).CopyTo(bigger);
        if (_arena.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_arena);
        }

        _arena = bigger;
    }

    private void ReleaseArena()
    {
        if (_arena.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_arena);
        }

        _arena = [];
        _arenaUsed = 0;
    }

    private struct StreamState
    {
        public bool HasOld;
        public long Watermark;
        public bool HasNew;
        public long FirstNew;
        public bool Confirmed;
        public bool AwaitingCatchUp;
    }

    private readonly record struct BufferedFrame(StreamSequenceKey Key, int Offset, int Length, long ReceivedAtNanos, bool IsText);
}
