"""`python -m lpipdata stories ...`: validate and export storyboards. main() receives the arguments after "stories"."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lpipdata.config import settings
from lpipdata.schema import load_schema
from lpipdata.stories.check import StoryError
from lpipdata.stories.vocab import vocabulary, vocabulary_from_data
from lpipdata.stories.files import display_path, load_story, story_files, story_path, stories_dir


def main(argv: Sequence[str] | None = None) -> int:
    """`stories validate [FILE ...]` and `stories export NAME --out FILE` (wired as `python -m lpipdata stories`)."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    config = settings()
    top = argparse.ArgumentParser(prog="python -m lpipdata stories", description="Check and export storyboards.")
    commands = top.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("validate", help="check storyboards against the schema and the data's vocabulary")
    check.add_argument("files", nargs="*", type=Path, help="story files (default: every file in data/stories/)")
    check.add_argument("--data", type=Path, default=config.data_dir, help="data folder (default: $LPIP_DATA_DIR or data/)")
    check.set_defaults(run=_run_validate)
    export = commands.add_parser("export", help="write one storyboard as a self-contained offline HTML file")
    export.add_argument("name", help="story name: the file name in data/stories/ without .toml")
    export.add_argument("--out", type=Path, required=True, help="HTML file to write")
    export.add_argument("--db", type=Path, default=config.db_path, help="database (default: $LPIP_DB or data/lpip.duckdb)")
    export.add_argument("--data", type=Path, default=config.data_dir, help="data folder holding stories/")
    export.set_defaults(run=_run_export)
    return top


def _run_validate(args: argparse.Namespace) -> int:
    vocab = vocabulary_from_data(args.data)
    files = args.files or story_files(stories_dir(args.data))
    if not files:
        print(f"{display_path(stories_dir(args.data))}: no storyboards (*.toml) found", file=sys.stderr)
        return 1
    problems = []
    for path in files:
        try:
            story = load_story(path, vocab)
            print(f"{display_path(path)}: valid, {len(story.slides)} slides")
        except StoryError as err:
            problems += err.problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


def _run_export(args: argparse.Namespace) -> int:
    from lpipdata import db, story_export
    from lpipdata.queries.home import region_names

    path = story_path(args.name, stories_dir(args.data))
    if path is None:
        print(f"no storyboard '{args.name[:60]}' in {display_path(stories_dir(args.data))}", file=sys.stderr)
        return 1
    try:
        con = db.connect(args.db)
    except db.DatabaseMissing as err:
        print(err, file=sys.stderr)
        return 1
    try:
        story = load_story(path, vocabulary(load_schema(args.data / "datapackage.json"), region_names(con)))
        html_text = story_export.export_story(con, story)
    except StoryError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 1
    finally:
        con.close()
    args.out.write_text(html_text, encoding="utf-8")
    print(f"wrote {args.out} ({len(story.slides)} slides, {len(html_text.encode()) // 1024:,} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
