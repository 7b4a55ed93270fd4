"""Get the pinned upstream TopoJSON (download or local copy), verify it, and build the boundary layers."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lpipdata.geo import GeoError
from lpipdata.geo.process import process_topojson

PINNED_JSON = Path(__file__).resolve().parent / "pinned.json"
DOWNLOAD_TIMEOUT_S = 30.0
HAVE_FILES_HINT = (
    "use `python -m lpipdata geo fetch --from FILE` with a copy of topo.json, or set LPIP_GEO_DIR to a "
    "folder that already has itl1.geojson, lad.geojson and cauth.geojson"
)


@dataclass(frozen=True)
class Pinned:
    """The upstream file the layers are built from: where it is and what its bytes must be."""

    url: str
    sha256: str
    size: int


def pinned(path: Path = PINNED_JSON) -> Pinned:
    """The pinned upstream file described by pinned.json."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    return Pinned(url=spec["url"], sha256=spec["sha256"].lower(), size=int(spec["bytes"]))


def download(url: str, max_bytes: int, timeout: float = DOWNLOAD_TIMEOUT_S) -> bytes:
    """The bytes at `url` (at most max_bytes + 1, so an oversized file is caught without reading it all)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise GeoError(f"Download of {url} failed: HTTP {exc.code} {exc.reason}; {HAVE_FILES_HINT}.") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GeoError(
            f"Cannot download {url}: no network connection or the server is unreachable ({reason}); {HAVE_FILES_HINT}."
        ) from None


def read_local(path: Path) -> bytes:
    """The bytes of a local copy of the TopoJSON."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GeoError(f"Cannot read {path} ({exc.strerror or exc}); give the path of a copy of topo.json.") from None


def verify(data: bytes, pin: Pinned, origin: str) -> None:
    """Raise GeoError unless `data` has the pinned size and sha256."""
    if len(data) != pin.size:
        shown = f"more than {pin.size:,}" if len(data) > pin.size else f"{len(data):,}"
        raise GeoError(
            f"{origin} has {shown} bytes, expected {pin.size:,} (sha256 {pin.sha256}); it is not the pinned "
            f"topo.json, so nothing was written."
        )
    actual = hashlib.sha256(data).hexdigest()
    if actual != pin.sha256:
        raise GeoError(
            f"{origin} has sha256 {actual}, expected {pin.sha256}; it is not the pinned topo.json, so nothing was written."
        )


def fetch(out_dir: Path, source: Path | None = None, url: str | None = None) -> dict[str, int]:
    """Get the TopoJSON (local `source`, else download `url` or the pinned URL), verify it, build the layers.

    Returns the feature (or row) count per written file. Nothing is written unless every step succeeds.
    """
    pin = pinned()
    if source is not None:
        origin = str(source)
        data = read_local(Path(source))
    else:
        origin = url or pin.url
        data = download(origin, pin.size)
    verify(data, pin, origin)
    return process_topojson(data, Path(out_dir), origin)
