using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccessSync.Cli.Tests.Support;

/// <summary>One request the fake GitHub answered.</summary>
internal sealed record GitHubCall(string Method, string PathAndQuery, bool Authorized);

/// <summary>A comment the fake GitHub holds.</summary>
internal sealed record FakeComment(long Id, string Repository, int Issue, string Author, string Body);

/// <summary>
/// A tiny GitHub REST API on 127.0.0.1, under /api/v3 as on GitHub Enterprise Server: the issue comments of pull
/// requests (list with per_page and Link paging, create, edit, delete), GitHub's size limit on a comment body, and
/// bearer-token checks. It records every call.
/// </summary>
internal sealed class FakeGitHub : IAsyncDisposable
{
    public const string BotLogin = "github-actions[bot]";

    /// <summary>GitHub refuses a comment body longer than this many characters.</summary>
    public const int MaxBodyChars = 65_536;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<GitHubCall> calls = new();
    private readonly Lock gate = new();
    private readonly List<FakeComment> comments = [];
    private long nextId = 1_000;
    private (string Method, int Count, int Status, string? RetryAfter, string Message) failures = (string.Empty, 0, 0, null, string.Empty);

    private FakeGitHub(WebApplication app, string token)
    {
        this.app = app;
        Token = token;
    }

    public string Token { get; }

    /// <summary>A token that may read but not write, as a workflow's token without `pull-requests: write`.</summary>
    public string ReadOnlyToken => Token + "-read-only";

    public Uri ApiUrl { get; private set; } = null!;

    public IReadOnlyList<GitHubCall> Calls => [.. calls];

    public static async Task<FakeGitHub> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var fake = new FakeGitHub(builder.Build(), token);
        fake.Map();
        await fake.app.StartAsync();
        var address = new Uri(fake.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        fake.ApiUrl = new Uri($"http://127.0.0.1:{address.Port}/api/v3");
        return fake;
    }

    public FakeComment Add(string repository, int issue, string author, string body)
    {
        lock (gate)
        {
            var comment = new FakeComment(++nextId, repository, issue, author, body);
            comments.Add(comment);
            return comment;
        }
    }

    public IReadOnlyList<FakeComment> CommentsOn(string repository, int issue)
    {
        lock (gate)
        {
            return [.. comments.Where(c => c.Repository == repository && c.Issue == issue).OrderBy(c => c.Id)];
        }
    }

    public void ForgetCalls() => calls.Clear();

    /// <summary>Answers the next <paramref name="count"/> requests of <paramref name="method"/> with <paramref name="status"/>.</summary>
    /// <param name="retryAfter">The Retry-After header to send, in seconds; <c>null</c> sends none.</param>
    /// <param name="message">The answer's <c>message</c>.</param>
    public void FailNext(string method, int count, int status, string? retryAfter = "0", string message = "Server Error")
    {
        lock (gate)
        {
            failures = (method, count, status, retryAfter, message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            var readOnly = authorization == $"Bearer {ReadOnlyToken}";
            var authorized = readOnly || authorization == $"Bearer {Token}";
            calls.Enqueue(new GitHubCall(context.Request.Method, context.Request.Path + context.Request.QueryString, authorized));
            if (!authorized)
            {
                await Answer(context, 401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" });
                return;
            }

            if (readOnly && !HttpMethods.IsGet(context.Request.Method))
            {
                // What GitHub answers a workflow token without `pull-requests: write`.
                await Answer(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration" });
                return;
            }

            int? failWith = null;
            string? retryAfter = null;
            var message = string.Empty;
            lock (gate)
            {
                if (failures.Count > 0 && failures.Method == context.Request.Method)
                {
                    failures.Count--;
                    (failWith, retryAfter, message) = (failures.Status, failures.RetryAfter, failures.Message);
                }
            }

            if (failWith is { } status)
            {
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                await Answer(context, status, new JsonObject { ["message"] = message });
                return;
            }

            await next(context);
        });

        var api = app.MapGroup("/api/v3/repos/{owner}/{name}/issues");
        api.MapGet("/{issue:int}/comments", (HttpContext context, string owner, string name, int issue) => List(context, $"{owner}/{name}", issue));
        api.MapPost("/{issue:int}/comments", async (HttpContext context, string owner, string name, int issue) =>
        {
            if (await BodyOf(context) is not { } body)
            {
                return;
            }

            await Answer(context, 201, Json(Add($"{owner}/{name}", issue, BotLogin, body)));
        });
        api.MapMethods("/comments/{id:long}", ["PATCH"], async (HttpContext context, string owner, string name, long id) =>
        {
            if (await BodyOf(context) is not { } body)
            {
                return;
            }

            FakeComment? edited;
            lock (gate)
            {
                var index = comments.FindIndex(c => c.Id == id && c.Repository == $"{owner}/{name}");
                edited = index < 0 ? null : comments[index] = comments[index] with { Body = body };
            }

            await (edited is null ? NotFound(context) : Answer(context, 200, Json(edited)));
        });
        api.MapDelete("/comments/{id:long}", async (HttpContext context, string owner, string name, long id) =>
        {
            int removed;
            lock (gate)
            {
                removed = comments.RemoveAll(c => c.Id == id && c.Repository == $"{owner}/{name}");
            }

            if (removed == 0)
            {
                await NotFound(context);
                return;
            }

            context.Response.StatusCode = 204;
        });
    }

    private async Task List(HttpContext context, string repository, int issue)
    {
        var perPage = Math.Clamp(int.TryParse(context.Request.Query["per_page"], out var p) ? p : 30, 1, 100);
        var page = Math.Max(1, int.TryParse(context.Request.Query["page"], out var n) ? n : 1);
        var all = CommentsOn(repository, issue);
        if ((page * perPage) < all.Count)
        {
            var next = $"http://127.0.0.1:{context.Connection.LocalPort}/api/v3/repos/{repository}/issues/{issue}/comments?per_page={perPage}&page={page + 1}";
            var last = next[..next.LastIndexOf('=')] + "=" + ((all.Count + perPage - 1) / perPage);
            context.Response.Headers["Link"] = $"<{next}>; rel=\"next\", <{last}>; rel=\"last\"";
        }

        await Answer(context, 200, new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(Json)]));
    }

    private static async Task<string?> BodyOf(HttpContext context)
    {
        var json = await JsonNode.ParseAsync(context.Request.Body);
        var body = json?["body"]?.GetValue<string>();
        if (body is null || body.Length > MaxBodyChars)
        {
            await Answer(context, 422, new JsonObject
            {
                ["message"] = "Validation Failed",
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["resource"] = "IssueComment",
                    ["code"] = "custom",
                    ["field"] = "body",
                    ["message"] = body is null ? "body is missing" : $"body is too long (maximum is {MaxBodyChars} characters)",
                }),
            });
            return null;
        }

        return body;
    }

    private static JsonObject Json(FakeComment comment) => new()
    {
        ["id"] = comment.Id,
        ["body"] = comment.Body,
        ["user"] = new JsonObject { ["login"] = comment.Author },
        ["html_url"] = $"https://github.example/{comment.Repository}/pull/{comment.Issue}#issuecomment-{comment.Id}",
    };

    private static Task NotFound(HttpContext context) => Answer(context, 404, new JsonObject { ["message"] = "Not Found" });

    private static async Task Answer(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
