namespace AccessSync.Emulator.Api;

/// <summary>
/// The error codes the emulator answers with. Codes marked "seen" are the live API's, as reported in public issues;
/// the others are chosen here (Cloudflare documents no Access error codes) and listed in README.md.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>Seen: 400 "Invalid request headers", with the cause in error_chain.</summary>
    public const int InvalidRequestHeaders = 6003;

    /// <summary>Seen: in error_chain, "Invalid format for Authorization header".</summary>
    public const int InvalidAuthorizationHeader = 6111;

    /// <summary>Seen: in error_chain, "Invalid format for X-Auth-Key header".</summary>
    public const int InvalidAuthKeyHeader = 6103;

    /// <summary>Seen: in error_chain, "Invalid Content-Type header, valid values are application/json,multipart/form-data".</summary>
    public const int InvalidContentTypeHeader = 6105;

    /// <summary>Seen: 400 "Malformed JSON in request body".</summary>
    public const int MalformedJson = 6007;

    /// <summary>Seen: 400 "Invalid request parameters", with the cause in error_chain.</summary>
    public const int InvalidRequestParameters = 6008;

    /// <summary>Seen: in error_chain, "per_page variable must be a number between 1 and 1000"; used for every bad query parameter.</summary>
    public const int InvalidParameter = 11000;

    /// <summary>Seen: 404 "No route for the URI" (the spec's own example).</summary>
    public const int NoRoute = 7003;

    /// <summary>Chosen: 405 "Method not allowed for this route".</summary>
    public const int MethodNotAllowed = 7001;

    /// <summary>Seen: 400 "Missing X-Auth-Email header" (no credential at all).</summary>
    public const int MissingAuthEmail = 9106;

    /// <summary>Seen: 400 "Missing X-Auth-Key header" (no credential at all).</summary>
    public const int MissingAuthKey = 9107;

    /// <summary>Seen: 403 "Authentication error" for a credential the API does not accept.</summary>
    public const int AuthenticationError = 10000;

    /// <summary>Seen: 400 "access.api.error.invalid_request: ..." (with "policy precedences must be unique").</summary>
    public const int AccessInvalidRequest = 12130;

    /// <summary>Seen: 404 "access.api.error.not_found".</summary>
    public const int AccessNotFound = 12135;

    /// <summary>
    /// Chosen: 429. The live API answers code 971, but the spec's message schema requires a code of at least 1000,
    /// so the emulator uses 10429 with the live message.
    /// </summary>
    public const int RateLimited = 10429;

    /// <summary>
    /// Chosen: 413 for a body over the size limit. The live edge answers an HTML page with no code, which no client
    /// can read as the API's envelope; 10413 follows the pattern of 10429.
    /// </summary>
    public const int RequestTooLarge = 10413;

    /// <summary>Chosen: 500, 502 and 503 injected by FailRate or a scripted fault.</summary>
    public const int ServerError = 10002;

    /// <summary>Chosen: any other status injected by a scripted fault.</summary>
    public const int InjectedFault = 10003;
}
