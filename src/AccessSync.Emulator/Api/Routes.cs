using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AccessSync.Emulator.Api;

/// <summary>The endpoints, under /client/v4, in their account and zone forms where the API has both.</summary>
internal static class Routes
{
    public const string BasePath = "/client/v4";

    /// <summary>Where the pipeline leaves the request body it read, for handlers to parse.</summary>
    public const string BodyItem = "accesssync.emulator.body";

    // Default per_page of each list (API-FACTS §1; service tokens and IdPs are not in the spec: 1000 like groups).
    private const int AppsPerPage = 1000;
    private const int AppPoliciesPerPage = 200;
    private const int ReusablePerPage = 100;
    private const int DirectoryPerPage = 1000;

    /// <summary>A key given twice would otherwise fail only when the object is first read, deep in a handler.</summary>
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    public static void Map(IEndpointRouteBuilder endpoints, StateStore store)
    {
        var api = endpoints.MapGroup(BasePath);

        Scoped(api, "GET", "/access/apps", (c, s) =>
        {
            var paging = Paging.From(c.Request, AppsPerPage);
            var (page, total) = store.ListApps(s, AppFilterFrom(c.Request), paging.Skip, paging.PerPage);
            return paging.Answer(page, total);
        });
        Scoped(api, "POST", "/access/apps", (c, s) => Created(store.CreateApp(s, Body(c))));
        Scoped(api, "GET", "/access/apps/{appId}", (c, s) => ApiResponse.Ok(store.GetApp(s, Route(c, "appId"))));
        Scoped(api, "PUT", "/access/apps/{appId}", (c, s) => ApiResponse.Ok(store.UpdateApp(s, Route(c, "appId"), Body(c))));
        Scoped(api, "DELETE", "/access/apps/{appId}", (c, s) => Accepted(store.DeleteApp(s, Route(c, "appId"))));

        Scoped(api, "GET", "/access/apps/{appId}/policies", (c, s) =>
            Paging.From(c.Request, AppPoliciesPerPage).Slice(store.ListAppPolicies(s, Route(c, "appId"))));
        Scoped(api, "POST", "/access/apps/{appId}/policies", (c, s) => Created(store.CreateAppPolicy(s, Route(c, "appId"), Body(c))));
        Scoped(api, "GET", "/access/apps/{appId}/policies/{policyId}", (c, s) =>
            ApiResponse.Ok(store.GetAppPolicy(s, Route(c, "appId"), Route(c, "policyId"))));
        Scoped(api, "PUT", "/access/apps/{appId}/policies/{policyId}", (c, s) =>
            ApiResponse.Ok(store.UpdateAppPolicy(s, Route(c, "appId"), Route(c, "policyId"), Body(c))));
        Scoped(api, "DELETE", "/access/apps/{appId}/policies/{policyId}", (c, s) =>
            Accepted(store.DeleteAppPolicy(s, Route(c, "appId"), Route(c, "policyId"))));

        Account(api, "GET", "/access/policies", (c, a) => Paging.From(c.Request, ReusablePerPage).Slice(store.ListReusable(a)));
        Account(api, "POST", "/access/policies", (c, a) => Created(store.CreateReusable(a, Body(c))));
        Account(api, "GET", "/access/policies/{policyId}", (c, a) => ApiResponse.Ok(store.GetReusable(a, Route(c, "policyId"))));
        Account(api, "PUT", "/access/policies/{policyId}", (c, a) => ApiResponse.Ok(store.UpdateReusable(a, Route(c, "policyId"), Body(c))));
        Account(api, "DELETE", "/access/policies/{policyId}", (c, a) => Accepted(store.DeleteReusable(a, Route(c, "policyId"))));
        Account(api, "PUT", "/access/apps/{appId}/policies/{policyId}/make_reusable", (c, a) =>
            ApiResponse.Ok(store.MakeReusable(a, Route(c, "appId"), Route(c, "policyId"))));

        Scoped(api, "GET", "/access/groups", (c, s) =>
            Paging.From(c.Request, DirectoryPerPage).Slice(store.ListGroups(s, Query(c.Request, "name"), Query(c.Request, "search"))));
        Scoped(api, "GET", "/access/groups/{groupId}", (c, s) => ApiResponse.Ok(store.GetGroup(s, Route(c, "groupId"))));
        Scoped(api, "GET", "/access/service_tokens", (c, s) =>
            Paging.From(c.Request, DirectoryPerPage).Slice(store.ListServiceTokens(s, Query(c.Request, "name"), Query(c.Request, "search"))));
        Scoped(api, "GET", "/access/identity_providers", (c, s) =>
            Paging.From(c.Request, DirectoryPerPage).Slice(store.ListIdentityProviders(s)));
    }

    /// <summary>The request body as a JSON object; malformed JSON is Cloudflare's 6007.</summary>
    public static JsonObject Body(HttpContext context)
    {
        var text = context.Items[BodyItem] as string;
        JsonNode? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text, documentOptions: StrictJson);
        }
        catch (JsonException)
        {
            throw new ApiException(400, new ApiError(ErrorCodes.MalformedJson, "Malformed JSON in request body"));
        }

        return parsed as JsonObject ?? throw new ApiException(400, new ApiError(
            ErrorCodes.AccessInvalidRequest,
            parsed is null ? "access.api.error.invalid_request: a JSON object body is required" : "access.api.error.invalid_request: the request body must be a JSON object"));
    }

    private static void Scoped(RouteGroupBuilder api, string method, string path, Func<HttpContext, ScopeRef, ApiResponse> handler)
    {
        api.MapMethods("/accounts/{scopeId}" + path, [method], Handle(c => handler(c, ScopeRef.Account(Route(c, "scopeId")))));
        api.MapMethods("/zones/{scopeId}" + path, [method], Handle(c => handler(c, ScopeRef.Zone(Route(c, "scopeId")))));
    }

    private static void Account(RouteGroupBuilder api, string method, string path, Func<HttpContext, string, ApiResponse> handler) =>
        api.MapMethods("/accounts/{scopeId}" + path, [method], Handle(c => handler(c, Route(c, "scopeId"))));

    private static RequestDelegate Handle(Func<HttpContext, ApiResponse> handler) =>
        context => Envelope.WriteSuccess(context, handler(context));

    private static ApiResponse Created(JsonNode result) => new(StatusCodes.Status201Created, result);

    private static ApiResponse Accepted(JsonNode result) => new(StatusCodes.Status202Accepted, result);

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    private static string? Query(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static AppFilter AppFilterFrom(HttpRequest request)
    {
        var exact = Query(request, "exact");
        return new AppFilter(
            Query(request, "name"),
            Query(request, "domain"),
            Query(request, "aud"),
            Query(request, "search"),
            exact switch
            {
                null or "false" => false,
                "true" => true,
                _ => throw new ApiException(400, new ApiError(
                    ErrorCodes.InvalidRequestParameters, "Invalid request parameters", [new ApiError(ErrorCodes.InvalidParameter, "exact must be true or false")])),
            });
    }
}
