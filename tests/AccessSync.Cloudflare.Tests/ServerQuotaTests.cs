using AccessSync.Cloudflare.Resilience;

namespace AccessSync.Cloudflare.Tests;

/// <summary>The API's own count of its request quota, read from the headers of its answers.</summary>
public class ServerQuotaTests
{
    [Test]
    public void The_remaining_requests_and_the_reset_are_read_from_the_ratelimit_header()
    {
        var quota = ServerQuota.From(Headers(("Ratelimit", "\"default\";r=50;t=30")));

        quota.ShouldBe(new ServerQuota(50, TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void The_quota_itself_is_read_from_the_ratelimit_policy_header()
    {
        var quota = ServerQuota.From(Headers(("Ratelimit", "\"default\";r=1199;t=300"), ("Ratelimit-Policy", "\"default\";q=1200;w=300")));

        quota.ShouldBe(new ServerQuota(1199, TimeSpan.FromMinutes(5), new RequestBudget(1200, TimeSpan.FromMinutes(5))));
    }

    [Test]
    public void Of_several_quotas_the_one_with_the_fewest_requests_left_binds()
    {
        var quota = ServerQuota.From(Headers(("Ratelimit", "\"burst\";r=40;t=10, \"default\";r=7;t=250")));

        quota.ShouldBe(new ServerQuota(7, TimeSpan.FromSeconds(250)));
    }

    [TestCase("")]
    [TestCase("\"default\"")]
    [TestCase("\"default\";r=5")]
    [TestCase("\"default\";r=-1;t=30")]
    [TestCase("\"default\";r=five;t=30")]
    public void An_answer_without_a_readable_count_gives_none(string header)
    {
        ServerQuota.From(Headers(("Ratelimit", header))).ShouldBeNull();
        ServerQuota.From(Headers()).ShouldBeNull();
    }

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }
}
