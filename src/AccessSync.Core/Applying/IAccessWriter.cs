using System.Text.Json.Nodes;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// The writes an apply makes, one method per endpoint of the API. Each step of <see cref="ApplySequencer"/> calls
/// the one it needs with the body it built, and the provider sends that body as it is.
/// </summary>
/// <remarks>
/// Every method returns the API's answer, or its error as a failed answer: never an exception for an API, auth
/// or network failure, so that one failed write does not hide the others.
/// </remarks>
public interface IAccessWriter
{
    /// <summary>POST a policy of the application's own.</summary>
    Task<WriteAnswer> CreatePolicyAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken);

    /// <summary>PUT one of the application's own policies: a full replacement.</summary>
    Task<WriteAnswer> UpdatePolicyAsync(AppTarget app, string policyId, JsonObject body, CancellationToken cancellationToken);

    Task<WriteAnswer> DeletePolicyAsync(AppTarget app, string policyId, CancellationToken cancellationToken);

    /// <summary>POST a reusable policy of the account.</summary>
    Task<WriteAnswer> CreateReusablePolicyAsync(Scope account, JsonObject body, CancellationToken cancellationToken);

    /// <summary>PUT a reusable policy: a full replacement, seen at once by every application using it.</summary>
    Task<WriteAnswer> UpdateReusablePolicyAsync(Scope account, string policyId, JsonObject body, CancellationToken cancellationToken);

    Task<WriteAnswer> DeleteReusablePolicyAsync(Scope account, string policyId, CancellationToken cancellationToken);

    /// <summary>Turn a policy of <paramref name="owner"/>'s own into a reusable policy of its account, same id.</summary>
    Task<WriteAnswer> MakePolicyReusableAsync(AppTarget owner, string policyId, CancellationToken cancellationToken);

    /// <summary>PUT the application: a full replacement, its policies list included.</summary>
    Task<WriteAnswer> UpdateApplicationAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken);
}
