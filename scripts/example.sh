#!/usr/bin/env bash
# Set everything up, then run the main job on the bundled example: extract examples/order.docx
# to examples/out/order.json and print a short summary of what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
mkdir -p examples/out
.venv/bin/shnor-docs extract examples/order.docx -o examples/out/order.json
.venv/bin/python - <<'PY'
import json
d = json.load(open("examples/out/order.json", encoding="utf-8"))
o = d["order"]
print(f"{o['doc_type']} {o['date']} № {o['number']}: {o['title']}")
print(f"issuer: {o['issuer']}")
print(f"schools: {len(d['schools'])}, persons: {len(d['persons'])}, references: {len(d['references'])}, "
      f"roadmap items: {sum(len(r['items']) for r in d['roadmaps'])}, warnings: {len(d['warnings'])}")
print("full result: examples/out/order.json")
PY
