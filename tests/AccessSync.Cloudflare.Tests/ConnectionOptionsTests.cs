using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class ConnectionOptionsTests
{
    [Test]
    public async Task A_supplied_transport_carries_every_request_with_the_credential_on_it()
    {
        var transport = new CountingHandler();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), o => o with { Transport = () => transport });

        await h.Client.ReadEstateAsync(Harness.Account);

        transport.Requests.ShouldBe(5);
        transport.WithoutCredential.ShouldBe(0);
    }

    [Test]
    public async Task A_base_url_with_a_trailing_slash_works_the_same_and_paths_stay_relative_to_it()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), o => o with { BaseUrl = new Uri(o.BaseUrl + "/") });

        (await h.Client.ListApplicationsAsync(Harness.Account)).Count.ShouldBe(1);
        var ex = await Should.ThrowAsync<CloudflareApiException>(h.Client.GetGroupAsync(Harness.Account, "missing"));

        ex.Path.ShouldBe($"/accounts/{EstateSeed.AccountId}/access/groups/missing");
    }

    [Test]
    public async Task An_answer_larger_than_the_limit_is_refused_once_with_a_message_that_says_so()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 20, PoliciesPerApp: 3).Build(), o => o with { MaxAnswerBytes = 4096 });

        var ex = await Should.ThrowAsync<CloudflareException>(h.Client.ListApplicationsAsync(Harness.Account));

        ex.Message.ShouldContain("an answer larger than 4,096 bytes, which is refused");
        ex.Message.ShouldContain("/access/apps");
        h.Requests.Count.ShouldBe(1, "asking again would only bring the same answer");
    }

    /// <summary>A real socket transport that counts what passes through it.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int requests;
        private int withoutCredential;

        public int Requests => requests;

        public int WithoutCredential => withoutCredential;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref requests);
            if (request.Headers.Authorization is null)
            {
                Interlocked.Increment(ref withoutCredential);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
