#!/usr/bin/env bash
# Benchmark: `accesssync validate` over 1,000 generated application files of 5 policies each, and over one file.
# Target: the 1,000-file run in at most 1 s of wall time, start-up included, on a 2-core machine.
# Usage: bench/validate.sh [RUNS]   (default 5 runs each; prints every run and the median)
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"

echo "Building accesssync (Release)..." >&2
dotnet build "$root/src/AccessSync.Cli" -c Release -o "$out/cli" -v quiet -nologo >&2
cli="$out/cli/accesssync.dll"

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/many" "$tree/one"
printf 'account_id: 9a7806061c88ada191ed06f989cc3dac\ndefaults: {session_duration: 24h}\n' > "$tree/many/accesssync.yaml"
for i in $(seq -w 1 1000); do
  cat > "$tree/many/app-$i.yaml" <<YAML
# yaml-language-server: \$schema=../schemas/accesssync.schema.json
app:
  domain: app-$i.example.com
policies:
  - name: Block contractors
    decision: deny
    include:
      - group: Contractors
      - email: { email: temp-$i@example.com }
  - name: Allow developers
    decision: allow
    include:
      - group: Developers
      - email_domain: example.com
    require:
      - login_method: Okta
      - geo: US
    session_duration: 8h
  - name: Allow SRE on call
    decision: allow
    include:
      - email: oncall-$i@example.com
      - ip: 192.0.2.0/24
    require:
      - auth_method: mfa
    mfa_config: { allowed_authenticators: [totp, security_key], session_duration: 12h }
  - name: CI deploy
    decision: non_identity
    include:
      - service_token: CI deploy bot
      - any_valid_service_token: true
  - name: Health checks
    decision: bypass
    include:
      - ip: 198.51.100.$((10#$i % 250))/32
    purpose_justification_required: false
YAML
done
cp "$tree/many/app-0001.yaml" "$tree/one/app.yaml"

measure() { # prints wall milliseconds of one run; fails if validate does not exit 0
  local start end
  start=$(date +%s%N)
  dotnet "$cli" validate "$1" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

dotnet "$cli" validate "$tree/many" | tail -1 >&2   # warm the disk cache; prints the summary line
for label in many one; do
  times=()
  for _ in $(seq 1 "$runs"); do times+=("$(measure "$tree/$label")"); done
  echo "validate $label: runs ${times[*]} ms; median $(printf '%s\n' "${times[@]}" | median) ms"
done
if command -v /usr/bin/time > /dev/null; then
  /usr/bin/time -f "validate many: peak RSS %M KiB" dotnet "$cli" validate "$tree/many" > /dev/null
fi
