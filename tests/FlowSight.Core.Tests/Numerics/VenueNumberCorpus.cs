using System.Text.Json;
using FlowSight.TestKit;

namespace FlowSight.Core.Tests.Numerics;

/// <summary>A number-like token a venue sent, with where it came from.</summary>
internal readonly record struct VenueNumber(byte[] Utf8, string Venue);

/// <summary>
/// Every plain decimal number (<c>-?[0-9]+(\.[0-9]+)?</c>) found in the recorded exchange data: JSON string tokens,
/// and JSON number tokens that have a '.', from all <c>*.json</c> fixtures, the <c>*_first20s.txt</c> hftbacktest
/// subsets and the cryptofeed recordings (the large .gz recordings are left to the soak tests).
/// </summary>
internal sealed class VenueNumberCorpus
{
    /// <summary>Bounds the cost of the biggest recordings; none of the plain-text ones is near it today.</summary>
    private const int MaxLinesPerFile = 20_000;

    private static readonly Lazy<VenueNumberCorpus> Cached = new(() => Collect(SharedData.Require()));

    public List<VenueNumber> Numbers { get; } = [];

    public int Files { get; private set; }

    public int Documents { get; private set; }

    public int UnreadableDocuments { get; private set; }

    /// <summary>The corpus; skips the calling test (fails it under CI) when the shared data is missing.</summary>
    public static VenueNumberCorpus Load()
    {
        SharedData.Require("recordings");
        return Cached.Value;
    }

    private static VenueNumberCorpus Collect(string root)
    {
        var corpus = new VenueNumberCorpus();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            corpus.Files++;
            corpus.Read(File.ReadAllBytes(file), VenueOf(root, file));
        }

        var recordings = Path.Combine(root, "recordings");
        var textRecordings = Directory.EnumerateFiles(recordings, "*_first20s.txt", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(recordings, "cryptofeed")))
            .Order(StringComparer.Ordinal);
        foreach (var file in textRecordings)
        {
            corpus.Files++;
            var venue = VenueOf(root, file);
            var bytes = File.ReadAllBytes(file).AsSpan();
            var lines = 0;
            while (!bytes.IsEmpty && lines++ < MaxLinesPerFile)
            {
                var end = bytes.IndexOf((byte)'\n');
                var line = end < 0 ? bytes : bytes[..end];
                bytes = end < 0 ? [] : bytes[(end + 1)..];

                // "<ts> <json>", "<ts>: <json>", "<url> -> <ts>: <json>", "configuration: <json>"; lines without JSON are skipped.
                var start = line.IndexOfAny((byte)'{', (byte)'[');
                if (start >= 0)
                {
                    corpus.Read(line[start..], venue);
                }
            }
        }

        return corpus;
    }

    private void Read(ReadOnlySpan<byte> json, string venue)
    {
        Documents++;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var candidate = reader.TokenType switch
                {
                    JsonTokenType.String => !reader.ValueIsEscaped && !reader.HasValueSequence,
                    JsonTokenType.Number => reader.ValueSpan.Contains((byte)'.'),
                    _ => false,
                };
                if (candidate && NumberText.IsPlain(reader.ValueSpan))
                {
                    Numbers.Add(new VenueNumber(reader.ValueSpan.ToArray(), venue));
                }
            }
        }
        catch (JsonException)
        {
            UnreadableDocuments++;
        }
    }

    private static string VenueOf(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).ToUpperInvariant();
        return relative.Contains("OKX", StringComparison.Ordinal) ? "okx"
            : relative.Contains("GATEIO", StringComparison.Ordinal) ? "gateio"
            : relative.Contains("BINANCE", StringComparison.Ordinal) ? "binance"
            : "other";
    }
}
