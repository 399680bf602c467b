using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using AccessSync.Cloudflare.Redaction;
using AccessSync.Cloudflare.Resilience;
using AccessSync.Cloudflare.Wire;
using AccessSync.Core.Json;
using Flurl.Http;
using Polly;
using Serilog;

namespace AccessSync.Cloudflare.Http;

/// <summary>
/// Requests and envelopes: sends through the FlurlClient (whose handler layer retries, paces, traces and authenticates),
/// unwraps <c>result</c>, pages lists, and turns every failure into one of the client's exceptions.
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private static readonly string UserAgent =
        "AccessSync/" + (typeof(ApiConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private readonly FlurlClient flurl;
    private readonly RateLimiter? limiter;
    private readonly ErrorFactory errors;
    private readonly ResiliencePipeline<JsonObject> createPipeline;
    private readonly ILogger logger;

    /// <summary>List pages in flight at most, across every list this connection reads.</summary>
    private readonly SemaphoreSlim readSlots;
    private readonly int maxAnswerBytes;

    public RequestStatistics Statistics { get; } = new();

    public ApiConnection(CloudflareCredentials credentials, CloudflareClientOptions options, ILogger logger)
    {
        this.logger = logger;
        PageSize = options.PageSize;
        readSlots = new SemaphoreSlim(options.ReadConcurrency);
        errors = new ErrorFactory(new SecretRedactor(credentials.Secrets), credentials, options.BaseUrl);
        limiter = options.RateLimit is { } budget ? new RequestWindow(budget, options.TimeProvider) : null;
        var handler = HandlerChain.Create(options, credentials, limiter, Statistics, logger);
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        maxAnswerBytes = options.MaxAnswerBytes;
        flurl = new FlurlClient(http, options.BaseUrl.ToString().TrimEnd('/'));
        flurl.Settings.Timeout = null; // each attempt is bounded below; a whole request may rightly wait out a rate limit
        flurl.Settings.AllowedHttpStatusRange = "*"; // failures become CloudflareApiException here, not FlurlHttpException
        flurl.Headers.AddOrReplace("User-Agent", UserAgent);
        flurl.Headers.AddOrReplace("Accept", "application/json");
        createPipeline = RetryPipeline.Build<JsonObject>(
            new RetryPolicy(options.Retry),
            options.TimeProvider,
            (outcome, _) => outcome.Exception is CloudflareTransportException
                || (outcome.Exception is CloudflareApiException api && api.StatusCode != Transience.TooManyRequests && Transience.IsRetryableStatus(api.StatusCode))
                    ? Transient.Yes()
                    : Transient.No,
            (_, _) => { },
            (outcome, _, attempt, delay) => logger.Information(
                "Create failed on attempt {Attempt} ({Failure:l}); checking in {Delay:l} whether it happened before sending it again",
                attempt,
                outcome.Exception?.Message,
                RetryPolicy.Seconds(delay)));
    }

    public int PageSize { get; }

    public ErrorFactory Errors => errors;

    public Task<JsonObject> SendForObjectAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendForObjectAsync(method, path, body is null ? null : Utf8(body), cancellationToken);

    /// <summary>A GET of one object, as parsed: for a caller that reads it into its own model.</summary>
    public async Task<JsonElement> GetElementAsync(string path, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(HttpMethod.Get, path, [], null, cancellationToken);
        return envelope.Result is { ValueKind: JsonValueKind.Object } result ? result : throw errors.UnexpectedResponse("GET", path, "result is not an object");
    }

    private async Task<JsonObject> SendForObjectAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(method, path, [], body, cancellationToken);
        return envelope.Result is { ValueKind: JsonValueKind.Object } result
            ? JsonFields.Node(result)
            : throw errors.UnexpectedResponse(method.Method, path, "result is not an object");
    }

    /// <summary>
    /// Every item of a list, as parsed, without fetching a page past the end. Page 1 says how many pages there are
    /// (<c>total_pages</c>, else <c>total_count</c>), and then all the others are requested at once, each as a read slot
    /// frees: a list of any length takes two round trips. Without either field, pages are read one after another until
    /// a short or empty one.
    /// </summary>
    public async Task<List<JsonElement>> ListAsync(string path, IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
    {
        var first = await ReadPageAsync(path, filters, 1, cancellationToken);
        var items = new List<JsonElement>(first.Items);
        if (Pagination.IsLastPage(1, PageSize, first.Items.Count, items.Count, first.Info))
        {
            return items;
        }

        var repeats = new RepeatedPages(path, errors);
        repeats.Check(first);
        if (Pagination.PageCount(PageSize, first.Info) is { } pages)
        {
            var rest = await FailFast.WhenAllAsync(
                Enumerable.Range(2, pages - 1).Select(page => (Func<CancellationToken, Task<ListPage>>)(async ct => repeats.Check(await ReadPageAsync(path, filters, page, ct)))),
                cancellationToken);

            // A list that shrank while it was read ends at its first empty page.
            items.AddRange(rest.TakeWhile(page => page.Items.Count > 0).SelectMany(page => page.Items));
            return items;
        }

        for (var page = 2; ; page++)
        {
            var current = repeats.Check(await ReadPageAsync(path, filters, page, cancellationToken));
            items.AddRange(current.Items);
            if (Pagination.IsLastPage(page, PageSize, current.Items.Count, items.Count, current.Info))
            {
                return items;
            }
        }
    }

    /// <summary>One page of a list, sent when a read slot is free (see <see cref="CloudflareClientOptions.ReadConcurrency"/>).</summary>
    private async Task<ListPage> ReadPageAsync(string path, IReadOnlyList<KeyValuePair<string, string>> filters, int page, CancellationToken cancellationToken)
    {
        var query = filters.Append(new("page", page.ToString(CultureInfo.InvariantCulture))).Append(new("per_page", PageSize.ToString(CultureInfo.InvariantCulture))).ToList();
        Envelope envelope;
        await readSlots.WaitAsync(cancellationToken);
        try
        {
            envelope = await SendAsync(HttpMethod.Get, path, query, null, cancellationToken);
        }
        finally
        {
            readSlots.Release();
        }

        if (envelope.Result is not { ValueKind: JsonValueKind.Array } array)
        {
            throw errors.UnexpectedResponse("GET", path, $"result of page {page} is not a list");
        }

        var items = array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToList();
        return new ListPage(page, items, envelope.ResultInfo);
    }

    /// <summary>
    /// A POST that is never sent twice blindly: after a failure that leaves its fate unknown (no answer, or a 5xx),
    /// <paramref name="probe"/> looks for what it would have created, and only if it is not there is the POST sent again.
    /// The probe matches by name, so the caller must create only names not yet in use (as a plan does).
    /// </summary>
    public async Task<JsonObject> CreateAsync(string path, JsonObject body, Func<CancellationToken, Task<JsonObject?>>? probe, CancellationToken cancellationToken)
    {
        // Serialised once: every attempt sends the same bytes.
        var content = Utf8(body);
        if (probe is null)
        {
            return await SendForObjectAsync(HttpMethod.Post, path, content, cancellationToken);
        }

        var attempt = 0;
        return await createPipeline.ExecuteAsync(
            async token =>
            {
                if (Interlocked.Increment(ref attempt) > 1 && await probe(token) is { } existing)
                {
                    logger.Information("POST {Path:l}: the earlier attempt had created it; not sending it again", path);
                    return existing;
                }

                return await SendForObjectAsync(HttpMethod.Post, path, content, token);
            },
            cancellationToken);
    }

    /// <summary>
    /// A DELETE whose answer may be lost: when no answer came back, or a retry was answered 404 (an earlier attempt
    /// may have deleted it), a GET of the same path decides. Gone is the outcome the caller wanted; still there, the
    /// DELETE's own error stands. A 404 to the first attempt stays an error: the object was gone before we sent it.
    /// </summary>
    /// <returns>True when the answer was lost and the read confirmed the object gone; false when the API answered.</returns>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, path, [], null, cancellationToken);
            return false;
        }
        catch (CloudflareException ex) when (ex is CloudflareTransportException or CloudflareApiException { StatusCode: 404, Attempts: > 1 })
        {
            if (!await IsGoneAsync(path, cancellationToken))
            {
                throw;
            }

            logger.Information("DELETE {Path:l}: its answer was lost ({Failure:l}); a read shows it gone", path, ex.Message);
            return true;
        }
    }

    private async Task<bool> IsGoneAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Get, path, [], null, cancellationToken);
            return false;
        }
        catch (CloudflareApiException read) when (read.StatusCode == 404)
        {
            return true;
        }
        catch (CloudflareException)
        {
            return false; // the read failed too, so nothing shows the DELETE happened
        }
    }

    /// <param name="body">The body as UTF-8 JSON, serialised once by the caller.</param>
    private async Task<Envelope> SendAsync(
        HttpMethod method,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        var request = flurl.Request(path.TrimStart('/'));
        foreach (var (name, value) in query)
        {
            request.SetQueryParam(name, value);
        }

        using var content = body is null ? null : new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
        IFlurlResponse response;
        try
        {
            response = await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (FlurlHttpException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (FlurlHttpException ex) when (ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded })
        {
            throw errors.UnexpectedResponse(method.Method, path, $"an answer larger than {maxAnswerBytes:N0} bytes, which is refused");
        }
        catch (FlurlHttpException ex)
        {
            var record = AttemptRecord.Of(ex.Call?.HttpRequestMessage);
            throw errors.Transport(method.Method, path, ex.InnerException ?? ex, record.Attempts, record.GaveUp);
        }

        using var message = response.ResponseMessage;
        var status = (int)message.StatusCode;
        var attempts = AttemptRecord.Of(message.RequestMessage);
        var envelope = Envelope.TryParse(await message.Content.ReadAsByteArrayAsync(cancellationToken));
        if (status < 400 && envelope is { Success: not false })
        {
            return envelope;
        }

        if (status < 400 && envelope is null)
        {
            throw errors.UnexpectedResponse(method.Method, path, $"HTTP {status} without a JSON envelope");
        }

        throw errors.Api(new RequestFailure(method.Method, path, status, message.ReasonPhrase, envelope?.Errors ?? [], attempts.Attempts, attempts.GaveUp));
    }

    public void Dispose()
    {
        flurl.Dispose();
        limiter?.Dispose();
        readSlots.Dispose();
    }

    /// <summary>The one serialisation of a body on its way to the wire: the node as built, written as UTF-8 JSON.</summary>
    /// <remarks>Written by the node itself, not by the serializer: the serializer's first use sets up every converter it has.</remarks>
    private static byte[] Utf8(JsonObject body) => Utf8Json.Of(writer => body.WriteTo(writer));
}
