using System.Text;
using FlowSight.Core;
using FlowSight.Venues.Okx;
using FlowSight.Venues.Okx.Parsing;
using Xunit;

namespace FlowSight.Venues.Tests.Okx;

/// <summary>Candles, funding, mark price, open interest, and the docs and private payloads this slice leaves to later.</summary>
public sealed class OkxStreamParserChannelTests
{
    private readonly OkxStreamParser _parser = new(new OkxSymbolRegistry());

    private OkxMessageKind Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), 7);

    /// <summary>The JSON documents of a JKorf transcript: '&lt;' replies and '=' pushes (which span several lines).</summary>
    private static List<string> Transcript(string file)
    {
        var documents = new List<string>();
        StringBuilder? push = null;
        foreach (var line in File.ReadAllLines(FlowSight.TestKit.SharedData.Require("okx/ws/docs/" + file)))
        {
            if (line.StartsWith('<') || line.StartsWith('>') || line.StartsWith('='))
            {
                if (push is not null)
                {
                    documents.Add(push.ToString());
                    push = null;
                }

                if (line.StartsWith('<'))
                {
                    documents.Add(line[1..]);
                }
                else if (line.StartsWith('='))
                {
                    push = new StringBuilder(line[1..]);
                }
            }
            else
            {
                push?.AppendLine(line);
            }
        }

        if (push is not null)
        {
            documents.Add(push.ToString());
        }

        return documents;
    }

    [Fact]
    public void Docs_candle()
    {
        Assert.Equal(OkxMessageKind.Candle, _parser.Parse(OkxRecording.Fixture("ws/docs/ws_candle.json"), 7));
        var open = 1597026383085L * 1_000_000;
        Assert.Equal(
            new Candle(InstrumentId.Parse("BTC-USDT.OKX"), CandleInterval.OneDay, open, open + (86_400_000L * 1_000_000) - 1_000_000,
                Price.Parse("8533.02"), Price.Parse("8553.74"), Price.Parse("8527.17"), Price.Parse("8548.26"),
                Quantity.Parse("45247"), Money.Parse("5529.5858061"), 0, true, open, 7),
            _parser.Candle);
    }

    [Theory]
    [InlineData("candle1m", CandleInterval.OneMinute)]
    [InlineData("candle1H", CandleInterval.OneHour)]
    [InlineData("candle1Dutc", CandleInterval.OneDay)]
    [InlineData("candle1W", CandleInterval.OneWeek)]
    [InlineData("candle1M", CandleInterval.OneMonth)]
    public void Candle_channels_name_their_interval_case_sensitively(string channel, CandleInterval interval)
    {
        Assert.Equal(OkxMessageKind.Candle, Parse($$"""{"arg":{"channel":"{{channel}}","instId":"BTC-USDT"},"data":[["1700000000000","1","2","0.5","1.5","10","15","15","0"]]}"""));
        Assert.Equal(interval, _parser.Candle.Interval);
        Assert.False(_parser.Candle.IsClosed);
    }

    [Fact]
    public void Docs_funding_rate_from_the_jkorf_transcript()
    {
        var documents = Transcript("jkorf_ws_funding-rate.txt");
        Assert.Equal(OkxMessageKind.Control, Parse(documents[0]));
        Assert.Equal(new OkxControlMessage(OkxControlEvent.Subscribed, OkxChannel.FundingRate, 0), _parser.Control);
        Assert.Equal(OkxMessageKind.FundingRate, Parse(documents[1]));
        Assert.Equal(
            new FundingRate(InstrumentId.Parse("ETH-USDT.OKX"), 0.0001875391284828m, 1700726400000L * 1_000_000, 8, 1700724675402L * 1_000_000, 7),
            _parser.FundingRate);
    }

    [Fact]
    public void Mark_price_and_open_interest_in_the_documented_shape()
    {
        Assert.Equal(OkxMessageKind.MarkPrice, Parse("""{"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","markPx":"42310.6","ts":"1630049139746"}]}"""));
        Assert.Equal((InstrumentId.Parse("BTC-USDT-SWAP.OKX"), Price.Parse("42310.6"), 1630049139746L * 1_000_000), (_parser.MarkPrice.Instrument, _parser.MarkPrice.Mark, _parser.MarkPrice.EventTime));

        Assert.Equal(OkxMessageKind.OpenInterest, Parse("""{"arg":{"channel":"open-interest","instId":"LTC-USD-SWAP"},"data":[{"instId":"LTC-USD-SWAP","instType":"SWAP","oi":"5000","oiCcy":"555.55","oiUsd":"50000","ts":"1597026383085"}]}"""));
        Assert.Equal(new OpenInterest(InstrumentId.Parse("LTC-USD-SWAP.OKX"), Quantity.Parse("5000"), Money.Parse("50000"), 1597026383085L * 1_000_000, 7), _parser.OpenInterest);
    }

    [Theory]
    [InlineData("jkorf_ws_login_and_order_op.txt")]
    [InlineData("jkorf_ws_login_subscribe_orders.txt")]
    public void Login_transcripts_give_login_replies_and_private_data_is_unknown_not_malformed(string file)
    {
        var documents = Transcript(file);
        Assert.Equal(OkxMessageKind.Control, Parse(documents[0]));
        Assert.Equal(OkxControlEvent.Login, _parser.Control.Event);
        foreach (var document in documents.Skip(1))
        {
            Assert.True(Parse(document) is OkxMessageKind.Control or OkxMessageKind.Unknown, document);
        }

        Assert.Equal(0, _parser.Diagnostics.MalformedCount);
    }

    [Theory]
    [InlineData("ws_account.json")]
    [InlineData("ws_orders.json")]
    [InlineData("ws_orders_algo.json")]
    [InlineData("ws_orders_trigger.json")]
    [InlineData("ws_sprd_orders.json")]
    public void Private_captures_are_unknown_to_the_public_parser(string file)
    {
        Assert.Equal(OkxMessageKind.Unknown, _parser.Parse(OkxRecording.Fixture("ws/nautilus_captures/" + file), 7));
        Assert.Equal(0, _parser.Diagnostics.MalformedCount);
    }
}
