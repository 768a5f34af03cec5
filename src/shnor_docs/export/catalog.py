"""The SQLite catalog of a batch: one row per input file, plus every export table.

The catalog is what makes a batch resumable. Each finished document is committed in its own
transaction (write-ahead log, full sync) right after its JSON file is in place, so a batch killed
at any moment keeps everything it finished. The cross-document tables (registries, links,
duplicates) are rebuilt from the per-document tables at the end of each run.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .tables import DOCUMENT_TABLES, DOCUMENTS_COLUMNS, ERRORS_COLUMNS, REGISTRY_TABLES, document_rows

CATALOG_NAME = "catalog.sqlite"
SCHEMA_VERSION = 1

_TYPES = {"pages": "INTEGER", "ocr": "INTEGER", "size": "INTEGER", "roadmap": "INTEGER", "item": "INTEGER",
          "seconds_total": "REAL", "max_rss_mb": "REAL"}


def _q(name: str) -> str:
    # "references" is an SQL keyword: quote every identifier
    return '"' + name.replace('"', '""') + '"'


def _create(name: str, columns: list[str], extra: str = "") -> str:
    cols = ", ".join(f"{_q(c)} {_TYPES.get(c, 'INTEGER' if c.startswith('n_') else 'TEXT')}" for c in columns)
    return f"CREATE TABLE IF NOT EXISTS {_q(name)} ({cols}{extra})"


class Catalog:
    """An open catalog file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self._schema()

    def _schema(self) -> None:
        with self.transaction():
            self.db.execute(_create("documents", DOCUMENTS_COLUMNS + ["result"], ", PRIMARY KEY (file)"))
            self.db.execute("CREATE INDEX IF NOT EXISTS documents_sha ON documents (sha256)")
            for name, cols in {**DOCUMENT_TABLES, **REGISTRY_TABLES}.items():
                self.db.execute(_create(name, cols))
            for name in DOCUMENT_TABLES:
                self.db.execute(f"CREATE INDEX IF NOT EXISTS {_q(name + '_file')} ON {_q(name)} (file)")
            self.db.execute("CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY, started TEXT, finished TEXT, "
                            "in_dir TEXT, executor TEXT, workers INTEGER, found INTEGER, processed INTEGER, "
                            "skipped INTEGER, failed INTEGER, seconds REAL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    # ------------------------------------------------------------ transactions

    def transaction(self) -> "_Tx":
        """``with catalog.transaction(): ...`` — one atomic, durable unit of work."""
        return _Tx(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Catalog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ documents

    def get(self, file: str) -> sqlite3.Row | None:
        """The catalog row of the file at relative path ``file``."""
        return self.db.execute("SELECT * FROM documents WHERE file = ?", (file,)).fetchone()

    def find_content(self, sha256: str, exclude: str | None = None) -> sqlite3.Row | None:
        """A document already processed with these bytes (an original, not a copy), if any."""
        return self.db.execute(
            "SELECT * FROM documents WHERE sha256 = ? AND copy_of IS NULL AND file IS NOT ? ORDER BY file LIMIT 1",
            (sha256, exclude)).fetchone()

    def record(self, doc: dict[str, Any], result: dict | None) -> None:
        """Store one finished file (``doc`` has :data:`DOCUMENTS_COLUMNS`) and its rows, atomically."""
        row = {c: doc.get(c) for c in DOCUMENTS_COLUMNS}
        if isinstance(row.get("timings"), dict):
            row["timings"] = json.dumps(row["timings"], sort_keys=True)
        row.setdefault("processed_at", None)
        row["processed_at"] = row["processed_at"] or datetime.now(timezone.utc).isoformat(timespec="seconds")
        row["result"] = json.dumps(result, ensure_ascii=False) if result is not None else None
        file = row["file"]
        with self.transaction():
            cols = list(row)
            self.db.execute(f"INSERT OR REPLACE INTO documents ({', '.join(map(_q, cols))}) "
                            f"VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
            for name in DOCUMENT_TABLES:
                self.db.execute(f"DELETE FROM {_q(name)} WHERE file = ?", (file,))
            if result is not None and row.get("status") == "ok" and not row.get("copy_of"):
                for name, rows in document_rows(file, result).items():
                    self._insert(name, DOCUMENT_TABLES[name], rows)

    def forget(self, file: str) -> None:
        """Remove a file's row and its rows in every per-document table."""
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE file = ?", (file,))
            for name in DOCUMENT_TABLES:
                self.db.execute(f"DELETE FROM {_q(name)} WHERE file = ?", (file,))

    def _insert(self, name: str, columns: list[str], rows: list[dict]) -> None:
        if rows:
            self.db.executemany(f"INSERT INTO {_q(name)} ({', '.join(map(_q, columns))}) "
                                f"VALUES ({', '.join('?' * len(columns))})",
                                [[r.get(c) for c in columns] for r in rows])

    def result(self, file: str) -> dict | None:
        """The stored contract JSON object of a document."""
        r = self.db.execute("SELECT result FROM documents WHERE file = ?", (file,)).fetchone()
        return json.loads(r["result"]) if r and r["result"] else None

    # ------------------------------------------------------------ runs

    def start_run(self, in_dir: str, executor: str, workers: int) -> int:
        with self.transaction():
            cur = self.db.execute("INSERT INTO runs (started, in_dir, executor, workers) VALUES (?, ?, ?, ?)",
                                  (datetime.now(timezone.utc).isoformat(timespec="seconds"), in_dir, executor,
                                   workers))
        return int(cur.lastrowid)

    def finish_run(self, run: int, **counts: Any) -> None:
        sets = ", ".join(f"{_q(k)} = ?" for k in counts)
        with self.transaction():
            self.db.execute(f"UPDATE runs SET finished = ?, {sets} WHERE run = ?",
                            [datetime.now(timezone.utc).isoformat(timespec="seconds"), *counts.values(), run])

    # ------------------------------------------------------------ cross-document tables

    def rebuild_registry(self) -> None:
        """Recompute duplicates, the person and school registries and the reference graph."""
        from ..registry import build_registry

        orders = self.rows("orders")
        refs = [dict(r) for r in self.db.execute('SELECT rowid AS _rowid, * FROM "references" ORDER BY file, rowid')]
        reg = build_registry(orders, self.rows("persons"), self.rows("schools"), refs)
        with self.transaction():
            for name, rows in reg.tables().items():
                self.db.execute(f"DELETE FROM {_q(name)}")
                self._insert(name, REGISTRY_TABLES[name], rows)
            self.db.execute("UPDATE orders SET same_as = NULL")
            self.db.executemany("UPDATE orders SET same_as = ? WHERE file = ?",
                                [(to, f) for f, to in reg.same_as.items()])
            self.db.executemany('UPDATE "references" SET resolved_file = ? WHERE rowid = ?',
                                [(to, r["_rowid"]) for r, to in zip(refs, reg.resolved)])

    # ------------------------------------------------------------ reading tables back

    def rows(self, table: str) -> list[dict]:
        """All rows of an export table, in a deterministic order."""
        return list(self.iter_rows(table))

    def iter_rows(self, table: str) -> Iterator[dict]:
        if table == "documents":
            sql = f"SELECT {', '.join(map(_q, DOCUMENTS_COLUMNS))} FROM documents ORDER BY file"
        elif table == "errors":
            sql = (f"SELECT {', '.join(map(_q, ERRORS_COLUMNS))} FROM documents WHERE status = 'error' "
                   "ORDER BY file")
        elif table in DOCUMENT_TABLES:
            sql = f"SELECT {', '.join(map(_q, DOCUMENT_TABLES[table]))} FROM {_q(table)} ORDER BY file, rowid"
        elif table in REGISTRY_TABLES:
            sql = f"SELECT {', '.join(map(_q, REGISTRY_TABLES[table]))} FROM {_q(table)} ORDER BY rowid"
        else:
            raise KeyError(table)
        for r in self.db.execute(sql):
            yield dict(r)

    def status_counts(self, files: list[str] | None = None) -> dict[str, int]:
        """``{"ok": n, "error": m}`` over all files, or over ``files`` only."""
        out: dict[str, int] = {}
        if files is None:
            for r in self.db.execute("SELECT status, COUNT(*) AS n FROM documents GROUP BY status"):
                out[r["status"]] = r["n"]
            return out
        for f in files:
            r = self.get(f)
            s = r["status"] if r else "missing"
            out[s] = out.get(s, 0) + 1
        return out


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
