using System.Net;
using AccessSync.Cloudflare.Resilience;

namespace AccessSync.Cloudflare.Tests;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Retry_after_in_seconds_is_read()
    {
        RetryAfter.From(Response(("Retry-After", "7")), Now).ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Test]
    public void Retry_after_as_an_http_date_is_the_time_until_then()
    {
        RetryAfter.From(Response(("Retry-After", "Wed, 25 Nov 2026 12:00:30 GMT")), Now).ShouldBe(TimeSpan.FromSeconds(30));
        RetryAfter.From(Response(("Retry-After", "Wed, 25 Nov 2026 11:00:00 GMT")), Now).ShouldBe(TimeSpan.Zero);
    }

    [Test]
    public void Retry_after_ms_wins_over_retry_after()
    {
        RetryAfter.From(Response(("retry-after-ms", "250"), ("Retry-After", "7")), Now).ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Test]
    public void No_header_or_a_garbled_one_means_no_server_delay()
    {
        RetryAfter.From(Response(), Now).ShouldBeNull();
        RetryAfter.From(Response(("retry-after-ms", "soon")), Now).ShouldBeNull();
    }

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
