"""Reading untrusted files within bounds: sizes, zip bombs, XML entities, encodings.

Every failure becomes one EvidenceImportError that names the file (and the zip member).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from lpipdata.evidence_import.errors import EvidenceImportError

MB = 2**20
MAX_XML_BYTES = 50 * MB        # project.qde or a .qdc
MAX_TABLE_BYTES = 50 * MB      # a Taguette CSV, or a mapping file
MAX_FILE_BYTES = 500 * MB      # any input file on disk
MAX_ZIP_TOTAL = 500 * MB       # declared uncompressed size of all members
MAX_ZIP_MEMBERS = 20_000
MAX_RATIO = 200                # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1 * MB           # small members may compress very well and harmlessly
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, ValueError)
DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} bytes"


def check_size(path: Path, limit: int) -> None:
    """Refuse a missing file, or one over `limit`, before reading any of it."""
    try:
        found = path.stat().st_size
    except OSError as err:
        raise EvidenceImportError(f"{path}: cannot read the file ({err.strerror or err})") from None
    if not path.is_file():
        raise EvidenceImportError(f"{path}: not a file")
    if found > limit:
        raise EvidenceImportError(f"{path}: the file is {size(found)}; the limit is {size(limit)}")


def read_file(path: Path, limit: int) -> bytes:
    check_size(path, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise EvidenceImportError(f"{path}: cannot read the file ({err.strerror or err})") from None
    if len(data) > limit:  # it grew after the size check
        raise EvidenceImportError(f"{path}: the file is larger than {size(limit)}")
    return data


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip after checking what its directory declares: member count, total size, ratios."""
    check_size(path, MAX_FILE_BYTES)
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except ZIP_ERRORS as err:
        raise EvidenceImportError(f"{path}: not a readable zip file ({err})") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise EvidenceImportError(f"{path}: the zip holds {len(members)} files; the limit is {MAX_ZIP_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_ZIP_TOTAL:
        raise EvidenceImportError(f"{path}: the zip unpacks to {size(total)}; the limit is {size(MAX_ZIP_TOTAL)}")
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise EvidenceImportError(f"{path}: {member.filename} would unpack {ratio} times its packed size; "
                                      "refusing a possible zip bomb")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int, shown: str) -> bytes:
    """One member's bytes; the read stops at `limit` whatever the directory claims."""
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            raise EvidenceImportError(f"{shown}: {name} is {size(info.file_size)}; the limit is {size(limit)}")
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except ZIP_ERRORS + (KeyError,) as err:
        raise EvidenceImportError(f"{shown}: cannot unpack {name} ({err})") from None
    if len(data) > limit:
        raise EvidenceImportError(f"{shown}: {name} is larger than {size(limit)}")
    return data


def decode_utf8(raw: bytes, shown: str) -> str:
    """UTF-8 text without a byte-order mark; otherwise name the first bad byte's offset."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EvidenceImportError(f"{shown}: not valid UTF-8 at byte offset {err.start} "
                                  f"(byte 0x{raw[err.start:err.start + 1].hex()}); save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def parse_xml(raw: bytes, shown: str) -> Element:
    """Parse UTF-8 XML with DTDs, entities and external references forbidden."""
    decode_utf8(raw, shown)
    declared = DECLARED_ENCODING.match(raw.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise EvidenceImportError(f"{shown}: declares encoding {declared.group(1).decode()}; REFI-QDA files are UTF-8")
    try:
        return fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as err:
        line, column = err.position
        raise EvidenceImportError(f"{shown}:{line}:{column + 1}: malformed XML ({_reason(err)})") from None
    except DefusedXmlException as err:
        raise EvidenceImportError(f"{shown}: refused: the XML has a DTD or entity declaration "
                                  f"({type(err).__name__})") from None
    except (ValueError, RecursionError) as err:
        raise EvidenceImportError(f"{shown}: cannot parse the XML ({err})") from None


def _reason(err: ParseError) -> str:
    return str(err).split(":")[0]
