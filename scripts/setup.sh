#!/usr/bin/env bash
# Install what is missing, idempotently: Debian's Tesseract (rus, osd), poppler, DejaVu fonts and
# LibreOffice Writer (renders DOCX to PDF for the corpus and tests), then a virtual environment at
# .venv with the project and its extras. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/rus.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/rus.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-rus)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${SHNOR_SKIP_LIBREOFFICE:-0}" != 1 ]; then
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
stamp=.venv/.shnor-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the project into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev,cluster,corpus]"
  touch "$stamp"
fi
