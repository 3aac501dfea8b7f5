using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlowSight.Core;
using FlowSight.Engine.OrderBook;

namespace FlowSight.Venues.Binance.Replay;

/// <summary>
/// Writes a finished <see cref="BinanceReplay"/> the way <c>flowsight book replay</c> shows it: per instrument, the
/// final book's top levels and the run's statistics, as text or as one JSON object per line:
/// <c>{"instrument","lastUpdateId","synced","bids":[[price,qty],...],"asks":[...],"stats":{...}}</c>, prices and
/// quantities as the venue's decimal strings.
/// </summary>
public static class BinanceReplayReport
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>One JSON object per instrument, one per line, in order of first appearance.</summary>
    public static void WriteJson(TextWriter output, BinanceReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        foreach (var book in replay.Books)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, Compact))
            {
                WriteJson(json, book, depth);
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    /// <summary>One instrument's JSON object.</summary>
    public static void WriteJson(Utf8JsonWriter json, BinanceReplayBook book, int depth)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(book);
        json.WriteStartObject();
        json.WriteString("instrument", book.Instrument.Value);
        json.WriteNumber("lastUpdateId", book.LastUpdateId);
        json.WriteBoolean("synced", book.IsSynced);
        WriteLevels(json, "bids", book.Book, OrderSide.Buy, depth);
        WriteLevels(json, "asks", book.Book, OrderSide.Sell, depth);
        var s = book.Statistics;
        json.WriteStartObject("stats");
        json.WriteNumber("frames", s.Frames);
        json.WriteNumber("diffsApplied", s.DiffsApplied);
        json.WriteNumber("diffsDropped", s.DiffsDropped);
        json.WriteNumber("gaps", s.Gaps);
        json.WriteNumber("resyncs", s.Resyncs);
        json.WriteNumber("crossed", s.Crossed);
        json.WriteNumber("bookTickerChecked", s.BookTickerChecked);
        json.WriteNumber("bookTickerMismatched", s.BookTickerMismatched);
        json.WriteNumber("malformed", s.Malformed);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A human-readable report: per instrument a ladder (asks above, bids below) and the statistics.</summary>
    public static void WriteText(TextWriter output, BinanceReplay replay, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replay);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{replay.Market?.ToCliPrefix() ?? "binance"}: {replay.Frames:N0} frames, {replay.Books.Count} instrument(s), {replay.Malformed:N0} malformed, {replay.Unknown:N0} unknown"));
        foreach (var book in replay.Books)
        {
            var s = book.Statistics;
            output.WriteLine();
            output.WriteLine(string.Create(inv, $"{book.Instrument}  lastUpdateId {book.LastUpdateId}  {(book.IsSynced ? "in sync" : "OUT OF SYNC")}"));
            if (!book.IsSynced && book.Synchronizer.LastFailure is { } failure)
            {
                output.WriteLine(string.Create(inv, $"  last failure: {failure}"));
            }

            var levels = book.Book;
            if (levels is not null && depth > 0)
            {
                var asks = new BookLevel[Math.Min(depth, levels.AskCount)];
                var bids = new BookLevel[Math.Min(depth, levels.BidCount)];
                levels.CopyLevels(OrderSide.Sell, asks);
                levels.CopyLevels(OrderSide.Buy, bids);
                output.WriteLine(string.Create(inv, $"  {"side",-4} {"price",20} {"quantity",20}"));
                for (int i = asks.Length - 1; i >= 0; i--)
                {
                    output.WriteLine(string.Create(inv, $"  {"ask",-4} {asks[i].Price,20} {asks[i].Size,20}"));
                }

                for (int i = 0; i < bids.Length; i++)
                {
                    output.WriteLine(string.Create(inv, $"  {"bid",-4} {bids[i].Price,20} {bids[i].Size,20}"));
                }
            }

            output.WriteLine(string.Create(inv, $"  frames {s.Frames:N0}  diffs applied {s.DiffsApplied:N0}  dropped {s.DiffsDropped:N0}  gaps {s.Gaps}  resyncs {s.Resyncs}  crossed {s.Crossed}"));
            output.WriteLine(string.Create(inv, $"  bookTicker checked {s.BookTickerChecked:N0}  mismatched {s.BookTickerMismatched}  malformed {s.Malformed}"));
        }
    }

    private static void WriteLevels(Utf8JsonWriter json, string name, L2OrderBook? book, OrderSide side, int depth)
    {
        json.WriteStartArray(name);
        if (book is not null)
        {
            Span<byte> text = stackalloc byte[32];
            int n = Math.Min(depth, book.Count(side));
            for (int i = 0; i < n; i++)
            {
                var level = book.GetLevel(side, i);
                json.WriteStartArray();
                level.Price.TryFormat(text, out int written);
                json.WriteStringValue(text[..written]);
                level.Size.TryFormat(text, out written);
                json.WriteStringValue(text[..written]);
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }
}
