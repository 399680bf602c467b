#!/usr/bin/env bash
# Benchmark: the real `accesssync plan` and `apply` (Release build, each run its own process, start-up included)
# against the emulator hosted in the benchmark process, with CLOUDFLARE_API_TOKEN and --account-id set.
#  plan:  1,000 application files x 5 policies (4 of them with real differences) against the same estate in the
#         emulator (plus 50 reusable policies, 100 groups), 100 ms latency per request.
#         Targets: wall <= 2 s including start-up, <= 5 requests, peak RSS <= 200 MB. Prints each run and the median,
#         then where the time goes: bare start-up, `validate` alone, a debug-level run's log timeline, and the plan's
#         steps timed one by one in process (plan-phases).
#  apply: `apply --auto-approve` of 1,000 policy updates (1,000 apps x 1) under the emulator's default rate limit,
#         1,200 requests per 5 minutes, no latency: takes about 4.5 minutes. Targets: 0 answers 429, and wall time
#         within 90 % of the budget's bound (requests / 4 per second), i.e. >= 90 % of the budget's throughput.
#         The CLI always keeps to Cloudflare's budget and cannot be given another, so a shrunk window would not make
#         the run shorter: --quick runs 100 updates instead (about 13 s; its bound is dominated by the burst).
# Usage: bench/plan-apply.sh [--quick] [RUNS]   (default 5 plan runs)
set -euo pipefail
quick=false
if [[ ${1:-} == --quick ]]; then quick=true; shift; fi
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"

echo "Building accesssync and AccessSync.Bench (Release)..." >&2
dotnet build "$root/src/AccessSync.Cli" -c Release -o "$out/cli" -v quiet -nologo >&2
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out/bench" -v quiet -nologo >&2
bench=(dotnet "$out/bench/AccessSync.Bench.dll")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"${bench[@]}" plan --cli "$out/cli/accesssync.dll" --runs "$runs" --trace
"${bench[@]}" plan-phases --rounds 3
if $quick; then
  "${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 100
else
  "${bench[@]}" apply --cli "$out/cli/accesssync.dll" --apps 1000
fi
