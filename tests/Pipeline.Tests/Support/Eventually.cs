namespace Pipeline.Tests.Support;

/// <summary>Waits for a condition with a deadline, polling: the only way tests here synchronise.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        T value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting for {what}. Last seen: {value}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
            value = await read();
        }
        return value;
    }

    public static Task HappensAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        ReturnsAsync(() => Task.FromResult(condition()), d => d, deadline, what);
}
