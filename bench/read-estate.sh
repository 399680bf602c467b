#!/usr/bin/env bash
# Benchmark: plan's read of the live estate (CloudflareProvider.ReadAsync: the client's reads and the mapping of the
# answers to the core's live model) against the in-process emulator holding 1,000 applications x 5 policies (+1
# reusable link each), 50 reusable policies and 100 groups, with 100 ms latency on every request.
# Targets: 5 requests in 1 round trip (9 in 2 with --apps 5000), and the live model ready <= 150 ms after the last
# answer was in (the whole body read): parsing and mapping are all that is left then.
# Prints per run: requests and round trips (from the client's own record of when each was sent and answered), wall
# time and the part after the last answer, allocations, peak working set; the median and spread; then the process's
# peak RSS from /usr/bin/time.
# Usage: bench/read-estate.sh [RUNS] [extra options, e.g. --apps 5000 --latency-ms 0]   (default 5 runs)
set -euo pipefail
runs=${1:-5}
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
