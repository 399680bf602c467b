// Fixtures run side by side, each test of one after another: every test starts an emulator of its own, on a free
// port, with a clock of its own. A test that counts the process's allocations runs alone ([NonParallelizable]).
[assembly: Parallelizable(ParallelScope.Fixtures)]
