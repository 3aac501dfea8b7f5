using System.Text;
using FlowSight.Core;
using FlowSight.Storage.Recording;
using FlowSight.TestKit;
using FlowSight.Venues.Okx.Replay;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary><see cref="OkxReplay"/> over the cryptofeed recording read by the storage layer's <see cref="RecordingReader"/>.</summary>
public sealed class OkxReplayTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_cryptofeed_recording_replays_with_every_checksum_verified(bool fused)
    {
        using var reader = new RecordingReader([SharedData.Require(OkxRecording.Path)]);
        var replay = new OkxReplay(new OkxReplayOptions { Fused = fused });
        replay.Run(reader);

        Assert.Equal(410, replay.Frames);
        Assert.Equal(0, replay.Malformed);
        Assert.Equal(
            new[] { "BTC-USD-220527.OKX", "BTC-USDT.OKX", "UNI-USD-SWAP.OKX" },
            replay.Books.Select(b => b.Instrument.ToString()).Order(StringComparer.Ordinal).ToArray());
        var total = replay.Books.Select(b => b.Statistics(replay.Malformed)).Aggregate((a, b) => a with
        {
            Frames = a.Frames + b.Frames,
            Snapshots = a.Snapshots + b.Snapshots,
            UpdatesApplied = a.UpdatesApplied + b.UpdatesApplied,
            Resyncs = a.Resyncs + b.Resyncs,
            ChecksumChecked = a.ChecksumChecked + b.ChecksumChecked,
            ChecksumMismatched = a.ChecksumMismatched + b.ChecksumMismatched,
            UpdatesFused = a.UpdatesFused + b.UpdatesFused,
        });
        Assert.Equal(fused ? 287 : 0, total.UpdatesFused);
        Assert.Equal((290L, 3L, 287L, 0L, 290L, 0L), (total.Frames, total.Snapshots, total.UpdatesApplied, total.Resyncs, total.ChecksumChecked, total.ChecksumMismatched));
        var btc = replay.Books.Single(b => b.Instrument == InstrumentId.Parse("BTC-USDT.OKX")).Synchronizer.Book;
        Assert.Equal((1, 8), (btc.PricePrecision, btc.SizePrecision));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_flipped_size_in_a_test_copy_is_a_mismatch_and_a_resync(bool fused)
    {
        var lines = File.ReadAllLines(SharedData.Require(OkxRecording.Path));
        var index = Array.FindIndex(lines, l => l.Contains("\"action\":\"update\"", StringComparison.Ordinal) && l.Contains("\"BTC-USDT\"", StringComparison.Ordinal));
        // The first level with a non-zero size: change its first non-zero digit, keeping the JSON valid.
        var level = System.Text.RegularExpressions.Regex.Matches(lines[index], "\\[\"[0-9.]+\",\"([0-9.]+)\"").First(m => m.Groups[1].Value != "0").Groups[1];
        var digit = lines[index].IndexOfAny("123456789".ToCharArray(), level.Index);
        lines[index] = lines[index][..digit] + (lines[index][digit] == '9' ? '8' : (char)(lines[index][digit] + 1)) + lines[index][(digit + 1)..];
        using var reader = new RecordingReader([RecordingSource.FromBytes("edited", Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"))]);
        var replay = new OkxReplay(new OkxReplayOptions { Fused = fused });
        replay.Run(reader);

        var stats = replay.StatisticsOf(InstrumentId.Parse("BTC-USDT.OKX"));
        Assert.Equal((1L, 1L), (stats.ChecksumMismatched, stats.Resyncs));
        Assert.True(stats.Ignored > 0, "after the mismatch the book waits for a snapshot");
        Assert.Equal(0, replay.StatisticsOf(InstrumentId.Parse("UNI-USD-SWAP.OKX")).ChecksumMismatched);
    }
}
