using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;

namespace FlowSight.Venues.Tests.Trading;

/// <summary>
/// Runs node with ccxt 4.5.84 (installed by test.sh in tests/FlowSight.PaperVenue.Tests/Ccxt) so a test can compare our
/// signatures with ccxt's for the same request. Without node or ccxt the test fails under <c>CI=true</c>, else skips.
/// </summary>
internal static class CcxtNode
{
    /// <summary>Runs <c>node</c> with <paramref name="arguments"/> in the ccxt directory; returns its standard output.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var directory = RequireDirectory(out var node);
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>The ccxt directory, once node and ccxt are known to be there (fails or skips otherwise).</summary>
    public static string RequireDirectory(out string node, [CallerFilePath] string source = "")
    {
        var directory = Directory(source);
        var found = FindOnPath("node");
        var missing = found is null ? "node is not on PATH"
            : directory is null || !File.Exists(Path.Combine(directory, "node_modules", "ccxt", "package.json")) ? "ccxt is not installed in tests/FlowSight.PaperVenue.Tests/Ccxt (npm ci)"
            : null;
        if (missing is not null)
        {
            var reason = $"{missing}; test.sh installs it.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), reason);
            Assert.Skip(reason);
        }

        node = found!;
        return directory!;
    }

    // From the build output up to the repository (any --artifacts-path under it), else from where this file was compiled.
    private static string? Directory(string source)
    {
        var relative = Path.Combine("tests", "FlowSight.PaperVenue.Tests", "Ccxt");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative, "package.json")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source) ?? "."); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative, "package.json")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        return null;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
