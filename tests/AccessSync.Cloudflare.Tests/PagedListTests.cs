using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccessSync.Cloudflare.Tests.Support;

namespace AccessSync.Cloudflare.Tests;

/// <summary>The client's paging against a list endpoint in memory whose answers each test writes.</summary>
public class PagedListTests
{
    private static readonly Uri BaseUrl = new("https://api.example/client/v4");

    [Test]
    public async Task Pages_read_at_once_are_joined_in_page_order_whichever_answers_first()
    {
        // Page 2 answers last: 4 pages of 2 ids, total_pages on every page.
        using var server = new ListServer(page => (Page(page, 2), new { page, per_page = 2, count = 2, total_count = 8, total_pages = 4 }), page => page == 2 ? 200 : 0);
        using var client = Client(server);

        var apps = await client.ListApplicationsAsync(Harness.Account);

        apps.Select(a => a.Id).ShouldBe(["p1-0", "p1-1", "p2-0", "p2-1", "p3-0", "p3-1", "p4-0", "p4-1"]);
        server.Pages.Order().ShouldBe([1, 2, 3, 4]);
    }

    [Test]
    public async Task Without_a_total_the_pages_are_read_one_after_another_until_a_short_one()
    {
        using var server = new ListServer(page => (Page(page, page < 3 ? 2 : 1), null));
        using var client = Client(server);

        var apps = await client.ListApplicationsAsync(Harness.Account);

        apps.Select(a => a.Id).ShouldBe(["p1-0", "p1-1", "p2-0", "p2-1", "p3-0"]);
        server.Pages.ShouldBe([1, 2, 3]);
    }

    [Test]
    public async Task A_server_that_ignores_page_fails_the_list_after_one_round_of_requests_not_one_per_page_it_claims()
    {
        using var server = new ListServer(_ => (Page(1, 2), new { page = 1, per_page = 2, count = 2, total_count = 100, total_pages = 50 }));
        using var client = Client(server);

        var error = await Should.ThrowAsync<CloudflareException>(client.ListApplicationsAsync(Harness.Account));

        error.Message.ShouldContain("repeats page 1");
        server.Pages.Count.ShouldBeLessThanOrEqualTo(1 + new CloudflareClientOptions().ReadConcurrency);
    }

    private static object[] Page(int page, int items) => [.. Enumerable.Range(0, items).Select(i => new { id = $"p{page}-{i}", name = $"App {page}.{i}" })];

    private static CloudflareAccessClient Client(ListServer server) => new(
        CloudflareCredentials.ApiToken(Harness.Token),
        Harness.Options(BaseUrl, new ScaledClock()) with { Transport = () => server, PageSize = 2 });

    /// <summary>Answers every GET with the envelope of the page asked for, after a delay per page if given; records the pages asked for.</summary>
    private sealed class ListServer(Func<int, (object[] Items, object? Info)> answer, Func<int, int>? delayMs = null) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<int> pages = new();

        public IReadOnlyList<int> Pages => [.. pages];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var page = int.Parse(Regex.Match(request.RequestUri!.Query, @"[?&]page=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            pages.Enqueue(page);
            await Task.Delay(delayMs?.Invoke(page) ?? 0, cancellationToken);
            var (items, info) = answer(page);
            var body = JsonSerializer.Serialize(new { success = true, errors = Array.Empty<object>(), messages = Array.Empty<object>(), result = items, result_info = info });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
