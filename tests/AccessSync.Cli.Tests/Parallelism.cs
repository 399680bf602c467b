// Each test runs the command line in a folder of its own, with variables of its own (Surroundings), against an
// emulator on a port of its own: nothing is shared but the CPU. Many tests mostly wait (on a process, an emulator's
// latency, a retry), so more of them run at once than there are cores.
[assembly: Parallelizable(ParallelScope.All)]
[assembly: LevelOfParallelism(4)]
