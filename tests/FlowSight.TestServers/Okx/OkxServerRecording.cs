using System.Text.Json;

namespace FlowSight.TestServers.Okx;

/// <summary>
/// The pushes of a cryptofeed OKX recording (<c>&lt;ts&gt;: &lt;json&gt;</c> received lines; sent, connect and
/// configuration lines and the recorded acks are left out), in order, with their <c>channel:instId</c>.
/// </summary>
public sealed class OkxServerRecording
{
    private OkxServerRecording(IReadOnlyList<(string Topic, string Json)> pushes)
    {
        Pushes = pushes;
        InstIds = [.. pushes.Select(p => p.Topic[(p.Topic.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The pushes in recorded order.</summary>
    public IReadOnlyList<(string Topic, string Json)> Pushes { get; }

    /// <summary>The instruments that appear.</summary>
    public IReadOnlyList<string> InstIds { get; }

    /// <summary>Reads a recording.</summary>
    public static OkxServerRecording Load(string path)
    {
        var pushes = new List<(string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || !char.IsAsciiDigit(line[0]))
            {
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var json = line[(colon + 2)..];
            if (!json.StartsWith("{\"arg\":", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(json);
            var arg = document.RootElement.GetProperty("arg");
            pushes.Add(($"{arg.GetProperty("channel").GetString()}:{arg.GetProperty("instId").GetString()}", json));
        }

        return new OkxServerRecording(pushes);
    }
}
