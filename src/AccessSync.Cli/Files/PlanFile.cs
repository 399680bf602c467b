using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;

namespace AccessSync.Cli.Files;

/// <summary>Saved plans on disk: the JSON render, read back for <c>apply --plan</c>.</summary>
public static class PlanFile
{
    /// <summary>Saves the plan with its review, as the JSON render shows them; a saved plan is reviewed again when it is read.</summary>
    public static async Task SaveAsync(PlanReview review, FileInfo file, CancellationToken cancellationToken)
    {
        file.Directory?.Create();
        await File.WriteAllTextAsync(file.FullName, PlanFileWriter.Write(review), cancellationToken);
    }

    public static async Task<Plan> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UsageException($"no such plan file: {file}");
        }

        try
        {
            return PlanFileReader.Read(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (PlanFormatException e)
        {
            throw new UserException($"{file} is not a plan AccessSync can apply: {e.Message}");
        }
    }
}
