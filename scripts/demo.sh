#!/usr/bin/env bash
# Usage: scripts/demo.sh   (make demo runs it)
#
# Runs examples/quickstart end to end against a local Zilliz Cloud mock on 127.0.0.1: builds the
# provider and cmd/zilliz-mock, applies, checks that a second plan is empty, destroys, and stops
# the mock. Everything lives in one temporary directory that is removed on exit, so the demo
# leaves nothing behind and can run again at once. It never prints the API key or the password,
# and fails if its own output contains either.
#
# Environment: TERRAFORM (the Terraform binary; default: terraform on PATH, then bin/terraform),
# VERSION (version string built into the provider; default dev).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform || echo "$root/bin/terraform")}
if [[ ! -x $terraform ]]; then
  echo "No Terraform binary at '$terraform'. Run make terraform, or set TERRAFORM." >&2
  exit 2
fi
provider_version=${VERSION:-dev}

# The demo talks only to its own mock, so settings from the caller's environment must not leak
# in: a real ZILLIZ_API_KEY, TF_VAR_ values, TF_CLI_ARGS, or TF_LOG, whose debug output could
# carry request details.
while read -r name; do
  unset "$name"
done < <(compgen -e | grep -E '^(TF_|ZILLIZ_)' || true)
export CHECKPOINT_DISABLE=1
export TF_INPUT=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zilliz-demo.XXXXXX")
work=$tmp/work
transcript=$tmp/transcript.log
mock_pid=
step="setup"

# Prints the mock's stderr with the API key replaced, for failure reports.
show_mock_log() {
  [[ -s $tmp/mock.stderr ]] || return 0
  echo "--- last lines of the mock's log ---" >&2
  local line
  tail -n 20 "$tmp/mock.stderr" | while IFS= read -r line; do
    if [[ -n ${api_key:-} ]]; then
      line=${line//"$api_key"/<api key>}
    fi
    printf '%s\n' "$line" >&2
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ $status -ne 0 ]]; then
    echo >&2
    echo "Demo FAILED during: $step (exit status $status)." >&2
    show_mock_log
  fi
  if [[ -n $mock_pid ]] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "$*" >&2
  exit 1
}

begin_step() {
  step=$1
  printf '\n==> %s\n' "$step" | tee -a "$transcript"
}

# Terraform colors its output even when it writes to a pipe, so color is kept only on a terminal.
color_flags=()
[[ -t 1 ]] || color_flags=(-no-color)

# Runs a terraform command in the working copy, echoing the command and keeping a transcript of
# all output. -compact-warnings shrinks the dev_overrides warning that apply, plan and destroy
# repeat. The output command takes no such flag.
run_terraform() {
  local command=$1
  shift
  local flags=("${color_flags[@]}")
  [[ $command == output ]] || flags+=(-compact-warnings)

  printf '$ terraform %s\n' "$command${*:+ $*}" | tee -a "$transcript"
  "$terraform" -chdir="$work" "$command" "${flags[@]}" "$@" 2>&1 | tee -a "$transcript"
}

# Prints one output value without echoing it to the terminal or the transcript.
read_output() {
  "$terraform" -chdir="$work" output -raw "$1" 2>/dev/null
}

# Sends SIGINT to the mock, waits up to 10 s for it to exit, and returns its exit status.
stop_mock() {
  kill -INT "$mock_pid"
  for _ in $(seq 100); do
    kill -0 "$mock_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$mock_pid" 2>/dev/null; then
    echo "The mock did not exit within 10 s of SIGINT, so the demo kills it." >&2
    kill -KILL "$mock_pid" 2>/dev/null || true
  fi

  local mock_status=0
  wait "$mock_pid" || mock_status=$?
  mock_pid=
  return "$mock_status"
}

# 1. Build the provider and the mock into the temporary directory.
begin_step "1/6 Build the provider and the mock"
mkdir -p "$tmp/plugins" "$work"
(
  cd "$root"
  go build -ldflags "-X main.version=$provider_version" -o "$tmp/plugins/terraform-provider-zilliz" .
  go build -o "$tmp/zilliz-mock" ./cmd/zilliz-mock
)
echo "Built terraform-provider-zilliz ($provider_version) and zilliz-mock in $tmp."

# 2. Start the mock on a free loopback port and read its endpoint and API key from the env file.
#    Its stdout repeats the key, so it goes to a file that is never printed.
begin_step "2/6 Start the mock"
"$tmp/zilliz-mock" -listen 127.0.0.1:0 -create-delay 3s -delete-delay 1s \
  -env-file "$tmp/mock.env" >"$tmp/mock.stdout" 2>"$tmp/mock.stderr" &
mock_pid=$!

endpoint=
api_key=
for _ in $(seq 100); do
  if [[ -s $tmp/mock.env ]]; then
    endpoint=$(sed -n 's/^ZILLIZ_ENDPOINT=//p' "$tmp/mock.env")
    api_key=$(sed -n 's/^ZILLIZ_API_KEY=//p' "$tmp/mock.env")
  fi
  [[ -n $endpoint && -n $api_key ]] && break
  kill -0 "$mock_pid" 2>/dev/null || fail "The mock exited before it wrote $tmp/mock.env."
  sleep 0.1
done
[[ -n $endpoint && -n $api_key ]] || fail "The mock did not write ZILLIZ_ENDPOINT and ZILLIZ_API_KEY within 10 s."
if [[ ! $endpoint =~ ^http://127\.0\.0\.1:[0-9]+$ ]]; then
  fail "The mock reported the endpoint '$endpoint', which is not http://127.0.0.1:PORT."
fi
echo "Mock listening at $endpoint (process $mock_pid), with cluster creation taking 3 s."

export ZILLIZ_ENDPOINT=$endpoint
export ZILLIZ_API_KEY=$api_key

# 3. Point Terraform at the new provider binary with dev_overrides, which need no terraform init,
#    and copy the quickstart so that state stays out of the repository.
begin_step "3/6 Prepare a working copy of examples/quickstart"
cat >"$tmp/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "vectorops/zilliz" = "$tmp/plugins"
  }
  direct {}
}
CONFIG
export TF_CLI_CONFIG_FILE=$tmp/terraformrc
cp "$root"/examples/quickstart/*.tf "$work/"
echo "Working directory: $work"

# 4. Create the cluster and show the outputs. The password is checked but never printed.
begin_step "4/6 terraform apply"
SECONDS=0
run_terraform apply -auto-approve
apply_seconds=$SECONDS
run_terraform output

cluster_id=$(read_output cluster_id) || fail "terraform output has no cluster_id."
cluster_status=$(read_output status) || fail "terraform output has no status."
password=$(read_output password) || fail "terraform output has no password; the provider did not store it."
[[ -n $cluster_id ]] || fail "The cluster_id output is empty."
[[ -n $password ]] || fail "The password output is empty; the provider did not store it."
[[ $cluster_status == RUNNING ]] || fail "The cluster status after apply is '$cluster_status', expected RUNNING."

cat <<BANNER

  ==============================================================
    Created cluster $cluster_id (status $cluster_status) in ${apply_seconds} s
  ==============================================================

  The password output is sensitive, so terraform output shows it as <sensitive>.
  In a working directory with this state, read it with: terraform output -raw password
  (this demo removes its working directory when it ends).
BANNER

# 5. A plan right after apply must be empty. With -detailed-exitcode, terraform plan exits with
#    status 2 when the plan has changes.
begin_step "5/6 terraform plan -detailed-exitcode"
plan_status=0
run_terraform plan -detailed-exitcode || plan_status=$?
case $plan_status in
  0) echo "The plan reports no changes." ;;
  2) fail "The plan after apply has changes, so the provider does not read back what it applied." ;;
  *) fail "terraform plan failed with exit status $plan_status." ;;
esac

# 6. Destroy, confirm through the state and the mock's API, then stop the mock.
begin_step "6/6 terraform destroy"
run_terraform destroy -auto-approve
remaining=$("$terraform" -chdir="$work" state list)
[[ -z $remaining ]] || fail "Resources left in state after destroy: $remaining"

# The mock describes a dropped cluster as DELETING, then DELETED, and returns code 80020 once
# its retention time has passed. Each of the three shows that the drop reached the API.
after_destroy="status not checked (curl is not installed)"
if command -v curl >/dev/null; then
  printf 'Authorization: Bearer %s\n' "$api_key" >"$tmp/auth-header"
  describe=$(curl -sS --max-time 10 -H @"$tmp/auth-header" "$endpoint/v1/clusters/$cluster_id")
  if [[ $describe =~ \"status\":\"(DELETING|DELETED)\" ]]; then
    after_destroy="status ${BASH_REMATCH[1]} in the mock"
  elif [[ $describe =~ \"code\":80020 ]]; then
    after_destroy="not found in the mock (code 80020)"
  elif [[ $describe =~ \"status\":\"([A-Z]+)\" ]]; then
    fail "The mock describes cluster $cluster_id with status ${BASH_REMATCH[1]} after destroy."
  else
    fail "Unexpected response from the mock for cluster $cluster_id after destroy: ${describe:0:300}"
  fi
fi
echo "Confirmed: the state is empty and cluster $cluster_id has $after_destroy."

step="stop the mock"
mock_exit=0
stop_mock || mock_exit=$?
[[ $mock_exit -eq 0 ]] || fail "The mock exited with status $mock_exit after SIGINT, expected 0."
echo "Mock stopped (exit status 0)."

# The transcript contains every line that terraform printed during the demo.
step="check the output for secrets"
if grep -qF -- "$api_key" "$transcript"; then
  fail "The demo output contains the mock's API key."
fi
if grep -qF -- "$password" "$transcript"; then
  fail "The demo output contains the cluster password."
fi

cat <<SUMMARY

Demo passed.
  apply    created $cluster_id, RUNNING after ${apply_seconds} s
  output   password stored in state, shown only as sensitive
  plan     no changes after apply
  destroy  state empty; cluster $after_destroy
  mock     stopped cleanly; the temporary directory is removed on exit
SUMMARY
