using FlowSight.Cli.Commands;

namespace FlowSight.Cli.Hosting;

/// <summary>One venue market whose data the host follows: its symbols and, for a local server, where it is.</summary>
/// <param name="Market">The venue market and its symbols (<c>binance-usdm:BTCUSDT,ETHUSDT</c>).</param>
/// <param name="Endpoint">A local host serving the venue's REST and WebSocket protocols (the paper venue), or null for the venue itself.</param>
internal sealed record MarketFeed(MarketArgument Market, Uri? Endpoint = null);
