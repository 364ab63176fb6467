#!/usr/bin/env bash
# Usage: scripts/testacc-matrix.sh [CLI ...]
#
# Runs the acceptance tests (TestAcc*) once per Terraform-compatible CLI. CLI names:
#   path       the terraform on PATH (skipped when there is none, since terraform-1.5.7 covers it)
#   terraform  Terraform 1.5.7, the last MPL release, built into bin/terraform when missing
#   tofu       OpenTofu 1.10.10, built into bin/tofu from its Go module when missing
# Without arguments it runs all three. It stops at the first CLI whose tests fail.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export CHECKPOINT_DISABLE=1

TERRAFORM_VERSION=1.5.7
TOFU_VERSION=1.10.10

install_terraform() {
  scripts/install-go-tool.sh github.com/hashicorp/terraform "v$TERRAFORM_VERSION"
  echo "$root/bin/terraform"
}

# OpenTofu's main package cannot be installed with `go install module@version` (its go.mod has
# replace directives), so the module is downloaded and built inside its directory.
install_tofu() {
  local binary="$root/bin/tofu"
  if [[ -x $binary ]] && "$binary" version 2>/dev/null | grep -q "^OpenTofu v$TOFU_VERSION"; then
    echo "$binary"
    return
  fi

  echo "Building OpenTofu $TOFU_VERSION into bin/tofu from its Go module (several minutes)." >&2
  local module_dir
  module_dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [[ -z $module_dir ]]; then
    echo "go mod download did not report the directory of github.com/opentofu/opentofu@v$TOFU_VERSION." >&2
    exit 1
  fi
  (cd "$module_dir" && GOFLAGS=-mod=mod go build -o "$binary" ./cmd/tofu)
  echo "$binary"
}

run_suite() {
  local name=$1 cli=$2
  shift 2
  echo "==> acceptance tests with $name: $("$cli" version 2>/dev/null | sed -n 1p)"
  env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" "$@" \
    scripts/go-test.sh ./... -run TestAcc -count=1 -timeout 9m
}

clis=("$@")
if [[ ${#clis[@]} -eq 0 ]]; then
  clis=(path terraform tofu)
fi

for name in "${clis[@]}"; do
  case $name in
    path)
      if ! path_terraform=$(command -v terraform); then
        echo "==> no terraform on PATH; the terraform run covers Terraform $TERRAFORM_VERSION"
        continue
      fi
      run_suite "terraform on PATH" "$path_terraform"
      ;;
    terraform)
      run_suite "Terraform $TERRAFORM_VERSION" "$(install_terraform)"
      ;;
    tofu)
      # terraform-plugin-testing names providers by registry host; OpenTofu's default is its own.
      run_suite "OpenTofu $TOFU_VERSION" "$(install_tofu)" TF_ACC_PROVIDER_HOST=registry.opentofu.org
      ;;
    *)
      echo "unknown CLI '$name': use path, terraform or tofu" >&2
      exit 2
      ;;
  esac
done
