#!/usr/bin/env bash
# Benchmark: CloudflareAccessClient.ReadEstateAsync against the in-process emulator holding 1,000 applications x 5
# policies (+1 reusable link each), 50 reusable policies and 100 groups, with 100 ms latency on every request.
# Target: at most 5 requests (one page of each list) and a wall time of at most 0.5 s, i.e. the lists read in parallel.
# Prints per run: requests (from the emulator's request log), wall time, allocations, peak working set; then the
# process's peak RSS from /usr/bin/time.
# Usage: bench/read-estate.sh [RUNS] [extra options, e.g. --latency-ms 0 --apps 500]   (default 3 runs)
set -euo pipefail
runs=${1:-3}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/bench"

echo "Building AccessSync.Bench (Release)..." >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out" -v quiet -nologo >&2

if command -v /usr/bin/time > /dev/null; then
  /usr/bin/time -f "process peak RSS %M KiB, %e s elapsed in all (start-up, seeding and every run included)" \
    dotnet "$out/AccessSync.Bench.dll" read-estate --runs "$runs" "$@"
else
  dotnet "$out/AccessSync.Bench.dll" read-estate --runs "$runs" "$@"
fi
