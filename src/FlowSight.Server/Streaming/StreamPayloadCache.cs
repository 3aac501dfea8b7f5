using System.Collections.Concurrent;

namespace FlowSight.Server.Streaming;

/// <summary>
/// The latest serialised data message per (topic, instrument, …), shared by all clients: the first client to push a
/// version serialises it, the others send the same immutable bytes, so 50 clients cost one serialisation and one
/// array per change rather than 50. Bounded by the number of keys (topics × instruments × intervals), never by clients.
/// </summary>
internal sealed class StreamPayloadCache
{
    private readonly ConcurrentDictionary<StreamPayloadKey, StreamPayload> _latest = new();

    /// <summary>The message for <paramref name="key"/> made at <paramref name="version"/> or later, if there is one.</summary>
    public bool TryGet(StreamPayloadKey key, long version, out ReadOnlyMemory<byte> bytes)
    {
        if (_latest.TryGetValue(key, out var payload) && payload.Version >= version)
        {
            bytes = payload.Bytes;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>Keeps a copy of <paramref name="bytes"/> unless a newer version is already kept; returns what to send.</summary>
    public ReadOnlyMemory<byte> Put(StreamPayloadKey key, long version, ReadOnlySpan<byte> bytes)
    {
        var payload = new StreamPayload(version, bytes.ToArray());
        return _latest.AddOrUpdate(key, static (_, fresh) => fresh, static (_, kept, fresh) => kept.Version >= fresh.Version ? kept : fresh, payload).Bytes;
    }

    /// <summary>How many messages are kept.</summary>
    public int Count => _latest.Count;
}
