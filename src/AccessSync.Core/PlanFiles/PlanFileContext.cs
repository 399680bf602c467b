using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessSync.Core.PlanFiles;

/// <summary>
/// The serializer's contract for the plan file, generated at build time from the documents' records. It writes
/// what <c>Utf8JsonWriter</c> wrote by hand before it: two-space indents, "\n" line ends, members in declared
/// order. It reads strictly: every constructor parameter without a default must be there (null where it may be),
/// and no null stands where the record says a value.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class PlanFileContext : JsonSerializerContext
{
    // Made on first use, not with the other statics: the generated half of the class has statics too (Default,
    // which this copies), and no file states the order partial classes' statics are set in.
    private static PlanFileContext? relaxed;

    /// <summary>
    /// The context with the one option the attribute cannot hold: a file for people to read too, so names and
    /// reasons are in their own letters. It is never embedded in HTML.
    /// </summary>
    public static PlanFileContext Relaxed => relaxed ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = null });
}
