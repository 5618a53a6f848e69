#!/usr/bin/env bash
# Build release archives of ecdash for Linux, macOS and Windows (amd64 and
# arm64) into dist/, with checksums. Nothing is published.
#
#   scripts/release.sh v0.1.0
#
# The version, the commit and the build date are stamped into the binary
# (ecdash version prints them). A short script rather than GoReleaser: the
# build is one `go build` per platform, and this needs nothing but Go.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="${1:?usage: scripts/release.sh VERSION (e.g. v0.1.0)}"
commit="$(git rev-parse HEAD)"
date="$(git log -1 --format=%cI HEAD)" # the commit's date: the same tree builds the same archives
if [[ -n "$(git status --porcelain)" ]]; then
	echo "release.sh: the tree has uncommitted changes; commit or stash them first" >&2
	exit 1
fi

# Built from the commit itself, not the working tree: an edit made while
# this runs cannot end up in an archive.
src="$(mktemp -d)"
trap 'rm -rf "$src"' EXIT
git archive HEAD | tar -x -C "$src"
out="$PWD/dist"
rm -rf "$out" && mkdir -p "$out"
ldflags="-s -w -X main.version=${version} -X main.commit=${commit} -X main.date=${date}"
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
	os="${target%/*}" arch="${target#*/}"
	name="ecdash_${version#v}_${os}_${arch}"
	exe="ecdash"
	[[ "$os" == windows ]] && exe="ecdash.exe"
	mkdir -p "$out/${name}"
	(cd "$src" && CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out/${name}/${exe}" ./cmd/ecdash)
	cp "$src/LICENSE" "$src/README.md" "$src/CHANGELOG.md" "$out/${name}/"
	if [[ "$os" == windows ]]; then
		(cd "$out" && zip -qr "${name}.zip" "${name}")
	else
		tar -C "$out" -czf "$out/${name}.tar.gz" "${name}"
	fi
	rm -rf "${out:?}/${name}"
done
(cd "$out" && sha256sum ./*.tar.gz ./*.zip | sed 's# \./# #' > checksums.txt)
echo "release.sh: $(ls "$out" | wc -l) files in dist/ for ${version} (${commit:0:12})"
