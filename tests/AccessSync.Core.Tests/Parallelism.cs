// Fixtures run side by side, each test of one after another: the core is pure functions of values, and the tests
// share nothing they change. A test that measures its own time or the process's allocations runs alone
// ([NonParallelizable]), so that no other test's work counts against its bounds.
[assembly: Parallelizable(ParallelScope.Fixtures)]
