#!/usr/bin/env bash
# Create .venv and install the pinned lock (requirements.txt, made by scripts/lock.sh) and the cchc package.
# Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  # PyICU (Vietnamese collation) has no wheel for Linux: pip compiles it against the system ICU, which needs
  # libicu-dev, pkg-config and a C++ compiler. Install them with apt where they are missing and apt is there.
  if ! .venv/bin/python -c "import icu" 2>/dev/null \
    && { ! command -v pkg-config >/dev/null || ! pkg-config --exists icu-i18n || ! command -v g++ >/dev/null; }; then
    if command -v apt-get >/dev/null; then
      SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null
    else
      echo "PyICU cần libicu-dev, pkg-config và trình biên dịch C++ (g++); hãy cài chúng rồi chạy lại." >&2
    fi
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  .venv/bin/python -m pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi
