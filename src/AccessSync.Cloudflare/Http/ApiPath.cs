namespace AccessSync.Cloudflare.Http;

/// <summary>A request's path as users see it in messages and logs: relative to the API base URL, without the query.</summary>
internal static class ApiPath
{
    public static string Relative(Uri? requestUri, Uri baseUrl)
    {
        if (requestUri is null)
        {
            return "/";
        }

        var path = requestUri.AbsolutePath;
        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0 && path.StartsWith(basePath, StringComparison.Ordinal))
        {
            path = path[basePath.Length..];
        }

        return path.Length == 0 ? "/" : path;
    }
}
