#!/usr/bin/env bash
# Benchmark: the real `accesssync plan` and `apply` (Release build, each run its own process, start-up included)
# against the emulator hosted in the benchmark process, with CLOUDFLARE_API_TOKEN and --account-id set.
#  plan:  1,000 application files x 5 policies (4 of them with real differences; an application's 5 policies differ
#         from one another, each requiring its own country, as a real estate's would) against the same estate in the
#         emulator (plus 50 reusable policies, 100 groups), 100 ms latency per request.
#         Targets: wall <= 1.2 s including start-up, 5 requests, peak RSS <= 150 MiB. Prints each run (requests and
#         round trips from the emulator's request log) and the median with the spread, then where the time goes: bare
#         start-up, `validate` alone, a debug-level run's log timeline (the reads start while the files load), and the
#         plan's steps timed one by one in process (plan-phases).
#         Then the same with 5,000 applications: targets wall <= 4 s, reads in <= 2 round trips (9 requests).
#  apply: `apply --auto-approve` under the emulator's default limit, Cloudflare's 1,200 requests in any 5 minutes, no
#         latency: 1,000 policy updates (about 1,010 requests, which fit one window: the budget does not bind, and the
#         run takes seconds), then 2,000 (about 2,010 requests: the budget binds, about 5 minutes). Targets: 0 answers
#         429, and >= 97 % of the budget's throughput: the least time any client keeping the budget needs (1,200 at
#         once, the rest a window later) over the wall time.
#  --quick: plan 1,000 only, and the 1,000-update apply only.
#  --r2r: also publishes the CLI ReadyToRun (linux-x64, framework-dependent), as the tool's linux-x64 package has it,
#         and runs the plan on that build too.
# Usage: bench/plan-apply.sh [--quick] [--r2r] [RUNS]   (default 5 plan runs of 1,000 applications, 3 of 5,000)
set -euo pipefail
quick=false
r2r=false
while [[ ${1:-} == --* ]]; do
  case $1 in
    --quick) quick=true ;;
    --r2r) r2r=true ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"

echo "Building accesssync and AccessSync.Bench (Release)..." >&2
dotnet build "$root/src/AccessSync.Cli" -c Release -o "$out/cli" -v quiet -nologo >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out/bench" -v quiet -nologo >&2
bench=(dotnet "$out/bench/AccessSync.Bench.dll")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"${bench[@]}" plan --cli "$out/cli/accesssync.dll" --runs "$runs" --trace
if $r2r; then
  echo "Publishing accesssync ReadyToRun (linux-x64)..." >&2
  dotnet publish "$root/src/AccessSync.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$out/cli-r2r" -v quiet -nologo >&2
  echo "The same plan runs with the CLI built ReadyToRun:"
  "${bench[@]}" plan --cli "$out/cli-r2r/accesssync.dll" --runs "$runs"
fi
"${bench[@]}" plan-phases --rounds 3
if ! $quick; then
  "${bench[@]}" plan --cli "$out/cli/accesssync.dll" --apps 5000 --runs 3
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 1000
if ! $quick; then
  "${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 1000 --updates-per-app 2
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
