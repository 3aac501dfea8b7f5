using System.Text;
using FlowSight.Core;
using FlowSight.TestKit;
using FlowSight.TestServers.Okx;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>
/// The parser's fast path for book pushes against its general <c>Utf8JsonReader</c> path: the same frame with one
/// space after the first brace (still the same JSON) always takes the general path, so both must give the same
/// kind and, for a book, the same deltas, ids, checksum and times — on every recorded book frame, on a seeded
/// synthetic stream with seqIds, on edited frames the fast path must hand over, and on every truncation of a frame.
/// </summary>
public sealed class OkxFastBookPathTests
{
    [Fact]
    public void Every_recorded_book_frame_parses_the_same_on_both_paths()
    {
        var books = 0;
        foreach (var (payload, _) in OkxRecording.ReadReceived())
        {
            if (Encoding.ASCII.GetString(payload).StartsWith("{\"arg\":{\"channel\":\"books\"", StringComparison.Ordinal))
            {
                Assert.Equal(OkxMessageKind.Book, AssertSame(payload));
                books++;
            }
        }

        Assert.Equal(290, books);
        Assert.Equal(OkxMessageKind.Book, AssertSame(OkxRecording.Fixture("ws/books_snapshot_BTC-USDT.json")));
        Assert.Equal(OkxMessageKind.Book, AssertSame(OkxRecording.Fixture("ws/books_update_BTC-USDT.json")));
    }

    [Fact]
    public void A_synthetic_stream_with_seq_ids_parses_the_same_on_both_paths()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        foreach (var instId in new[] { "BTC-USDT", "BTC-USDT-SWAP" })
        {
            var book = new OkxSyntheticBook(instId, seed: 7);
            Assert.Equal(OkxMessageKind.Book, AssertSame(Encoding.ASCII.GetBytes(book.Snapshot(now))));
            for (var i = 0; i < 300; i++)
            {
                var frame = i % 50 == 49 ? book.Heartbeat(now) : book.NextUpdate(now, corruptChecksum: i % 97 == 0);
                Assert.Equal(OkxMessageKind.Book, AssertSame(Encoding.ASCII.GetBytes(frame)));
            }
        }
    }

    [Theory]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"1\",\"checksum\":0,\"prevSeqId\":5,\"seqId\":5}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"2\"]],\"bids\":[[\"1.4\",\"0\",\"0\",\"0\"]]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"2\",\"0\",\"1\"]],\"bids\":[],\"seqId\":\"9\",\"prevSeqId\":\"8\",\"checksum\":-2147483648,\"ts\":\"0\"}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"BTC-USDT\"},\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"1.5\",\"2\",\"0\",\"1\"]],\"bids\":[[\"1.4\",\"3\",\"0\",\"1\"]],\"ts\":\"12\",\"checksum\":1}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books50-l2-tbt\",\"instId\":\"BTC-USDT\"},\"action\":\"odd\",\"data\":[{\"asks\":[],\"bids\":[]}]}")]
    // Each of these must leave the fast path and give whatever the general path gives.
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC\\u002DUSDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":12}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"012\"}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":2147483648}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":1e3}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":01}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"seqId\":1.0}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"other\":1}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\"]],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"2\",0,1]],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"x\"]],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"2\",\"\u00e9\",\"1\"]],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[]},{\"asks\":[],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[]}]}x")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"NOT AN ID\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books\",\"instId\":\"\"},\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[]}]}")]
    [InlineData("{\"arg\":{\"channel\":\"books5\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":[[\"1.5\",\"2\",\"0\",\"1\"]],\"bids\":[],\"ts\":\"1\"}]}")]
    public void Edited_frames_give_the_general_paths_result(string text) => AssertSame(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("0")]
    [InlineData("007.50")]
    [InlineData("123456789012345678")]
    [InlineData("1234567890123456789")]
    [InlineData("0.000000001")]
    [InlineData("0.0000000001")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void Level_numbers_give_the_general_paths_result(string number)
    {
        foreach (var level in new[] { $"[\"{number}\",\"1\",\"0\",\"1\"]", $"[\"5\",\"{number}\",\"0\",\"1\"]" })
        {
            AssertSame(Encoding.ASCII.GetBytes("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[" + level + "],\"bids\":[],\"ts\":\"1\"}]}"));
        }
    }

    [Fact]
    public void Every_truncation_of_a_frame_gives_the_general_paths_result()
    {
        var frame = Encoding.ASCII.GetBytes("{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1.5\",\"2\",\"0\",\"1\"],[\"1.6\",\"0\",\"0\",\"0\"]],\"bids\":[[\"1.4\",\"3\",\"0\",\"2\"]],\"ts\":\"12\",\"checksum\":-5,\"prevSeqId\":7,\"seqId\":8}]}");
        for (var length = 1; length < frame.Length; length++)
        {
            Assert.NotEqual(OkxMessageKind.Book, AssertSame(frame[..length]));
        }

        Assert.Equal(OkxMessageKind.Book, AssertSame(frame));
    }

    [Fact]
    public void The_fast_path_allocates_nothing()
    {
        var parser = new OkxStreamParser(new OkxSymbolRegistry());
        var frames = OkxRecording.ReadReceived().Select(f => f.Payload).Where(p => p.AsSpan().StartsWith("{\"arg\":{\"channel\":\"books\""u8)).ToArray();
        var levels = 0;
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            foreach (var frame in frames)
            {
                levels += parser.Parse(frame, 1) == OkxMessageKind.Book ? parser.Deltas.Count : 0;
            }
        }));
        Assert.True(levels > 0);
    }

    private static OkxMessageKind AssertSame(byte[] frame)
    {
        var fast = new OkxStreamParser(new OkxSymbolRegistry());
        var general = new OkxStreamParser(new OkxSymbolRegistry());
        var spaced = frame.Length > 0 && frame[0] == (byte)'{' ? [(byte)'{', (byte)' ', .. frame[1..]] : frame;
        var kind = fast.Parse(frame, 42);
        Assert.Equal(general.Parse(spaced, 42), kind);
        if (kind == OkxMessageKind.Book)
        {
            Assert.Equal(general.Channel, fast.Channel);
            Assert.Equal(general.Instrument, fast.Instrument);
            var (a, b) = (general.Deltas, fast.Deltas);
            Assert.Equal((a.Instrument, a.IsSnapshot, a.FirstUpdateId, a.LastUpdateId, a.PreviousUpdateId, a.Checksum, a.EventTime, a.ReceiveTime), (b.Instrument, b.IsSnapshot, b.FirstUpdateId, b.LastUpdateId, b.PreviousUpdateId, b.Checksum, b.EventTime, b.ReceiveTime));
            Assert.Equal(a.Deltas.ToArray(), b.Deltas.ToArray());
        }

        return kind;
    }
}
