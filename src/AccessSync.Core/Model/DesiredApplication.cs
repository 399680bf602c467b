using System.Collections.Immutable;

namespace AccessSync.Core.Model;

/// <summary>
/// An application as AccessSync will manage it: the file's content with the root config's defaults applied
/// and its scope settled (null while no file, config, flag or environment variable gives one).
/// </summary>
public sealed record DesiredApplication(ApplicationFile File, Scope? Scope, bool Prune)
{
    public AppReference App => File.App;

    public ImmutableArray<PolicySpec> Policies => File.Policies;
}

/// <summary>Everything the files under one folder declare.</summary>
public sealed record Project(RootConfig Config, ImmutableArray<DesiredApplication> Applications)
{
    /// <summary>The reusable (account-level) policies the files define.</summary>
    public ImmutableArray<DesiredReusablePolicy> ReusablePolicies { get; init; } = [];

    /// <summary>The access tests the files hold, to be proven against the applications' policies.</summary>
    public ImmutableArray<AccessTestFile> AccessTests { get; init; } = [];
}
