using AccessSync.Bench;

return await BenchCommand.RunAsync(args);
