using AccessSync.Cli;
using AccessSync.Cli.Hosting;

return await CliApp.RunAsync(args, Console.Out, Console.Error, Surroundings.OfThisProcess());
