#!/usr/bin/env bash
# Install whatever is missing for rendering and testing: Debian packages, the venv, the project.
# Safe to run again: each step checks first and does nothing when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  pkg-config libpango1.0-dev                          # build manimpango and pycairo
  texlive-latex-base texlive-latex-extra dvisvgm      # MathTex with manim's default template
  fonts-noto-cjk                                      # Chinese on-screen text (LECTURE_LANG=zh)
)
EXTRAS=${SADDLE_EXTRAS:-dev}

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
