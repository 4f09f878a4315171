using System.CommandLine;
using System.Globalization;
using Pipeline.Scheduler.Engine;

namespace Pipeline.Scheduler.Cli;

/// <summary>api-keys create|list|revoke: the machines' keys, here (the run store of this host's settings) or on --server (as an admin).</summary>
public sealed class ApiKeyCommands(TextWriter output, OperatorSession session)
{
    public Command Create()
    {
        var command = new Command("api-keys", "Make, list and revoke API keys for machines.");
        command.Add(CreateKey());
        command.Add(ListKeys());
        command.Add(RevokeKey());
        return command;
    }

    private Command CreateKey()
    {
        var name = new Argument<string>("name") { Description = "What the key is for, e.g. ci-deploy." };
        var role = new Option<string>("--role") { Description = "viewer, operator, admin or operator:PIPELINE (default viewer).", DefaultValueFactory = _ => "viewer" };
        var expires = new Option<string?>("--expires") { Description = "The day it stops working, YYYY-MM-DD (UTC); left out, never." };
        var command = new Command("create", "Make a key; its secret is printed once, and only its hash is kept.") { name, role, expires };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var created = await client.CreateApiKeyAsync(parse.GetValue(name)!, parse.GetValue(role)!, Expiry(parse.GetValue(expires)), ct);
            output.WriteLine($"Key {created.ApiKey.Id} ({created.ApiKey.Name}, {created.ApiKey.Role}" +
                             (created.ApiKey.ExpiresAt is { } until ? $", until {until:u}" : "") + "). Keep it now; it is not shown again:");
            output.WriteLine(created.Key);
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command ListKeys()
    {
        var command = new Command("list", "List the keys with their role and state (never their secrets).");
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var keys = await client.ListApiKeysAsync(ct);
            if (keys.Count == 0) output.WriteLine("No API keys.");
            foreach (var k in keys)
                output.WriteLine($"{k.Id}  {k.Name,-20} {k.Role,-20} {k.State,-8} made {k.CreatedAt:u} by {k.CreatedBy}" +
                                 (k.ExpiresAt is { } until ? $", expires {until:u}" : ""));
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private Command RevokeKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id (the 12 characters after pipe_)." };
        var command = new Command("revoke", "Revoke a key: it is refused from now on.") { id };
        command.SetAction((parse, ct) => session.RunAsync(parse, async client =>
        {
            var key = await client.RevokeApiKeyAsync(parse.GetValue(id)!, ct);
            output.WriteLine($"Key {key.Id} ({key.Name}) is revoked.");
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private static DateTime? Expiry(string? day) =>
        day is null ? null
        : DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : throw new InvalidRequestException("--expires", $"'{day}' is not a date (YYYY-MM-DD).");
}
