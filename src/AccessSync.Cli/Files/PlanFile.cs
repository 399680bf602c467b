using AccessSync.Cli.Commands;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;

namespace AccessSync.Cli.Files;

/// <summary>Saved plans on disk: the JSON render, read back for <c>apply --plan</c>.</summary>
public static class PlanFile
{
    public static async Task SaveAsync(Plan plan, FileInfo file, CancellationToken cancellationToken)
    {
        file.Directory?.Create();
        await File.WriteAllTextAsync(file.FullName, PlanJson.Write(plan), cancellationToken);
    }

    public static async Task<Plan> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new UsageException($"no such plan file: {file}");
        }

        try
        {
            return PlanJson.Read(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        }
        catch (PlanFormatException e)
        {
            throw new UserException($"{file} is not a plan AccessSync can apply: {e.Message}");
        }
    }
}
