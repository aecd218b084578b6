namespace Wijkwacht.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the check returns a value, for work the app does in the background.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> check, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await check() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> check, string what, TimeSpan? timeout = null) =>
        await GetAsync<object>(async () => await check() ? new object() : null, what, timeout);
}
