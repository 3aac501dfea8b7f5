namespace FlowSight.TestServers.Okx;

/// <summary>Settings of an <see cref="OkxTestServer"/>. Partial so the REST side can add its own settings in its own file.</summary>
public sealed partial class OkxTestServerOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A cryptofeed OKX recording whose pushes <see cref="OkxTestServer.PlayRecordingAsync"/> sends; its instIds are known instruments.</summary>
    public string? RecordingPath { get; init; }

    /// <summary>Instruments with a synthetic <c>books</c> feed (<see cref="OkxSyntheticBook"/>): snapshot on subscribe, updates on demand.</summary>
    public IReadOnlyList<string> SyntheticBooks { get; init; } = [];

    /// <summary>Seeds the synthetic books.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The clock of the pushes' <c>ts</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Writes the server's logs to the console (the command-line server).</summary>
    public bool LogToConsole { get; init; }
}
