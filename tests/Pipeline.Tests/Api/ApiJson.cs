using System.Net.Http.Json;
using System.Text.Json;

namespace Pipeline.Tests.Api;

/// <summary>Reads answers as a client would: plain JSON, no server types.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync();
    }
}
