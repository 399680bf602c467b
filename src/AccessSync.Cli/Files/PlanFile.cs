using AccessSync.Cli.Hosting;
using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;

namespace AccessSync.Cli.Files;

/// <summary>Saved plans on disk: the JSON render, read back for <c>apply --plan</c>.</summary>
public static class PlanFile
{
    /// <summary>Saves the plan with its review, as the JSON render shows them; a saved plan is reviewed again when it is read.</summary>
    public static async Task SaveAsync(PlanReview review, GivenPath file, CancellationToken cancellationToken)
    {
        file.AsFile().Directory?.Create();
        await File.WriteAllTextAsync(file.FullPath, PlanFileWriter.Write(review), cancellationToken);
    }

    public static async Task<Plan> LoadAsync(GivenPath file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file.FullPath))
        {
            throw new UsageException($"no such plan file: {file}");
        }

        try
        {
            return PlanFileReader.Read(await File.ReadAllTextAsync(file.FullPath, cancellationToken));
        }
        catch (PlanFormatException e)
        {
            throw new UserException($"{file} is not a plan AccessSync can apply: {e.Message}");
        }
    }
}
