#!/usr/bin/env bash
# Installs what is missing (Debian packages, the pinned HTML validator),
# builds cfgen, and generates output/ from the shipped catalogue releases
# and example responses.  Safe to run again: it only does what is needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(build-essential cmake pkg-config libyaml-dev libcmark-gfm-dev
	libcmark-gfm-extensions-dev cmark-gfm
	libhpdf-dev libdeflate-dev libharfbuzz-dev check libjansson-dev libssl-dev libpng-dev
	libqpdf-dev zlib1g-dev libqrencode-dev
	fonts-dejavu-core fonts-droid-fallback
	poppler-utils qpdf minisign zbar-tools clang libclang-rt-dev ninja-build python3
	python3-jsonschema chromium python3-yaml)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
# Some machines carry their own Node.js build that bundles npm; Debian's
# npm package would conflict with it, so only ask for what is absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
fi

# The HTML validator, puppeteer-core and axe-core for the browser test
# (tests/scripts/browser.sh), and ajv with ajv-formats and ajv-draft-04
# for the exports' official JSON schemas (tests/scripts/lib/
# schema_validate.cjs), pinned by package-lock in .tools/.
# puppeteer drives Debian's chromium: it must not download a browser.
if [ ! -x .tools/node_modules/.bin/html-validate ] ||
    [ ! -d .tools/node_modules/puppeteer-core ] ||
    [ ! -f .tools/node_modules/axe-core/axe.min.js ] ||
    [ ! -f .tools/node_modules/ajv-formats/package.json ] ||
    [ ! -f .tools/node_modules/ajv-draft-04/package.json ]; then
	echo "setup: installing html-validate, puppeteer-core, axe-core," \
		"ajv (npm)"
	(cd .tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit \
		--no-fund)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
# The default build also regenerates output/; say where it went.
echo "setup: cfgen built at build/cfgen; artefacts in output/"
