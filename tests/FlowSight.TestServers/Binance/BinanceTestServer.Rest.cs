using Microsoft.AspNetCore.Builder;

namespace FlowSight.TestServers.Binance;

/// <summary>The REST side of the Binance test server: <see cref="BinanceRestEndpoints"/> on the same host and port.</summary>
public sealed partial class BinanceTestServer
{
    /// <summary>The REST state: data, weight windows, faults, request log (set when the server starts).</summary>
    public BinanceRestState Rest { get; private set; } = null!;

    partial void MapRestRoutes(WebApplication app)
    {
        Rest = new BinanceRestState(new BinanceRestData(Options.RestDataRoot), Time, Options.RestSeed);
        FollowRecordedDepth();
        app.MapBinanceRest(Rest);
    }

    private static int Decimals(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    /// <summary>
    /// Serves <c>depth</c> for the recording's symbol from the book its stream has reached (recorded snapshot line plus
    /// the diffs published since), so a client that (re)synchronises mid-recording gets a consistent snapshot. Only
    /// for single-symbol recordings: their REST lines carry no symbol.
    /// </summary>
    private void FollowRecordedDepth()
    {
        if (Recording is null)
        {
            return;
        }

        var symbols = Recording.Streams
            .Where(s => s.Contains("@depth", StringComparison.Ordinal))
            .Select(s => s[..s.IndexOf('@', StringComparison.Ordinal)].ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (symbols.Count != 1)
        {
            return;
        }

        var book = new RecordedDepthBook(Options.Market != BinanceServerMarket.Spot);
        var snapshots = Recording.Frames.Where(f => f.IsRestResponse).ToList();
        if (snapshots.Count == 0)
        {
            return;
        }

        // Until the feed reaches the first snapshot line, that line is the freshest snapshot Binance could give.
        book.ApplySnapshot(snapshots[0].Data);
        Feed.FramePublished += frame =>
        {
            if (frame.IsRestResponse)
            {
                if (frame.Index != snapshots[0].Index)
                {
                    book.ApplySnapshot(frame.Data);
                }
            }
            else if (frame.Stream!.Contains("@depth", StringComparison.Ordinal))
            {
                // Also the diffs recorded before the first snapshot line that reach past it (the recorder's snapshot
                // answer came in after them): the venue's book had them; older ones are ignored by their u.
                book.ApplyDiff(frame.Data);
            }
        };
        Rest.Data.SetDepthSource(Options.Market, symbols[0], book.ToJson);
        using var first = System.Text.Json.JsonDocument.Parse(snapshots[0].Data);
        var level = first.RootElement.GetProperty("bids")[0];
        Rest.Data.EnsureSymbol(Options.Market, symbols[0], Decimals(level[0].GetString()!), Decimals(level[1].GetString()!));
    }
}
