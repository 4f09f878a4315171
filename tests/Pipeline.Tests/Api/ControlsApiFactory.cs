using Pipeline.Scheduler.Access;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Api;

/// <summary>The host with credentials configured, so calls from another machine can be let in and attributed.</summary>
public sealed class ControlsApiFactory : PipelineWebFactory
{
    public const string User = "operator";
    public const string Password = "s3cret-for-tests";

    public ControlsApiFactory()
    {
        Settings["Engine:MaxBackfillDays"] = "31";
        Settings[$"Access:Users:{User}:PasswordHash"] = PasswordHashes.Hash(Password);
        Settings[$"Access:Users:{User}:Role"] = "operator";
    }
}
