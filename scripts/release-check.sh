#!/usr/bin/env bash
# Usage: GORELEASER=bin/goreleaser scripts/release-check.sh
#
# Validates .goreleaser.yml, builds a snapshot release into dist/ (every platform, archives and
# checksums, no signing, nothing published), and checks the files against what the Terraform
# Registry expects: one zip per platform holding terraform-provider-zilliz_v<version>, and a
# SHA256SUMS file that lists every zip and the registry manifest. Works offline.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
goreleaser=${GORELEASER:-$root/bin/goreleaser}
project=terraform-provider-zilliz
# Platforms that .goreleaser.yml builds, which are its goos and goarch lists less its ignore list.
# Change both files together.
platforms=(
  darwin_amd64 darwin_arm64
  freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64
  linux_386 linux_amd64 linux_arm linux_arm64
  windows_386 windows_amd64 windows_arm64
)

cd "$root"
"$goreleaser" check
"$goreleaser" release --snapshot --clean --skip=publish,sign

problems=0
problem() {
  echo "release-check: $*" >&2
  problems=$((problems + 1))
}

# 1. One SHA256SUMS file, whose name carries the snapshot version.
shopt -s nullglob
sums_files=(dist/"$project"_*_SHA256SUMS)
shopt -u nullglob
if [[ ${#sums_files[@]} -ne 1 ]]; then
  echo "release-check: expected one dist/${project}_<version>_SHA256SUMS file, found ${#sums_files[@]}." >&2
  exit 1
fi
sums=${sums_files[0]}
version=${sums#dist/"${project}"_}
version=${version%_SHA256SUMS}

# 2. The manifest is listed under its release name with the checksum of the file in the repository.
manifest_name=${project}_${version}_manifest.json
manifest_sum=$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)
if ! grep -qxF "$manifest_sum  $manifest_name" "$sums"; then
  problem "$sums does not list $manifest_name with the checksum of terraform-registry-manifest.json."
fi

# 3. Every platform has a listed zip with a matching checksum and the binary inside.
for platform in "${platforms[@]}"; do
  zip=${project}_${version}_${platform}.zip
  if [[ ! -f dist/$zip ]]; then
    problem "dist/$zip is missing."
    continue
  fi
  if ! grep -qxF "$(cd dist && sha256sum "$zip")" "$sums"; then
    problem "$sums does not list $zip with its checksum."
  fi

  binary=${project}_v${version}
  [[ $platform == windows_* ]] && binary=$binary.exe
  if command -v unzip >/dev/null && ! unzip -Z1 "dist/$zip" | grep -qxF "$binary"; then
    problem "dist/$zip does not contain $binary."
  fi
done

listed=$(grep -c . "$sums")
expected=$((${#platforms[@]} + 1))
if [[ $listed -ne $expected ]]; then
  problem "$sums lists $listed files, expected $expected (the zips and the manifest)."
fi

# 4. The binary for this machine carries the version and was built with -trimpath and without cgo.
#    -trimpath also leaves -ldflags out of the build information, so the version string is looked
#    for in the binary itself, where -X main.version put it.
host_binary=$(find dist -type f -path "*_$(go env GOOS)_$(go env GOARCH)*/${project}_v${version}*" -print -quit)
if [[ -z $host_binary ]]; then
  problem "no binary for $(go env GOOS)/$(go env GOARCH) under dist/."
else
  grep -qaF -- "$version" "$host_binary" || problem "$host_binary does not contain the version $version."
  build_info=$(go version -m "$host_binary")
  grep -qE 'build[[:space:]]+-trimpath=true' <<<"$build_info" || problem "$host_binary was not built with -trimpath."
  grep -qE 'build[[:space:]]+CGO_ENABLED=0' <<<"$build_info" || problem "$host_binary was built with cgo."
fi

if [[ $problems -ne 0 ]]; then
  echo "release-check: $problems problems in dist/." >&2
  exit 1
fi
echo "release-check: snapshot $version has ${#platforms[@]} zips, a SHA256SUMS file and the manifest, as the registry expects."
