"""What every reader produces: a format-neutral picture of the coded evidence in one file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    parent: str | None  # the parent's guid, None at the top
    description: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    variables: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    key: str            # REFI guid, or the Taguette document name
    name: str
    kind: str = "text"  # 'text', or the REFI element of an unsupported source (PDFSource, ...)
    text: str | None = None
    missing: str | None = None  # why a text source has no text


@dataclass(frozen=True)
class Coding:
    code_guid: str
    coder: str | None  # the coder's name if the file gives one


@dataclass(frozen=True)
class Selection:
    where: str          # how the report points at it
    source: Source
    key: str            # the observation id's last part: 'start-end' or a highlight id
    codings: tuple[Coding, ...]
    start: int | None = None
    end: int | None = None
    text: str | None = None  # given directly by Taguette; REFI cuts it from source.text
    case: Case | None = None


@dataclass
class Project:
    fmt: str
    codes: dict[str, Code] = field(default_factory=dict)  # normalised guid -> code, parents first
    selections: list[Selection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
