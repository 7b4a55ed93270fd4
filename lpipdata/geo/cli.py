"""`python -m lpipdata geo ...`: the boundary commands. main() receives the arguments after "geo"."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lpipdata.config import settings
from lpipdata.geo import GeoError
from lpipdata.geo.fetch import fetch, pinned


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lpipdata geo", description="Boundary layers for the atlas.")
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser(
        "fetch",
        help="build itl1/lad/cauth GeoJSON from the pinned ONS TopoJSON",
        description=f"Download {pinned().url} (or read --from FILE), check its size and sha256, and write "
        "itl1.geojson, lad.geojson, cauth.geojson and lad_to_region.csv.",
    )
    get.add_argument("--from", dest="source", type=Path, metavar="FILE", help="local copy of topo.json (no download)")
    get.add_argument(
        "--out", type=Path, metavar="DIR", default=settings().geo_dir, help="output folder (default: LPIP_GEO_DIR, %(default)s)"
    )
    get.add_argument("--url", metavar="URL", help="download from this URL instead of the pinned one (same checks)")
    return parser


def main(argv: list[str]) -> int:
    """Run a geo command; 0 on success, 1 on error (one line on stderr), 2 on bad usage (argparse)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors; return its code instead.
        return int(exc.code or 0)
    try:
        counts = fetch(args.out, source=args.source, url=args.url)
    except (GeoError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote boundary files to {args.out}:")
    for name, count in counts.items():
        unit = "rows" if name.endswith(".csv") else "features"
        print(f"  {name}: {count} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
