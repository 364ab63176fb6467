#!/usr/bin/env bash
# Usage: scripts/install-go-tool.sh PACKAGE VERSION
#
# Installs the Go command PACKAGE at VERSION into bin/ with `go install`, unless bin/ already has
# that command built from that module version. The version is read from the build information
# that `go install` embeds in the binary (`go version -m`), so a binary of another version is
# replaced.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 PACKAGE VERSION" >&2
  exit 2
fi
package=$1
version=$2

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin_dir="$root/bin"

# go install names the binary after the last path element that is not a major version suffix,
# so github.com/goreleaser/goreleaser/v2 installs as goreleaser.
name=${package##*/}
if [[ $name =~ ^v[0-9]+$ ]]; then
  name=${package%/*}
  name=${name##*/}
fi
binary="$bin_dir/$name"

installed_version() {
  go version -m "$binary" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

if [[ -x $binary && $(installed_version) == "$version" ]]; then
  exit 0
fi

echo "Installing $package@$version into bin/ with go install, which compiles it from source." >&2
GOBIN="$bin_dir" go install "$package@$version"

if [[ $(installed_version) != "$version" ]]; then
  echo "After go install, bin/$name reports module version '$(installed_version)', expected $version." >&2
  exit 1
fi
