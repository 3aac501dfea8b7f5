namespace FlowSight.Server.Streaming;

/// <summary>A serialised data message and the replica version it was made at (its state is that version's or newer).</summary>
internal sealed record StreamPayload(long Version, byte[] Bytes);
