#!/usr/bin/env bash
# Fuzzing: the test suite's hostile and mutated policy files and valid-but-odd ones, run for longer with a random seed (printed first).
# Each case is loaded, validated and, if valid, planned against examples/live.json, rendered, applied in memory,
# planned again (no change) and exported; the share of cases reaching each stage is printed.
# Prints cases per second, every crash or case over its bounds (5 s, 512 MB; saved under bench/out/fuzz/), and the
# worst time and allocation seen. Exits 1 if any case crashed or went over its bounds.
# Usage: bench/fuzz.sh [CASES] [--seed S]   (default 100,000 cases; --seed replays a run)
set -euo pipefail
cases=${1:-100000}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"

echo "Building the benchmark (Release)..." >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out/bench" -v quiet -nologo >&2
dotnet "$out/bench/AccessSync.Bench.dll" fuzz --cases "$cases" "$@"
