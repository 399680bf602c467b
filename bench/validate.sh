#!/usr/bin/env bash
# Benchmark: `accesssync validate` over 1,000 generated application files of 5 policies each, and over one file, each
# run its own process (start-up included), next to bare start-up (`accesssync --version`): the build as `dotnet build`
# leaves it (IL, compiled at run time) and the tool as its linux-x64 package has it (ReadyToRun); then where validate's
# time and allocations go, its steps timed one by one in process (validate-phases).
# Targets on a 2-core machine: one file in at most 2.5x bare start-up; 1,000 files in at most 0.6 s wall and 60 MiB
# allocated.
# Usage: bench/validate.sh [--cli DLL] [RUNS]   (default 5 runs each; prints every run, the median and the spread)
#   --cli DLL: time that build of accesssync.dll (an older one, to compare) instead of this tree's, and skip the
#              steps in process (they are always this tree's).
set -euo pipefail
cli=""
if [[ ${1:-} == --cli ]]; then
  cli=$(realpath "$2")
  shift 2
fi
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
source "$root/bench/lib.sh"
mkdir -p "$out"

phases=false
clis=("$cli")
if [[ -z $cli ]]; then
  echo "Building accesssync (Release, and published for linux-x64 as its package has it) and AccessSync.Bench..." >&2
  dotnet build "$root/src/AccessSync.Cli" -c Release -o "$out/cli" -v quiet -nologo >&2
  dotnet publish "$root/src/AccessSync.Cli" -c Release -r linux-x64 -o "$out/cli-linux-x64" -v quiet -nologo >&2
  dotnet build "$root/bench/AccessSync.Bench" -c Release -o "$out/bench" -v quiet -nologo >&2
  clis=("$out/cli/accesssync.dll" "$out/cli-linux-x64/accesssync.dll")
  phases=true
fi

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
write_validate_tree "$tree"

summary() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }

for cli in "${clis[@]}"; do
  echo "$(load_average); $cli"
  dotnet "$cli" validate "$tree/many" | tail -1   # warms the disk cache; prints the summary line
  for label in start-up one many; do
    walls=()
    cpus=()
    for _ in $(seq 1 "$runs"); do
      case $label in
        start-up) read -r wall cpu < <(measure "$cli" --version) ;;
        *) read -r wall cpu < <(measure "$cli" validate "$tree/$label") ;;
      esac
      walls+=("$wall")
      cpus+=("$cpu")
    done
    echo "$label$([[ $label == start-up ]] && echo ' (--version)'): wall ${walls[*]} ms, $(printf '%s\n' "${walls[@]}" | summary); CPU $(printf '%s\n' "${cpus[@]}" | summary)"
  done
  /usr/bin/time -f "validate many: peak RSS %M KiB" dotnet "$cli" validate "$tree/many" > /dev/null
  dotnet "$cli" validate "$tree/many" --log-level debug 2>&1 >/dev/null | grep -o 'the process has allocated.*' || true
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if $phases; then
  dotnet "$out/bench/AccessSync.Bench.dll" validate-phases --dir "$tree/many" --rounds 3
fi
