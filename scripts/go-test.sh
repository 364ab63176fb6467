#!/usr/bin/env bash
# Usage: TF_ACC=1 TF_ACC_TERRAFORM_PATH=/path/to/terraform scripts/go-test.sh [go test arguments]
#
# Runs `go test -v` with the given arguments and prints its output without the lines for tests
# that started or passed. It fails when go test fails, when an acceptance test (TestAcc*) was
# skipped, or when no acceptance test ran at all, because terraform-plugin-testing skips
# acceptance tests silently when TF_ACC is unset or no Terraform binary is found.
set -euo pipefail

if [[ -z ${TF_ACC:-} ]]; then
  echo "TF_ACC is not set, so every acceptance test would be skipped. Run with TF_ACC=1." >&2
  exit 2
fi
if [[ ! -x ${TF_ACC_TERRAFORM_PATH:-} ]]; then
  echo "TF_ACC_TERRAFORM_PATH='${TF_ACC_TERRAFORM_PATH:-}' is not an executable Terraform binary." \
    "Run make terraform, or set it to the path of one." >&2
  exit 2
fi

log=$(mktemp "${TMPDIR:-/tmp}/go-test.XXXXXX")
trap 'rm -f "$log"' EXIT

set +e
go test -v "$@" 2>&1 | tee "$log" | grep -Ev '^[[:space:]]*(=== (RUN|PAUSE|CONT|NAME)|--- PASS:)'
go_test_status=${PIPESTATUS[0]}
set -e

count_results() {
  grep -Ec "^[[:space:]]*--- $1: " "$log" || true
}
passed=$(count_results PASS)
failed=$(count_results FAIL)
skipped=$(count_results SKIP)
acceptance_ran=$(grep -Ec '^[[:space:]]*--- (PASS|FAIL): TestAcc' "$log" || true)

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"

if [[ $go_test_status -ne 0 ]]; then
  echo "go test failed with exit status $go_test_status." >&2
  exit "$go_test_status"
fi

if grep -Eq '^[[:space:]]*--- SKIP: TestAcc' "$log"; then
  echo "These acceptance tests were skipped, but make test must run every one of them:" >&2
  grep -E '^[[:space:]]*--- SKIP: TestAcc' "$log" >&2
  exit 1
fi

if [[ $acceptance_ran -eq 0 ]]; then
  echo "No acceptance test (TestAcc*) ran. Check the -run pattern and the package list." >&2
  exit 1
fi
