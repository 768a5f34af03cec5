"""The ``shnor-docs`` command: ``extract``, ``text`` and ``batch``.

Errors the user can act on (a missing, empty, corrupt or unsupported file) are printed as one line
``shnor-docs: FILE: reason`` with exit code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__
from .errors import ShnorError

PROG = "shnor-docs"


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a good file is never replaced by half a file."""
    from .export.atomic import write_text_atomic

    write_text_atomic(path, text)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract

    result = extract(args.file)
    text = result.to_json(indent=None if args.compact else 1) + "\n"
    if args.output:
        _write_atomic(Path(args.output), text)
        logging.getLogger("shnor_docs").info("wrote %s", args.output)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_text(args: argparse.Namespace) -> int:
    from .api import document_text, load_document

    if args.trace and not args.raw:
        trace: list = []
        text = load_document(args.file, trace=trace).text()
    else:
        trace, text = [], document_text(args.file, raw=args.raw)
    if args.output:
        _write_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    # one change per line; line breaks inside a change shown as ⏎ so the list stays greppable
    for rule, before, after in trace:
        before, after = before.replace("\n", "⏎"), after.replace("\n", "⏎")
        sys.stderr.write(f"{rule}: {before} → {after}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Turn Russian education-authority orders (txt, docx, pdf, scans) into structured JSON: "
                    "the order's header, its roadmaps, the schools, persons and documents it names.",
        epilog="Exit codes: 0 success, 1 some files failed (batch), 2 bad input or arguments.",
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="log what happens (-vv for debug)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    e = sub.add_parser("extract", help="extract one file to contract JSON",
                       description="Extract one file (.txt, .docx, .pdf, .png, .jpg, .tif) to JSON "
                                   "following the output contract v1.")
    e.add_argument("file", help="the input file")
    e.add_argument("-o", "--output", help="write the JSON here (atomically) instead of stdout")
    e.add_argument("--compact", action="store_true", help="one-line JSON")
    e.set_defaults(func=_cmd_extract)

    t = sub.add_parser("text", help="print a file's cleaned text (after OCR where needed)",
                       description="Print the document's text in the converters' format (tables as "
                                   "tab-separated rows), after OCR where the file has no text and after "
                                   "the OCR-cleaning stage unless --raw.")
    t.add_argument("file", help="the input file")
    t.add_argument("--raw", action="store_true", help="the text before the cleaning stage")
    t.add_argument("--trace", action="store_true",
                   help="after the text, list on stderr each change of the cleaning stage as "
                        "«rule: before → after» (which rule changed what)")
    t.add_argument("-o", "--output", help="write the text here instead of stdout")
    t.set_defaults(func=_cmd_text)

    try:
        from .batch.cli import register
    except ImportError:  # pragma: no cover - the batch package is optional during development
        register = None
    if register is not None:
        register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used as the process exit code)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format=f"{PROG}: %(levelname)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ShnorError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
