using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AccessSync.Emulator.Api;

/// <summary>
/// The API's two credentials: <c>Authorization: Bearer</c>, or <c>X-Auth-Email</c> with <c>X-Auth-Key</c>. When a
/// request carries both, the token is the one checked. Returns a key for the rate limit that holds no secret.
/// </summary>
internal static class Authentication
{
    private const string BearerPrefix = "Bearer ";

    public static string Authenticate(HttpRequest request, EmulatorCredentials? expected)
    {
        var authorization = request.Headers.Authorization.ToString();
        var email = request.Headers["X-Auth-Email"].ToString();
        var key = request.Headers["X-Auth-Key"].ToString();

        if (authorization.Length > 0)
        {
            var token = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : "";
            if (token.Length == 0 || token.Any(char.IsWhiteSpace))
            {
                throw InvalidHeaders(ErrorCodes.InvalidAuthorizationHeader, "Invalid format for Authorization header");
            }

            if (expected is not null && (expected.ApiToken is null || !SameSecret(expected.ApiToken, token)))
            {
                throw AuthenticationError();
            }

            return "token:" + Fingerprint(token);
        }

        if (email.Length == 0 && key.Length == 0)
        {
            throw new ApiException(400,
            [
                new ApiError(ErrorCodes.MissingAuthEmail, "Missing X-Auth-Email header"),
                new ApiError(ErrorCodes.MissingAuthKey, "Missing X-Auth-Key header"),
            ]);
        }

        if (email.Length == 0)
        {
            throw new ApiException(400, new ApiError(ErrorCodes.MissingAuthEmail, "Missing X-Auth-Email header"));
        }

        if (key.Length == 0)
        {
            throw new ApiException(400, new ApiError(ErrorCodes.MissingAuthKey, "Missing X-Auth-Key header"));
        }

        if (key.Any(char.IsWhiteSpace))
        {
            throw InvalidHeaders(ErrorCodes.InvalidAuthKeyHeader, "Invalid format for X-Auth-Key header");
        }

        if (expected is not null
            && (expected.Email is null || expected.ApiKey is null
                || !string.Equals(expected.Email, email, StringComparison.OrdinalIgnoreCase) || !SameSecret(expected.ApiKey, key)))
        {
            throw AuthenticationError();
        }

        return "key:" + Fingerprint(email.ToUpperInvariant() + "\n" + key);
    }

    private static ApiException InvalidHeaders(int cause, string message) =>
        new(400, new ApiError(ErrorCodes.InvalidRequestHeaders, "Invalid request headers", [new ApiError(cause, message)]));

    private static ApiException AuthenticationError() => new(403, new ApiError(ErrorCodes.AuthenticationError, "Authentication error"));

    private static bool SameSecret(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static string Fingerprint(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
