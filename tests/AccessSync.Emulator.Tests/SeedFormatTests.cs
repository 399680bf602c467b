namespace AccessSync.Emulator.Tests;

/// <summary>Where a broken seed or state file is broken, counted as a person counts, and which file it is.</summary>
public class SeedFormatTests
{
    [TestCase("x", 1, 1)]
    [TestCase("{\n  \"accounts\": x\n}", 2, 15)]
    [TestCase("{\"naïve\": x}", 1, 11)]
    [TestCase("{\"accounts\": ", 1, 14)]
    public void Broken_JSON_is_placed_at_its_1_based_line_and_character_column(string json, int line, int column)
    {
        var error = Should.Throw<SeedFormatException>(() => EmulatorSeed.Parse(json));

        (error.Line, error.Column).ShouldBe((line, column));
        error.Reason.ShouldStartWith("not valid JSON: ");
        error.Reason.ShouldNotContain("LineNumber");
        error.Reason.ShouldNotContain("BytePositionInLine");
    }

    [Test]
    public void A_file_names_itself_in_the_message()
    {
        var folder = Directory.CreateTempSubdirectory("accesssync-seed-");
        try
        {
            var path = Path.Combine(folder.FullName, "state.json");
            File.WriteAllText(path, "{\n  \"accounts\": {,}\n}");

            var error = Should.Throw<SeedFormatException>(() => EmulatorSeed.Load(path));

            error.Path.ShouldBe(path);
            error.Message.ShouldStartWith($"{path}:2:16: not valid JSON: ");
            error.Where(p => Path.GetFileName(p)).ShouldBe("state.json:2:16");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_state_file_that_breaks_the_format_is_named_rather_than_the_seed()
    {
        var folder = Directory.CreateTempSubdirectory("accesssync-seed-");
        try
        {
            var state = Path.Combine(folder.FullName, "state.json");
            File.WriteAllText(state, """{"accounts": []}""");

            var error = await Should.ThrowAsync<SeedFormatException>(async () =>
            {
                await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Empty, StateFile = state });
            });

            error.Path.ShouldBe(state);
            error.Reason.ShouldBe("accounts must be an object keyed by account id");
            (error.Line, error.Column).ShouldBe((null, null));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
