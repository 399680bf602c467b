using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Applying;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Cli.Files;

/// <summary>
/// <c>apply --journal FILE</c>: one JSON object per line for each write, appended the moment the write ends and
/// flushed to the operating system before the next, so that a run killed at any point (even by SIGKILL) leaves a
/// file that says exactly which writes it made and how each ended. The file is appended to, never replaced: one
/// journal can hold several runs, each line stamped with its run's id.
/// </summary>
/// <remarks>
/// A line's fields (README: the journal): <c>time</c>, <c>run</c>, <c>outcome</c> (done, failed, unknown),
/// <c>app</c> (name, id, account or zone, file), <c>change</c>, <c>items</c> (kind, policy), <c>request</c> (method, path),
/// <c>policy_id</c> and <c>message</c>. No secret is in any of them: the token is in a header, never in a path.
/// </remarks>
public sealed class ApplyJournal : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Quotes and non-ASCII letters as they are (the file is read by people and jq, never embedded in HTML); control characters stay escaped.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StreamWriter writer;
    private readonly string run;

    private ApplyJournal(StreamWriter writer, string run)
    {
        this.writer = writer;
        this.run = run;
    }

    /// <summary>Opens <paramref name="file"/> for appending (created if absent), for the run <paramref name="run"/>.</summary>
    public static ApplyJournal Open(GivenPath file, Surroundings surroundings, string run)
    {
        try
        {
            var stream = new FileStream(file.FullPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            return new ApplyJournal(new StreamWriter(stream, Utf8) { AutoFlush = false, NewLine = "\n" }, run);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"cannot write the journal {surroundings.DisplayPath(file.FullPath)}: {e.Message}");
        }
    }

    /// <summary>Appends <paramref name="write"/> as one line and flushes it. Called one write at a time.</summary>
    public void Append(WriteRecord write)
    {
        writer.WriteLine(Line(write, run).ToJsonString(Readable));
        writer.Flush();
    }

    /// <summary>One write as a journal line.</summary>
    public static JsonObject Line(WriteRecord write, string run) => new()
    {
        ["time"] = write.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["run"] = run,
        ["outcome"] = write.Outcome.ToString().ToLowerInvariant(),
        ["app"] = new JsonObject
        {
            ["name"] = write.App.Name,
            ["id"] = write.App.IsReusablePolicies ? null : write.App.Id,
            [write.App.Scope.Kind == ScopeKind.Account ? "account" : "zone"] = write.App.Scope.Id,
            ["file"] = write.App.FilePath.Length > 0 ? write.App.FilePath : null,
        },
        ["change"] = write.Change,
        ["items"] = new JsonArray([.. write.Items.Select(i => (JsonNode)new JsonObject { ["kind"] = i.Kind.Verb(), ["policy"] = i.PolicyName })]),
        ["request"] = new JsonObject { ["method"] = write.Request.Method, ["path"] = write.Request.Path },
        ["policy_id"] = write.PolicyId,
        ["message"] = write.Message,
    };

    public void Dispose() => writer.Dispose();
}
