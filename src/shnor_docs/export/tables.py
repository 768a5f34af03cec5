"""The export tables: their columns, and how one contract JSON object becomes their rows.

Every export (CSV, XLSX, the SQLite catalog) has the same tables with the same columns, so a
spreadsheet user and an SQL user see one data model. Rows are keyed by ``file``: the document's
path relative to the input folder. Lists inside a cell are joined with ``"; "``.
"""

from __future__ import annotations

from typing import Any, Iterable

#: tables filled document by document (rows of one document can be replaced on their own)
DOCUMENT_TABLES: dict[str, list[str]] = {
    "orders": [
        "file", "sha256", "media_type", "pages", "ocr", "doc_type", "issuer", "region", "municipality",
        "date", "number", "place", "title", "signatory", "signatory_position", "approved_by",
        "approved_by_position", "controller", "controller_position", "directives", "n_directives",
        "n_roadmaps", "n_items", "n_schools", "n_persons", "n_references", "n_warnings", "same_as",
    ],
    "roadmap_items": [
        "file", "order_date", "order_number", "roadmap", "roadmap_title", "item", "number", "section",
        "action", "form", "deadline", "deadline_start", "deadline_end", "recurrence", "responsible",
        "responsible_persons", "responsible_orgs", "result", "expected_result",
    ],
    "schools": ["file", "order_date", "order_number", "municipality", "name", "kind", "number", "legal_form",
                "roles"],
    "persons": ["file", "order_date", "order_number", "surname", "initials", "first_name", "patronymic",
                "positions", "variants"],
    "references": ["file", "order_date", "order_number", "relation", "doc_type", "issuer", "date", "number",
                   "title", "resolved_file"],
    "warnings": ["file", "warning"],
}

#: tables built across the whole backlog at the end of each run
REGISTRY_TABLES: dict[str, list[str]] = {
    "persons_registry": ["person_key", "surname", "initials", "first_name", "patronymic", "positions",
                         "variants", "n_orders", "orders", "files"],
    "schools_registry": ["school_key", "municipality", "kind", "number", "names", "legal_forms", "roles",
                         "n_orders", "orders", "files"],
    "links": ["from_file", "from_order", "relation", "to_file", "to_order", "cited_as"],
    "duplicates": ["file", "same_as", "order_key"],
}

#: one row per input file (the catalog's own table), and the failures among them
DOCUMENTS_COLUMNS = ["file", "sha256", "size", "status", "error_kind", "error", "media_type", "pages", "ocr",
                     "json_path", "copy_of", "seconds_total", "timings", "max_rss_mb", "processed_at",
                     "version"]
ERRORS_COLUMNS = ["file", "sha256", "error_kind", "error", "copy_of"]

#: every exported table, in the order of the workbook's sheets
EXPORT_TABLES: dict[str, list[str]] = {
    "documents": DOCUMENTS_COLUMNS,
    "errors": ERRORS_COLUMNS,
    **DOCUMENT_TABLES,
    **REGISTRY_TABLES,
}

SEP = "; "


def person_label(ref: dict | None) -> str | None:
    """``"Коршунова И.Д."`` from a person-ref (``None`` for no person)."""
    if not ref or not ref.get("surname"):
        return None
    return f"{ref['surname']} {ref.get('initials') or ''}".strip()


def order_label(date: str | None, number: str | None, doc_type: str | None = None) -> str:
    """``"приказ № 73 от 2021-01-19"`` — how an order is named in a cell."""
    parts = [doc_type or "документ"]
    number = (number or "").lstrip("№ ").strip()
    if number:
        parts.append(f"№ {number}")
    if date:
        parts.append(f"от {date}")
    return " ".join(parts)


def _join(values: Iterable[Any]) -> str:
    return SEP.join(str(v) for v in values if v not in (None, ""))


def document_rows(file: str, result: dict) -> dict[str, list[dict]]:
    """The rows one contract JSON object contributes to each of :data:`DOCUMENT_TABLES`."""
    src = result.get("source") or {}
    order = result.get("order") or {}
    roadmaps = result.get("roadmaps") or []
    key = {"file": file, "order_date": order.get("date"), "order_number": order.get("number")}

    def ref_position(name: str) -> str | None:
        return (order.get(name) or {}).get("position")

    out: dict[str, list[dict]] = {t: [] for t in DOCUMENT_TABLES}
    out["orders"].append({
        "file": file, "sha256": src.get("sha256"), "media_type": src.get("media_type"),
        "pages": src.get("pages"), "ocr": int(bool(src.get("ocr"))),
        **{k: order.get(k) for k in ("doc_type", "issuer", "region", "municipality", "date", "number", "place",
                                     "title")},
        "signatory": person_label(order.get("signatory")), "signatory_position": ref_position("signatory"),
        "approved_by": person_label(order.get("approved_by")),
        "approved_by_position": ref_position("approved_by"),
        "controller": person_label(order.get("controller")), "controller_position": ref_position("controller"),
        "directives": "\n".join(f"{d.get('number')}. {d.get('text')}" if d.get("number") else str(d.get("text"))
                                for d in order.get("directives") or []),
        "n_directives": len(order.get("directives") or []),
        "n_roadmaps": len(roadmaps), "n_items": sum(len(r.get("items") or []) for r in roadmaps),
        "n_schools": len(result.get("schools") or []), "n_persons": len(result.get("persons") or []),
        "n_references": len(result.get("references") or []), "n_warnings": len(result.get("warnings") or []),
        "same_as": None,
    })
    for ri, rm in enumerate(roadmaps, 1):
        for ii, item in enumerate(rm.get("items") or [], 1):
            dl = item.get("deadline") or {}
            resp = item.get("responsible") or []
            out["roadmap_items"].append({
                **key, "roadmap": ri, "roadmap_title": rm.get("title"), "item": ii,
                "number": item.get("number"), "section": item.get("section"), "action": item.get("action"),
                "form": item.get("form"), "deadline": dl.get("text"), "deadline_start": dl.get("start"),
                "deadline_end": dl.get("end"), "recurrence": dl.get("recurrence"),
                "responsible": _join(r.get("text") for r in resp),
                "responsible_persons": _join(person_label(r.get("person")) for r in resp),
                "responsible_orgs": _join(r.get("org") for r in resp),
                "result": item.get("result"), "expected_result": item.get("expected_result"),
            })
    for s in result.get("schools") or []:
        out["schools"].append({**key, "municipality": order.get("municipality"), "name": s.get("name"),
                               "kind": s.get("kind"), "number": s.get("number"),
                               "legal_form": s.get("legal_form"), "roles": _join(s.get("roles") or [])})
    for p in result.get("persons") or []:
        out["persons"].append({**key, "surname": p.get("surname"), "initials": p.get("initials"),
                               "first_name": p.get("first_name"), "patronymic": p.get("patronymic"),
                               "positions": _join(p.get("positions") or []),
                               "variants": _join(p.get("variants") or [])})
    for r in result.get("references") or []:
        out["references"].append({**key, "relation": r.get("relation"), "doc_type": r.get("doc_type"),
                                  "issuer": r.get("issuer"), "date": r.get("date"), "number": r.get("number"),
                                  "title": r.get("title"), "resolved_file": None})
    for w in result.get("warnings") or []:
        out["warnings"].append({"file": file, "warning": w})
    return out
