using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Sources;

/// <summary>Either the decoded file or the reason it could not be decoded.</summary>
public sealed record DecodedSource(SourceFile? File, Diagnostic? Problem)
{
    public static DecodedSource Ok(SourceFile file) => new(file, null);

    public static DecodedSource Failed(Diagnostic problem) => new(null, problem);
}
