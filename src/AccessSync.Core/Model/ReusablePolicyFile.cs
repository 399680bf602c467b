namespace AccessSync.Core.Model;

/// <summary>
/// A file that defines one reusable (account-level) policy: a file under <c>reusable/</c>, or one that says
/// <c>kind: reusable-policy</c>. Applications attach it with <c>- use: NAME</c>.
/// </summary>
/// <param name="Scope">The account the file itself declares, if any.</param>
public sealed record ReusablePolicyFile(string Path, Scope? Scope, PolicySpec Policy);

/// <summary>A reusable policy as AccessSync will manage it: the file's policy with defaults applied, and its account settled.</summary>
public sealed record DesiredReusablePolicy(ReusablePolicyFile File, Scope? Scope)
{
    public PolicySpec Policy => File.Policy;
}
