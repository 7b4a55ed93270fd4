"""Storyboard files: where they live, loading and checking one, and writing a draft as TOML."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from lpipdata import filters as flt
from lpipdata.config import PROJECT_ROOT, settings
from lpipdata.stories.check import StoryError, check_story
from lpipdata.stories.model import NAME_PATTERN, STORY_PAGES, Story


# --------------------------------------------------------------------------- where stories live

def stories_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or settings().data_dir) / "stories"


def story_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def story_path(name: str, folder: Path) -> Path | None:
    """The file of storyboard `name`, or None when the name is malformed or no such file exists."""
    if not NAME_PATTERN.match(name):
        return None
    path = folder / f"{name}.toml"
    return path if path.is_file() else None


def available_pages(root: Path = PROJECT_ROOT) -> tuple[str, ...]:
    """The story pages that exist in this build (the same rule as ui/nav.py: the module exists)."""
    return tuple(page for page in STORY_PAGES if (root / "pages" / f"{page}.py").exists())


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- loading

def load_story(path: Path, vocab: flt.Vocabulary, pages: Sequence[str] | None = None) -> Story:
    """Read and check one storyboard file; raises StoryError listing every problem."""
    label = display_path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise StoryError([f"{label}: cannot read the file ({err})"]) from err
    except tomllib.TOMLDecodeError as err:
        raise StoryError([f"{label}: not valid TOML: {err}"]) from err
    story, problems = check_story(document, path.stem, label, vocab,
                                  available_pages() if pages is None else pages)
    if problems:
        raise StoryError(problems)
    return story



def load_folder(folder: Path, vocab: flt.Vocabulary, pages: Sequence[str] | None = None) -> tuple[list[Story], list[str]]:
    """Every storyboard in `folder`, and the problems of those that failed."""
    stories, problems = [], []
    for path in story_files(folder):
        try:
            stories.append(load_story(path, vocab, pages))
        except StoryError as err:
            problems += err.problems
    return stories, problems


# --------------------------------------------------------------------------- writing a draft

def draft_toml(title: str, slides: Sequence[Mapping], description: str = "") -> str:
    """A storyboard file from draft slides (dicts of page, title, caption, notes and query).

    TOML basic strings share JSON's escapes, so json.dumps writes every value safely.
    """
    lines = [f"title = {_toml_text(title)}"]
    if description:
        lines.append(f"description = {_toml_text(description)}")
    for slide in slides:
        lines += ["", "[[slides]]"]
        lines += [f"{field} = {_toml_text(slide.get(field) or '')}" for field in ("page", "title", "caption", "notes")]
        pairs = ", ".join(f"{_toml_text(k)} = {_toml_text(v)}" for k, v in (slide.get("query") or {}).items())
        lines.append(f"query = {{ {pairs} }}" if pairs else "query = {}")
    return "\n".join(lines) + "\n"


def _toml_text(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)
