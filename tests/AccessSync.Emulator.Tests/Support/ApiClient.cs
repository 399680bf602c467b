using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Tests.Support;

/// <summary>An answer from the emulator: status, parsed envelope, headers.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonObject Body, HttpResponseHeaders Headers)
{
    public JsonNode? Result => Body["result"];

    public JsonObject ResultObject => Result as JsonObject ?? throw new AssertionException($"result is not an object: {Body.ToJsonString()}");

    public JsonArray ResultArray => Result as JsonArray ?? throw new AssertionException($"result is not an array: {Body.ToJsonString()}");

    public JsonObject ResultInfo => Body["result_info"] as JsonObject ?? throw new AssertionException($"no result_info: {Body.ToJsonString()}");

    public int ErrorCode => Body["errors"]![0]!["code"]!.GetValue<int>();

    public string ErrorMessage => Body["errors"]![0]!["message"]!.GetValue<string>();

    public override string ToString() => $"{(int)Status} {Body.ToJsonString()}";
}

/// <summary>
/// A plain HttpClient over loopback that sends a credential and checks every answer against the spec's response
/// schema for its operation, so every test also checks the shapes.
/// </summary>
internal sealed class ApiClient(Uri baseUrl, Action<HttpRequestMessage>? authenticate = null) : IDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(20) };
    private readonly Action<HttpRequestMessage> authenticate = authenticate ?? (r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token));

    public Task<ApiAnswer> Get(string path) => Send(HttpMethod.Get, path);

    public Task<ApiAnswer> Post(string path, JsonNode body) => Send(HttpMethod.Post, path, body.ToJsonString());

    public Task<ApiAnswer> Put(string path, JsonNode? body = null) => Send(HttpMethod.Put, path, body?.ToJsonString());

    public Task<ApiAnswer> Delete(string path) => Send(HttpMethod.Delete, path);

    public async Task<ApiAnswer> Send(HttpMethod method, string path, string? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl.AbsoluteUri + path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        authenticate(request);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text) as JsonObject ?? throw new AssertionException($"{method} {path}: the body is not a JSON object: {text}");
        var violations = SpecContract.Violations(method.Method, path, (int)response.StatusCode, text);
        if (violations is { Count: > 0 })
        {
            Assert.Fail($"{method} {path} answered {(int)response.StatusCode}, which breaks the schema of {SpecContract.OperationId(method.Method, path)}:\n  {string.Join("\n  ", violations)}\n{text}");
        }

        return new ApiAnswer(response.StatusCode, json, response.Headers);
    }

    public void Dispose() => http.Dispose();
}
