#!/usr/bin/env bash
# Every speed target in one run, side by side, then one table: each measure's median and spread (lowest–highest) over
# the runs, its target beside it and whether the median meets it. Each measure's own lines are printed as it runs,
# above the table; the load average and the cores before and after.
# The rows, and what runs them (each CLI run its own process, start-up included; the scripts named say more):
#   start-up          `accesssync --version`, bare start-up: the reference       (timed as bench/validate.sh does)
#   validate 1        `accesssync validate` of one generated file: <= 2.5x start-up  (bench/validate.sh)
#   validate 1,000    the same over 1,000 files of 5 policies: <= 0.6 s wall; allocated <= 60 MiB, which is validate's
#                     own work: in the real command, cold, each run its own process (its debug line "allocating N MiB",
#                     a row a build), and in process, warm: AccessSync.Bench validate-phases, "validate as the command
#                     does", a round a run
#   plan 1,000        AccessSync.Bench plan: 1,000 files against 1,000 apps x 5 policies, 100 ms per request: <= 1.2 s,
#                     5 requests, peak RSS <= 150 MiB                           (bench/plan-apply.sh)
#   plan 5,000        the same with --apps 5000: <= 4 s, <= 2 round trips
#   read              AccessSync.Bench read-estate, 1,000 apps in process: the live model ready <= 0.15 s after the
#                     last answer was in                                         (bench/read-estate.sh)
#   apply 1,000       AccessSync.Bench apply: 1,000 policy updates (about 1,010 requests) under 1,200 requests in any
#                     5 minutes, a new emulator each run: 0 answers 429. They fit one window, so the budget does not
#                     bind and there is no share of its throughput to give; the run takes seconds.
#   apply 2,000       --with-apply: 2,000 updates (about 2,010 requests), where the budget binds: >= 97 % of its
#                     throughput, 0 answers 429. One run, about 5 minutes (a window) whatever --runs says.
#   tests             --with-tests: `dotnet test AccessSync.sln` in a fresh clone of HEAD (git clone into a temporary
#                     folder; restore and build included; committed work only): <= 3 minutes. One run, with its counts.
# Builds, once, at the start: the CLI as `dotnet build -c Release` leaves it. --r2r also publishes it for linux-x64,
# which is ReadyToRun, as `dotnet tool install` gives it there, and times start-up, validate and plan on both, a row
# each; apply runs on the first.
# With --runs 3 --r2r on the 2-core machine shared with other builds (load 6 to 7): about 4 minutes, builds aside; plus
# 5 with --with-apply and 3 or more with --with-tests. Exits 1 if a measure failed (its row says so), after the table.
# Usage: bench/table.sh [--runs N] [--with-tests] [--with-apply] [--r2r]   (default 5 runs)
set -euo pipefail
usage="usage: bench/table.sh [--runs N] [--with-tests] [--with-apply] [--r2r]"
runs=5
with_tests=false
with_apply=false
r2r=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=${2:-}; shift ;;
    --with-tests) with_tests=true ;;
    --with-apply) with_apply=true ;;
    --r2r) r2r=true ;;
    *) echo "$usage" >&2; exit 64 ;;
  esac
  shift
done
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "$usage (--runs: a whole number of 1 or more)" >&2
  exit 64
fi
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
source "$root/bench/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows="$work/rows"   # one line a measure: KEY MEASURE MEDIAN MIN MAX UNIT
: > "$rows"
failed=()
began=$(date +%s)

load_before=$(load_average)
echo "$load_before (before); $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"

echo "Building accesssync and AccessSync.Bench (Release)..." >&2
dotnet build "$root/src/AccessSync.Cli" -c Release -o "$out/cli" -v quiet -nologo >&2
builds=(build)
declare -A cli=([build]="$out/cli/accesssync.dll")
declare -A build_name=([build]="dotnet build" [r2r]="linux-x64 ReadyToRun")
if $r2r; then
  echo "Publishing accesssync for linux-x64 (ReadyToRun, as its tool package has it)..." >&2
  dotnet publish "$root/src/AccessSync.Cli" -c Release -r linux-x64 -o "$out/cli-linux-x64" -v quiet -nologo >&2
  builds+=(r2r)
  cli[r2r]="$out/cli-linux-x64/accesssync.dll"
fi
dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out/bench" -v quiet -nologo >&2
bench=(dotnet "$out/bench/AccessSync.Bench.dll")

# Reads one value a line; writes "KEY MEASURE median lowest highest UNIT", the median of an even count the mean of the
# two middle values, as the C# benchmark's own summary lines have it.
row() {
  sort -n | awk -v key="$1" -v measure="$2" -v unit="$3" '{ v[NR] = $1 } END {
    median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %g %g %g %s\n", key, measure, median, v[1], v[NR], unit }'
}

# Runs one benchmark command, its lines shown as they come, and keeps its ROW lines under KEY. A command that fails is
# named in the table and at the end, and the measures after it still run.
collect() {
  local key=$1 status=0
  shift
  echo "== $key"
  "$@" | tee "$work/$key.log" || status=$?
  sed -n "s|^ROW |$key |p" "$work/$key.log" >> "$rows"
  if ((status != 0)); then
    echo "!! $key: exit $status"
    failed+=("$key")
  fi
}

# Times `dotnet DLL ARGS...` --runs times, each its own process (bench/lib.sh's measure), prints every run's wall and
# CPU time, and keeps KEY wall and KEY cpu. Fails at the first run that does not exit 0.
time_cli() {
  local key=$1 dll=$2 walls=() cpus=() line wall cpu
  shift 2
  echo "== $key: dotnet $dll $*"
  for ((run = 1; run <= runs; run++)); do
    line=$(measure "$dll" "$@") || return 1
    read -r wall cpu <<< "$line"
    walls+=("$wall")
    cpus+=("$cpu")
  done
  echo "$key: wall ${walls[*]} ms; CPU ${cpus[*]} ms"
  printf '%s\n' "${walls[@]}" | row "$key" wall ms >> "$rows"
  printf '%s\n' "${cpus[@]}" | row "$key" cpu ms >> "$rows"
}

# What validate itself allocates in the real command over DIR, --runs times, each its own process: the figure its
# debug line gives ("allocating N MiB", from the command's start to its end; start-up left out). Keeps KEY allocated.
cli_allocation() {
  local key=$1 dll=$2 dir=$3 figures=() figure
  echo "== $key: dotnet $dll validate $dir --log-level debug"
  for ((run = 1; run <= runs; run++)); do
    figure=$(dotnet "$dll" validate "$dir" --log-level debug 2>&1 >/dev/null | grep -oE 'allocating [0-9.]+ MiB' | grep -oE '[0-9.]+') || return 1
    figures+=("$figure")
  done
  echo "$key: allocated ${figures[*]} MiB"
  printf '%s\n' "${figures[@]}" | row "$key" allocated MiB >> "$rows"
}

# `dotnet test AccessSync.sln` in a fresh clone of HEAD: restore, build and every test, one run. Keeps tests wall (s),
# passed and failed (the sums of each test project's counts). Fails only when there are no counts (it did not build).
run_tests() {
  local head clone="$work/clone" log="$work/tests.log" began ended status=0 summaries passed failures
  head=$(git -C "$root" rev-parse HEAD)
  echo "== tests: git clone of $head, then dotnet test AccessSync.sln there"
  git clone --quiet "$root" "$clone" || return 1
  git -C "$clone" checkout --quiet --detach "$head" || return 1
  began=$(date +%s.%N)
  (cd "$clone" && dotnet test AccessSync.sln) > "$log" 2>&1 || status=$?
  ended=$(date +%s.%N)
  # Each test project ends with "Passed!  - Failed: 0, Passed: 341, Skipped: 0, Total: 341, ..." (or "Failed!  - ...").
  grep -E ': error |(Passed|Failed)! +- ' "$log" || true
  summaries=$(grep -E '(Passed|Failed)! +- ' "$log" || true)
  passed=$(grep -oE 'Passed: +[0-9]+' <<< "$summaries" | awk '{ sum += $2 } END { print sum + 0 }')
  failures=$(grep -oE 'Failed: +[0-9]+' <<< "$summaries" | awk '{ sum += $2 } END { print sum + 0 }')
  echo "tests: wall $(awk -v a="$began" -v b="$ended" 'BEGIN { printf "%.1f", b - a }') s; $passed passed, $failures failed; exit $status"
  awk -v a="$began" -v b="$ended" 'BEGIN { print b - a }' | row tests wall s >> "$rows"
  echo "$passed" | row tests passed count >> "$rows"
  echo "$failures" | row tests failed count >> "$rows"
  if ((status != 0 && passed + failures == 0)); then
    tail -40 "$log"
    return 1
  fi
}

tree="$work/tree"
write_validate_tree "$tree"
for b in "${builds[@]}"; do
  dotnet "${cli[$b]}" validate "$tree/many" > /dev/null || true   # warms the disk cache and the runtime's files
done
for b in "${builds[@]}"; do
  time_cli "startup.$b" "${cli[$b]}" --version || failed+=("startup.$b")
done
for b in "${builds[@]}"; do
  time_cli "validate-1.$b" "${cli[$b]}" validate "$tree/one" || failed+=("validate-1.$b")
done
for b in "${builds[@]}"; do
  time_cli "validate-1000.$b" "${cli[$b]}" validate "$tree/many" || failed+=("validate-1000.$b")
done
for b in "${builds[@]}"; do
  cli_allocation "validate-alloc.$b" "${cli[$b]}" "$tree/many" || failed+=("validate-alloc.$b")
done
collect validate-phases "${bench[@]}" validate-phases --dir "$tree/many" --rounds "$runs" --summary
for apps in 1000 5000; do
  for b in "${builds[@]}"; do
    collect "plan-$apps.$b" "${bench[@]}" plan --cli "${cli[$b]}" --apps "$apps" --runs "$runs" --summary
  done
done
collect read "${bench[@]}" read-estate --runs "$runs" --summary
collect apply-1000 "${bench[@]}" apply --cli "${cli[build]}" --runs "$runs" --summary
if $with_apply; then
  collect apply-2000 "${bench[@]}" apply --cli "${cli[build]}" --updates-per-app 2 --runs 1 --summary
fi
if $with_tests; then
  run_tests || failed+=(tests)
fi

load_after=$(load_average)
echo "$load_after (after); $(( ($(date +%s) - began + 30) / 60 )) minutes in all"

# The table. The rows only a flag runs:
declare -A needs=([tests]=--with-tests [apply-2000]=--with-apply)
# A measure's figure: KEY MEASURE FIELD (3 median, 4 lowest, 5 highest, 6 unit), empty when it has none.
figure() { awk -v key="$1" -v measure="$2" -v field="$3" '$1 == key && $2 == measure { print $field; exit }' "$rows"; }

# A value in its unit, as the table shows it: 1,370 ms, 9.0 s, 59 MiB, 97.6 %, 5.
shown() {
  awk -v v="$1" -v unit="$2" 'function commas(n,  s, r) {
      s = sprintf("%d", n + 0.5)
      for (r = ""; length(s) > 3; s = substr(s, 1, length(s) - 3)) r = "," substr(s, length(s) - 2) r
      return s r }
    BEGIN {
      if (unit == "ms") print commas(v) " ms"
      else if (unit == "s") printf "%.1f s\n", v
      else if (unit == "MiB") printf "%.1f MiB\n", v
      else if (unit == "%") printf "%.1f %%\n", v
      else print v == int(v) ? commas(v) : v }'
}

# A spread in its unit: 1,220–2,000 ms.
spread() {
  local low
  low=$(shown "$1" "$3")
  echo "${low% *}–$(shown "$2" "$3")"
}

# Whether VALUE meets the target: OP is <=, >= or ==.
meets() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == "<=" ? v <= t : op == ">=" ? v >= t : v == t; print ok ? "yes" : "**no**" }'; }

# One line of the table: LABEL, the measure (KEY MEASURE), and its target: "OP VALUE" (in the measure's unit) with
# the text shown for it, or only a text (no verdict).
line() {
  local label=$1 key=$2 measure=$3 target=$4 text=$5 median unit verdict="—"
  median=$(figure "$key" "$measure" 3)
  if [[ -z $median ]]; then
    local why="not run${needs[$key]:+ (${needs[$key]})}"
    [[ " ${failed[*]} " == *" $key "* ]] && why="**failed**"
    echo "| $label | $why | | $text | |"
    return
  fi
  unit=$(figure "$key" "$measure" 6)
  [[ -n $target ]] && verdict=$(meets "$median" "${target% *}" "${target#* }")
  [[ " ${failed[*]} " == *" $key "* ]] && verdict="$verdict (a run failed)"
  echo "| $label | $(shown "$median" "$unit") | $(spread "$(figure "$key" "$measure" 4)" "$(figure "$key" "$measure" 5)" "$unit") | $text | $verdict |"
}

# validate of one file against 2.5 times the same build's start-up (medians), the ratio beside the verdict.
ratio_line() {
  local b=$1 startup one
  startup=$(figure "startup.$b" wall 3)
  one=$(figure "validate-1.$b" wall 3)
  if [[ -z $startup || -z $one ]]; then
    line "\`validate\` of 1 file, ${build_name[$b]}" "validate-1.$b" wall "" "≤ 2.5× start-up"
    return
  fi
  line "\`validate\` of 1 file, ${build_name[$b]}" "validate-1.$b" wall "<= $(awk -v s="$startup" 'BEGIN { print 2.5 * s }')" \
    "≤ 2.5× start-up = $(shown "$(awk -v s="$startup" 'BEGIN { print 2.5 * s }')" ms) (this: $(awk -v s="$startup" -v o="$one" 'BEGIN { printf "%.1f×", o / s }'))"
}

echo
echo "$load_before (before)"
echo "$load_after (after)"
echo "median of $runs runs each (spread: lowest–highest), except where a row says one run"
echo
echo "| row | median | spread | target | meets |"
echo "|---|---|---|---|---|"
for b in "${builds[@]}"; do
  line "\`accesssync --version\` (bare start-up), ${build_name[$b]}" "startup.$b" wall "" "reference"
done
for b in "${builds[@]}"; do
  ratio_line "$b"
done
for b in "${builds[@]}"; do
  line "\`validate\` of 1,000 files: wall, ${build_name[$b]}" "validate-1000.$b" wall "<= 600" "≤ 0.6 s"
done
for b in "${builds[@]}"; do
  line "\`validate\` of 1,000 files: allocated by validate in the command (cold, its own process), ${build_name[$b]}" "validate-alloc.$b" allocated "<= 60" "≤ 60 MiB"
done
line "\`validate\` of 1,000 files: allocated by validate in process (warm, AccessSync.Bench validate-phases)" validate-phases allocated "<= 60" "≤ 60 MiB"
for b in "${builds[@]}"; do
  line "\`plan\`, 1,000 apps × 5 policies, 100 ms a request: wall, ${build_name[$b]}" "plan-1000.$b" wall "<= 1200" "≤ 1.2 s"
  line "same: requests" "plan-1000.$b" requests "== 5" "5"
  line "same: peak RSS" "plan-1000.$b" peak-rss "<= 150" "≤ 150 MiB"
done
for b in "${builds[@]}"; do
  line "\`plan\`, 5,000 apps × 5 policies, 100 ms a request: wall, ${build_name[$b]}" "plan-5000.$b" wall "<= 4000" "≤ 4 s"
  line "same: requests" "plan-5000.$b" requests "" "—"
  line "same: round trips" "plan-5000.$b" round-trips "<= 2" "≤ 2"
done
line "live answers to the plan's input (1,000 apps), after the last answer" read after-last-answer "<= 150" "≤ 0.15 s"
line "\`dotnet test AccessSync.sln\`, fresh clone (one run): wall" tests wall "<= 180" "≤ 3 min"
line "same: tests passed" tests passed "" "—"
line "same: tests failed" tests failed "== 0" "0"
line "\`apply\`, 1,000 updates under 1,200 requests / 5 min: 429s" apply-1000 rejected-429 "== 0" "0"
line "same: requests (they fit one window: no share of the budget to give)" apply-1000 requests "" "—"
line "same: wall" apply-1000 wall "" "—"
line "\`apply\`, 2,000 updates (one run): share of the budget's throughput" apply-2000 budget-share ">= 97" "≥ 97 %"
line "same: 429s" apply-2000 rejected-429 "== 0" "0"
line "same: wall" apply-2000 wall "" "—"

if ((${#failed[@]} > 0)); then
  echo
  echo "failed: ${failed[*]} (their lines above say why)"
  exit 1
fi
