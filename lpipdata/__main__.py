"""Command line: ``python -m lpipdata {validate,build,synth,docs,geo}``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lpipdata.config import PROJECT_ROOT, settings


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["geo"]:
        from lpipdata.geo.cli import main as geo_main

        return geo_main(argv[1:])
    if argv[:1] == ["stories"]:
        from lpipdata.stories import main as stories_main

        return stories_main(argv[1:])
    if argv[:1] == ["evidence"]:
        from lpipdata.evidence_import.cli import main as evidence_main

        return evidence_main(argv[1:])
    args = parser().parse_args(argv)
    return args.run(args)


def parser() -> argparse.ArgumentParser:
    config = settings()
    top = argparse.ArgumentParser(prog="python -m lpipdata", description="Build and check the LPIP atlas data.")
    commands = top.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every CSV against data/datapackage.json")
    validate.add_argument("data_dir", nargs="?", type=Path, default=config.data_dir)
    validate.set_defaults(run=run_validate)

    build = commands.add_parser("build", help="validate, then build the DuckDB database atomically")
    build.add_argument("--data", type=Path, default=config.data_dir, help="data folder (default: $LPIP_DATA_DIR or data/)")
    build.add_argument("--out", type=Path, default=config.db_path, help="database path (default: $LPIP_DB or data/lpip.duckdb)")
    build.add_argument("--geo", type=Path, default=config.geo_dir, help="boundary folder (default: $LPIP_GEO_DIR or data/geo/)")
    build.add_argument("--mode", choices=("public", "research"), default=config.mode,
                       help="'public' leaves restricted evidence out of the database (default: $LPIP_MODE or public)")
    build.add_argument("--min-confidence", choices=("sourced", "inferred", "unverified"), default="unverified",
                       help="leave out rows less certain than this, and every row that depends on them; 'sourced' "
                            "publishes only facts a source states (default: unverified, which keeps every row)")
    build.set_defaults(run=run_build)

    synth = commands.add_parser("synth", help="write a synthetic dataset N times the seed size, for benchmarks")
    synth.add_argument("--scale", type=int, required=True)
    synth.add_argument("--out", type=Path, required=True)
    synth.add_argument("--data", type=Path, default=config.data_dir, help="seed data to scale up")
    synth.set_defaults(run=run_synth)

    docs = commands.add_parser("docs", help="regenerate docs/data-dictionary.md from the schema")
    docs.add_argument("--check", action="store_true", help="exit 1 if the file is stale instead of writing it")
    docs.set_defaults(run=run_docs)

    commands.add_parser("geo", help="boundary files: 'geo fetch [--from FILE]' (see 'geo --help')")
    commands.add_parser("stories", help="storyboards: 'stories validate', 'stories export NAME --out FILE'")
    commands.add_parser("evidence", help="coded evidence: 'evidence import FILE [--dry-run]' (see 'evidence import --help')")
    return top


def run_validate(args: argparse.Namespace) -> int:
    from lpipdata.schema import SchemaFileError
    from lpipdata.validate import validate_folder

    if not (args.data_dir / "datapackage.json").exists():
        print(f"{args.data_dir}: no datapackage.json here; is this the data folder?", file=sys.stderr)
        return 1
    try:
        _, problems = validate_folder(args.data_dir)
    except SchemaFileError as err:
        print(err)
        print(f"{args.data_dir}: the schema could not be read, so no table was checked", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {args.data_dir}", file=sys.stderr)
        return 1
    print(f"{args.data_dir}: all tables valid")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from lpipdata.build import build_database
    from lpipdata.validate import SchemaError

    if not (args.data / "datapackage.json").exists():
        print(f"{args.data}: no datapackage.json here; is this the data folder?", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        result = build_database(args.data, args.out, mode=args.mode, geo_dir=args.geo,
                                min_confidence=args.min_confidence)
    except SchemaError as err:
        print(err)
        print(f"build failed: {len(err.problems)} problem(s); {args.out} was not changed", file=sys.stderr)
        return 1
    except (ValueError, OSError) as err:
        print(f"build failed: {err}; {args.out} was not changed", file=sys.stderr)
        return 1
    for name, count in result.counts.items():
        print(f"{name:20} {count:>7}")
    for note in result.notes:
        print(note)
    if result.min_confidence != "unverified":
        left_out = sum(result.left_out.values())
        print(f"min-confidence {result.min_confidence}: left out {left_out} row(s) below it or depending on one"
              + (":" if left_out else ""))
        for name, count in result.left_out.items():
            print(f"  {name:18} {count:>7}")
    print(f"built {result.path} in {time.perf_counter() - started:.2f}s ({args.mode} mode, "
          f"min-confidence {result.min_confidence})")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from lpipdata.synth import write_synthetic

    if args.scale < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 1
    counts = write_synthetic(args.data, args.out, args.scale)
    print(f"wrote synthetic data x{args.scale} to {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def run_docs(args: argparse.Namespace) -> int:
    from lpipdata.dictionary import dictionary_text

    target = PROJECT_ROOT / "docs" / "data-dictionary.md"
    text = dictionary_text()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale: run `python -m lpipdata docs`", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
