using Xunit;

namespace FlowSight.TestKit;

/// <summary>
/// Locates the recorded exchange data in <c>../shared/data</c> beside the repository.
/// When it is missing, tests fail under CI (<c>CI=true</c>) and skip with a reason elsewhere.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    private static readonly Lazy<string> Repository = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding FlowSight.slnx).</summary>
    public static string RepositoryRoot => Repository.Value;

    /// <summary>True when running under CI, where missing data is a failure rather than a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The absolute path of <paramref name="relative"/> inside the shared data folder.
    /// Skips the calling test (or fails it under CI) when the data is not there.
    /// </summary>
    public static string Require(string relative = "")
    {
        var root = Root.Value;
        if (root is null)
        {
            Missing("the shared data folder (../shared/data beside the repository, or FLOWSIGHT_SHARED_DATA) was not found");
        }

        var path = Path.GetFullPath(Path.Combine(root!, relative));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Missing($"'{relative}' is not in the shared data folder {root}");
        }

        return path;
    }

    private static void Missing(string why)
    {
        if (IsCi)
        {
            Assert.Fail($"Recorded exchange data is required under CI: {why}.");
        }

        Assert.Skip($"Recorded exchange data is not available: {why}.");
    }

    private static string? FindRoot()
    {
        var overridden = Environment.GetEnvironmentVariable("FLOWSIGHT_SHARED_DATA");
        if (!string.IsNullOrEmpty(overridden))
        {
            return Directory.Exists(overridden) ? overridden : null;
        }

        string root;
        try
        {
            root = RepositoryRoot;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        // Test binaries normally sit inside the repository; a build with --artifacts-path elsewhere runs them
        // from outside it, so the working directory is searched too.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FlowSight.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"FlowSight.slnx was not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");
    }
}
