using System.CommandLine;
using System.Text;
using FlowSight.Server.Auth;

namespace FlowSight.Cli.Commands;

/// <summary>
/// <c>flowsight user hash</c>: reads a password from standard input and prints its hash for <c>Server:Users[i]:PasswordHash</c>
/// (ASP.NET Core Identity's PBKDF2 format). The password never appears on the command line, so not in shell history.
/// </summary>
internal static class UserCommand
{
    public static Command Create(TextReader? input = null)
    {
        var hash = new Command("hash", "Read a password from standard input and print its hash for Server:Users in flowsight.json.");
        hash.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            string? password;
            if (input is null && !Console.IsInputRedirected)
            {
                await error.WriteAsync("Password: ").ConfigureAwait(false);
                password = ReadHidden();
                await error.WriteLineAsync().ConfigureAwait(false);
            }
            else
            {
                password = await (input ?? Console.In).ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }

            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync("No password: give one on standard input, e.g. `echo -n secret | flowsight user hash` (a line; the line break is not part of it).").ConfigureAwait(false);
                return 2;
            }

            await output.WriteLineAsync(PasswordHashes.Hash(password)).ConfigureAwait(false);
            return 0;
        });
        return new Command("user", "Dashboard and API users.") { hash };
    }

    // Typed at a terminal: keys are not echoed.
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
