using FlowSight.PaperVenue.Hosting;

namespace FlowSight.Cli.Commands;

/// <summary>What <c>flowsight sim</c> was asked to run, checked (see <see cref="SimCommand.TryCreateSettings"/>).</summary>
/// <param name="Options">The paper venue to start.</param>
/// <param name="VenueName">The venue as the command line names it (<c>binance-usdm</c>, ...).</param>
/// <param name="AccountFile">Where to write the account for <c>flowsight order</c> (null: nowhere).</param>
internal sealed record SimSettings(PaperVenueOptions Options, string VenueName, string? AccountFile = null);
