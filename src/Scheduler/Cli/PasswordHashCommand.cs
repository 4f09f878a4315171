using System.CommandLine;
using Pipeline.Scheduler.Access;

namespace Pipeline.Scheduler.Cli;

/// <summary>hash-password: reads a password on standard input and prints the hash for Access:Users:NAME:PasswordHash.</summary>
public static class PasswordHashCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("hash-password", "Read a password on standard input; print its hash for Access:Users:NAME:PasswordHash.");
        command.SetAction(async (_, ct) =>
        {
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync("error: give the password on standard input, e.g. `read -rs P; echo \"$P\" | … hash-password`.");
                return CliApp.BadInput;
            }
            await output.WriteLineAsync(PasswordHashes.Hash(password));
            return CliApp.Ok;
        });
        return command;
    }
}
