using FlowSight.Server.Auth;
using FlowSight.Server.Hosting;
using Xunit;

namespace FlowSight.Server.Tests.Auth;

/// <summary>The hash helper the CLI and the demo use, and the check of configured users.</summary>
public sealed class PasswordHashesTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_is_salted()
    {
        var first = PasswordHashes.Hash("correct horse");
        var second = PasswordHashes.Hash("correct horse");

        Assert.NotEqual(first, second);
        Assert.True(PasswordHashes.Verify(first, "correct horse"));
        Assert.True(PasswordHashes.Verify(second, "correct horse"));
        Assert.False(PasswordHashes.Verify(first, "correct horsE"));
        Assert.False(PasswordHashes.Verify(first, string.Empty));
        Assert.True(PasswordHashes.IsWellFormed(first));
    }

    [Fact]
    public void The_user_directory_answers_null_alike_for_unknown_users_and_wrong_passwords()
    {
        var users = new UserDirectory([new ServerUser { Name = "ann", Role = ServerRole.Trader, PasswordHash = PasswordHashes.Hash("pw") }]);

        Assert.Equal(ServerRole.Trader, users.Verify("ann", "pw")?.Role);
        Assert.Null(users.Verify("ann", "PW"));
        Assert.Null(users.Verify("bob", "pw"));
        Assert.Null(users.Verify(null, null));
    }

    [Theory]
    [InlineData("", "secret-hash", "Name is empty")]
    [InlineData("ann", "plain-text-password", "make one with `flowsight user hash`")]
    [InlineData("ann", "", "make one with `flowsight user hash`")]
    public void Misconfigured_users_are_refused_at_start_naming_the_entry(string name, string hash, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new UserDirectory([new ServerUser { Name = name, PasswordHash = hash }]));

        Assert.Contains("Server:Users[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_users_and_short_signing_keys_are_refused()
    {
        var hash = PasswordHashes.Hash("pw");
        Assert.Throws<InvalidOperationException>(() => new UserDirectory([new ServerUser { Name = "ann", PasswordHash = hash }, new ServerUser { Name = "ann", PasswordHash = hash }]));
        Assert.Contains("at least 32", Assert.Throws<InvalidOperationException>(() => new TokenIssuer(new ServerOptions { JwtSigningKey = Convert.ToBase64String(new byte[16]) })).Message, StringComparison.Ordinal);
        Assert.Contains("not base64", Assert.Throws<InvalidOperationException>(() => new TokenIssuer(new ServerOptions { JwtSigningKey = "not base64!" })).Message, StringComparison.Ordinal);
    }
}
