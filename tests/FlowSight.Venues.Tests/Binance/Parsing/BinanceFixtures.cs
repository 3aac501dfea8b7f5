using FlowSight.TestKit;

namespace FlowSight.Venues.Tests.Binance.Parsing;

/// <summary>The single-message Binance fixtures in ../shared/data/binance.</summary>
internal static class BinanceFixtures
{
    public static byte[] Read(string relative) => File.ReadAllBytes(SharedData.Require(Path.Combine("binance", relative)));

    /// <summary>Every JSON file under binance/ (relative paths), for the "everything parses or is recognised" test.</summary>
    public static IEnumerable<string> AllJson()
    {
        var root = SharedData.Require("binance");
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal);
    }
}
