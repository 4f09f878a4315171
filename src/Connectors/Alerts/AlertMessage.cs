namespace Pipeline.Connectors.Alerts;

/// <summary>One message: an id that stays the same when the message is sent again, and a text body (JSON).</summary>
public sealed record AlertMessage(string Id, string Body);
