// Fixtures run side by side, each test of one after another: every test has a client, an emulator (or a scripted
// transport) and a clock of its own.
[assembly: Parallelizable(ParallelScope.Fixtures)]
