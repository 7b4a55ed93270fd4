"""``python -m lpipdata evidence import FILE ...``: the command line over import_evidence."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lpipdata.config import settings
from lpipdata.evidence_import.errors import EvidenceImportError
from lpipdata.evidence_import.importer import SOURCE_KINDS, VISIBILITIES, import_evidence


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        report = import_evidence(args.file, args.data, visibility=args.visibility, cases=args.cases,
                                 coder=args.coder, source_kind=args.source_kind, dry_run=args.dry_run)
    except EvidenceImportError as err:
        print(err, file=sys.stderr)
        print(f"evidence import failed; nothing was written to {args.data}", file=sys.stderr)
        return 1
    print(report.format())
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m lpipdata evidence", description="Bring coded evidence into the atlas.")
    commands = top.add_subparsers(required=True, metavar="COMMAND")
    run = commands.add_parser(
        "import", help="import a REFI-QDA project (.qdpx) or codebook (.qdc), or Taguette highlights (.csv, .xlsx)",
        description="Adds sources, observations (excerpts), codes and codings to the data folder. "
                    "Re-importing the same file adds nothing. Every selection is imported, already present, "
                    "or listed with the reason it was not imported.")
    run.add_argument("file", type=Path, help="a .qdpx, .qdc, .csv or .xlsx file")
    run.add_argument("--data", type=Path, default=settings().data_dir, help="data folder (default: $LPIP_DATA_DIR or data/)")
    run.add_argument("--visibility", choices=VISIBILITIES, default="restricted",
                     help="visibility of the new sources and observations (default: restricted)")
    run.add_argument("--cases", type=Path, metavar="MAP.csv",
                     help="CSV with columns case,partnership_id,region_id,org_id, for case or document names "
                          "the data does not know")
    run.add_argument("--coder", help="record every coding under this coder (default: the file's user, else the file name)")
    run.add_argument("--source-kind", choices=SOURCE_KINDS, default="interview",
                     help="kind of the new sources (default: interview)")
    run.add_argument("--dry-run", action="store_true", help="print the report and what would be added; write nothing")
    return top
