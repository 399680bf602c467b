#!/usr/bin/env bash
# Benchmark: the real `accesssync plan` and `apply` (Release build, each run its own process, start-up included)
# against the emulator hosted in the benchmark process, with CLOUDFLARE_API_TOKEN and --account-id set.
#  plan:  1,000 application files x 5 policies (4 of them with real differences) against the same estate in the
#         emulator (plus 50 reusable policies, 100 groups), 100 ms latency per request.
#         Targets: wall <= 2 s including start-up, <= 5 requests, peak RSS <= 200 MB. Prints each run and the median,
#         then where the time goes: bare start-up, `validate` alone, a debug-level run's log timeline, and the plan's
#         steps timed one by one in process (plan-phases).
#  apply: `apply --auto-approve` of 1,000 policy updates (1,000 apps x 1) under the emulator's default rate limit,
#         1,200 requests per 5 minutes, no latency: takes about 4.5 minutes. Targets: 0 answers 429, and >= 90 % of
#         the budget's throughput: wall time at most the budget's bound (requests / 4 per second) / 0.9.
#         The CLI always keeps to Cloudflare's budget and cannot be given another, so a shrunk window would not make
#         the run shorter: --quick runs 100 updates instead (about 13 s; its bound is dominated by the burst).
#  --r2r: also publishes the CLI ReadyToRun (linux-x64, framework-dependent, as its linux-x64 tool package has it) and
#         runs the plan on that build, to compare with the build `dotnet build` leaves, whose cold CLI spends much of its
#         CPU compiling code.
# Usage: bench/plan-apply.sh [--quick] [--r2r] [RUNS]   (default 5 plan runs)
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
if $quick; then
  "${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 100
else
  "${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 1000
fi
