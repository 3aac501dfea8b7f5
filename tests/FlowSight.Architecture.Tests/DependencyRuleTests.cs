using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlowSight.TestKit;
using Xunit;

namespace FlowSight.Architecture.Tests;

/// <summary>
/// PRODUCT.md section 2: Core depends on nothing; Engine on Core; Venues, Simulator, Storage on Core (+ Engine
/// interfaces); Server and Cli compose. A venue folder never references another venue.
/// </summary>
public sealed partial class DependencyRuleTests
{
    // Which FlowSight projects each project may reference. Projects not listed here must be added on purpose.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["FlowSight.Core"] = [],
        ["FlowSight.Engine"] = ["FlowSight.Core"],
        ["FlowSight.Strategies"] = ["FlowSight.Core", "FlowSight.Engine"],
        ["FlowSight.Venues"] = ["FlowSight.Core", "FlowSight.Engine"],
        ["FlowSight.Simulator"] = ["FlowSight.Core", "FlowSight.Engine"],
        ["FlowSight.Storage"] = ["FlowSight.Core", "FlowSight.Engine"],
        ["FlowSight.PaperVenue"] = ["FlowSight.Core", "FlowSight.Engine", "FlowSight.Simulator", "FlowSight.Venues", "FlowSight.Storage"],
        ["FlowSight.Backtest"] = ["FlowSight.Core", "FlowSight.Engine", "FlowSight.Simulator", "FlowSight.Storage", "FlowSight.Strategies"],
        ["FlowSight.Server"] = ["*"],
        ["FlowSight.Cli"] = ["*"],
    };

    private static string Src => Path.Combine(SharedData.RepositoryRoot, "src");

    [Fact]
    public void Every_source_project_is_covered_by_the_rule()
    {
        var projects = Directory.GetDirectories(Src).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.True(Allowed.ContainsKey(p!), $"{p} has no entry in the dependency rule; add one deliberately."));
    }

    [Fact]
    public void Projects_reference_only_what_the_layering_allows()
    {
        foreach (var (project, references) in ProjectReferences())
        {
            var allowed = Allowed[project];
            if (allowed.Contains("*"))
            {
                continue;
            }

            foreach (var reference in references)
            {
                Assert.True(allowed.Contains(reference), $"{project} must not reference {reference} (allowed: {string.Join(", ", allowed)}).");
            }
        }
    }

    [Fact]
    public void Core_has_no_package_references()
    {
        var csproj = XDocument.Load(Path.Combine(Src, "FlowSight.Core", "FlowSight.Core.csproj"));
        Assert.Empty(csproj.Descendants("PackageReference"));
    }

    [Fact]
    public void Core_does_no_io()
    {
        var forbidden = IoPattern();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Src, "FlowSight.Core"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var match = forbidden.Match(text);
            Assert.False(match.Success, $"{Path.GetRelativePath(Src, file)} uses I/O ('{match.Value}'); the domain core has none.");
        }
    }

    [Fact]
    public void A_venue_folder_never_references_another_venue()
    {
        var venues = Path.Combine(Src, "FlowSight.Venues");
        if (!Directory.Exists(venues))
        {
            return; // no venue adapters yet
        }

        var venueFolders = new[] { "Binance", "Okx", "Gate" }.Where(v => Directory.Exists(Path.Combine(venues, v))).ToList();
        foreach (var venue in venueFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(venues, venue), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (var other in venueFolders.Where(o => o != venue))
                {
                    Assert.DoesNotContain($"FlowSight.Venues.{other}", text, StringComparison.Ordinal);
                }
            }
        }
    }

    private static IEnumerable<(string Project, List<string> References)> ProjectReferences()
    {
        foreach (var dir in Directory.GetDirectories(Src))
        {
            var name = Path.GetFileName(dir);
            var csproj = Path.Combine(dir, name + ".csproj");
            var references = XDocument.Load(csproj)
                .Descendants("ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
                .ToList();
            yield return (name, references);
        }
    }

    [GeneratedRegex(@"using\s+System\.(IO|Net)\b|\bFile\.|\bDirectory\.|\bHttpClient\b|\bSocket\b|\bConsole\.")]
    private static partial Regex IoPattern();
}
