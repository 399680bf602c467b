# Shared by the benchmark scripts (sourced, not run): the generated policy files that validate is timed on, one timed
# run of the CLI, and the load-average line every script prints.

# The load average over 1, 5 and 15 minutes and the cores: on a machine shared with other work, wall times mean little
# without them.
load_average() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

# Writes DIR/many (1,000 application files of 5 policies each, every rule kind validate checks, and the config file) and
# DIR/one (the first of them alone).
write_validate_tree() {
  local tree=$1 i
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
}

# One run of `dotnet DLL ARGS...`, its own process, stdout discarded: prints its wall and CPU (user + system, all
# threads) milliseconds; fails if the command does not exit 0. CPU time varies far less than wall time on a machine
# shared with other work.
measure() {
  local dll=$1 stats
  shift
  stats=$(mktemp)
  if ! /usr/bin/time -f "%e %U %S" -o "$stats" dotnet "$dll" "$@" > /dev/null; then
    rm -f "$stats"
    return 1
  fi
  awk '{printf "%d %d\n", $1 * 1000 + 0.5, ($2 + $3) * 1000 + 0.5}' "$stats"   # rounded: 0.07 s is not 69 ms
  rm -f "$stats"
}
