#!/usr/bin/env bash
# Benchmark: 300 sequential policy PUTs under the client's rate limiter, against an emulator whose limit is the
# client's budget (default 60 in any 3 s: Cloudflare's 1,200 in any 5 minutes at 5x the rate, so the run takes
# seconds, not minutes). Shows 429s drawn (target 0) and throughput against the budget (target >= 97 %): the least
# time any client keeping the budget needs (60 at once, 60 more a window later, ...: 12 s for 300) over the wall time.
# Then the same run without the client's limiter for comparison: it overruns, and each overrun blocks a whole window.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/bench"

echo "Building AccessSync.Bench (Release)..." >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out" -v quiet -nologo >&2

dotnet "$out/AccessSync.Bench.dll" put-throughput "$@"
dotnet "$out/AccessSync.Bench.dll" put-throughput --no-limiter "$@"
