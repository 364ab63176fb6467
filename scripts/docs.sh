#!/usr/bin/env bash
# Usage: TERRAFORM=... TFPLUGINDOCS=... scripts/docs.sh generate|check
#
# generate: renders docs/ from the provider schema, examples/ and templates/ with tfplugindocs.
# check:    renders into a temporary copy of the repository, runs tfplugindocs validate, and fails
#           when the result differs from docs/.
#
# The schema comes from `terraform providers schema -json` on a freshly built provider binary,
# passed to tfplugindocs with --providers-schema. Without that flag tfplugindocs looks for a
# terraform on PATH and downloads the latest release when it finds none, which this script must
# never do.
set -euo pipefail

mode=${1:-}
if [[ $mode != generate && $mode != check ]]; then
  echo "usage: $0 generate|check" >&2
  exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform || echo "$root/bin/terraform")}
tfplugindocs=${TFPLUGINDOCS:-$root/bin/tfplugindocs}
for tool in "$terraform" "$tfplugindocs"; do
  if [[ ! -x $tool ]]; then
    echo "$tool is missing or not executable. Run make docs, which installs the tools." >&2
    exit 2
  fi
done

export CHECKPOINT_DISABLE=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zilliz-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# 1. Build the provider and export its schema. tfplugindocs looks the schema up under the
#    hashicorp namespace, so the temporary configuration names the provider hashicorp/zilliz and
#    a dev override points that address at the new binary. dev_overrides need no terraform init.
mkdir -p "$tmp/plugins" "$tmp/config"
(cd "$root" && go build -o "$tmp/plugins/terraform-provider-zilliz" .)
cat >"$tmp/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "hashicorp/zilliz" = "$tmp/plugins"
  }
  direct {}
}
CONFIG
cat >"$tmp/config/main.tf" <<'CONFIG'
terraform {
  required_providers {
    zilliz = {
      source = "hashicorp/zilliz"
    }
  }
}
CONFIG
TF_CLI_CONFIG_FILE="$tmp/terraformrc" "$terraform" -chdir="$tmp/config" providers schema -json \
  >"$tmp/schema.json"

# 2. Render. check works on a copy, because generate rewrites the managed parts of docs/.
provider_dir=$root
if [[ $mode == check ]]; then
  if [[ ! -d $root/docs ]]; then
    echo "docs/ does not exist. Run make docs to generate it." >&2
    exit 1
  fi
  provider_dir=$tmp/tree
  mkdir -p "$provider_dir"
  tar -C "$root" --exclude=./.git --exclude=./bin --exclude=./dist --exclude='.terraform' -cf - . |
    tar -C "$provider_dir" -xf -
fi

# check keeps the tfplugindocs progress and debug lines out of make test, unless a run fails.
run_tfplugindocs() {
  if [[ $mode == generate ]]; then
    "$tfplugindocs" "$@"
  elif ! "$tfplugindocs" "$@" >"$tmp/tfplugindocs.log" 2>&1; then
    cat "$tmp/tfplugindocs.log" >&2
    echo "tfplugindocs $1 failed." >&2
    return 1
  fi
}

run_tfplugindocs generate \
  --provider-dir "$provider_dir" \
  --provider-name zilliz \
  --rendered-provider-name "Zilliz Cloud" \
  --providers-schema "$tmp/schema.json"

run_tfplugindocs validate \
  --provider-dir "$provider_dir" \
  --provider-name zilliz \
  --providers-schema "$tmp/schema.json"

# 3. Compare.
if [[ $mode == check ]]; then
  if ! diff -ru "$root/docs" "$provider_dir/docs"; then
    echo "docs/ is out of date with the schema, examples/ or templates/. Run make docs and commit the result." >&2
    exit 1
  fi
  echo "docs/ is up to date."
fi
