// Fixtures run side by side, each test of one after another: every test starts an emulator of its own, on a free
// port, with a clock of its own. A fixture with a test that counts the process's allocations runs alone
// ([NonParallelizable] on the fixture: on the test alone, other fixtures' tests would still run beside it).
[assembly: Parallelizable(ParallelScope.Fixtures)]
