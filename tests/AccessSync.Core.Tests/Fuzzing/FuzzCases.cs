using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// What a fuzz run draws from: hostile files, which test the loader and mostly end in errors, and valid-but-odd
/// ones, which get through to planning, apply and export; a little more of the second, so that every stage is
/// exercised by most cases.
/// </summary>
public static class FuzzCases
{
    public static Gen<FuzzCase> Any => Gen.Frequency((4, HostileFiles.Any), (5, OddPolicyFiles.Any));
}
