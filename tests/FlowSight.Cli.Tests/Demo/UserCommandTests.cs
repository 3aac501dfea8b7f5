using System.CommandLine;
using FlowSight.Cli.Commands;
using FlowSight.Server.Auth;
using Xunit;

namespace FlowSight.Cli.Tests.Demo;

/// <summary><c>flowsight user hash</c>: the printed hash verifies the password read from standard input, and only it.</summary>
public sealed class UserCommandTests
{
    [Fact]
    public async Task User_hash_prints_a_hash_of_the_password_on_stdin()
    {
        var output = new StringWriter();
        var root = new RootCommand { UserCommand.Create(new StringReader("s3cret\n")) };
        var exitCode = await root.Parse(["user", "hash"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        var hash = output.ToString().Trim();
        Assert.True(PasswordHashes.IsWellFormed(hash));
        Assert.True(PasswordHashes.Verify(hash, "s3cret"));
        Assert.False(PasswordHashes.Verify(hash, "s3cret\n"));
    }

    [Fact]
    public async Task User_hash_without_a_password_exits_2()
    {
        var error = new StringWriter();
        var root = new RootCommand { UserCommand.Create(new StringReader(string.Empty)) };
        var exitCode = await root.Parse(["user", "hash"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("No password", error.ToString(), StringComparison.Ordinal);
    }
}
