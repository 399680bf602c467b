#!/usr/bin/env bash
# Benchmark: 300 sequential policy PUTs under the client's rate limiter, against an emulator whose limit is the
# client's budget (default 60 requests per 3 s: Cloudflare's 1,200 per 5 minutes at 5x the rate, so the run takes
# seconds, not minutes). Shows 429s drawn (target 0) and throughput against the budget's rate (target near 100%),
# then the same run without the client's limiter for comparison.
# Usage: bench/put-throughput.sh [options, e.g. --puts 300 --budget 60 --window-s 15]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out/bench"

echo "Building AccessSync.Bench (Release)..." >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out" -v quiet -nologo >&2

dotnet "$out/AccessSync.Bench.dll" put-throughput "$@"
dotnet "$out/AccessSync.Bench.dll" put-throughput --no-limiter "$@"
