#!/usr/bin/env bash
# Set everything up, then run the whole test suite (real Tesseract, real natasha, real PDF/DOCX).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export OMP_THREAD_LIMIT=1
set +e
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
# pytest's 5 means no test ran: that is a failure for this project, not a pass
exit $rc
