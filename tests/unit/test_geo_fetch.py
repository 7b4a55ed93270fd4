"""`python -m lpipdata geo fetch`: download or local copy, checksum, processing. Loopback only."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lpipdata.geo import GeoError, fetch
from lpipdata.geo.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
TOPO_JSON = REPO_ROOT.parent / "shared" / "geo" / "source" / "topo.json"
needs_topo = pytest.mark.skipif(not TOPO_JSON.is_file(), reason=f"upstream TopoJSON not found at {TOPO_JSON}")
README_SHA256 = "dc7062d094f5321bc2101a1287d15b4822edadb6432181d2063953ddcd573c8c"
PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


class Server:
    """A loopback HTTP server (127.0.0.1, free port) serving byte strings by path."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        files = self.files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in PROXY_VARIABLES:  # a proxy would route even loopback requests elsewhere
        monkeypatch.delenv(name, raising=False)
    served = Server()
    served.thread.start()
    yield served
    served.httpd.shutdown()
    served.httpd.server_close()


def unused_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pinned_file_is_the_readme_one() -> None:
    pin = fetch.pinned()
    assert pin.sha256 == README_SHA256 and pin.size == 705_102
    assert pin.url == (
        "https://raw.githubusercontent.com/ONSvisual/uk-topojson/"
        "b2fde50cb130908b897de10b65cdc392f9b4ff78/output/topo.json"
    )
    assert json.loads(fetch.PINNED_JSON.read_text(encoding="utf-8"))["commit"] in pin.url


def test_verify_names_expected_and_actual_hash() -> None:
    pin = fetch.Pinned(url="u", sha256=hashlib.sha256(b"abc").hexdigest(), size=3)
    fetch.verify(b"abc", pin, "x")
    with pytest.raises(GeoError) as caught:
        fetch.verify(b"abd", pin, "copy.json")
    message = str(caught.value)
    assert "copy.json" in message and hashlib.sha256(b"abd").hexdigest() in message and pin.sha256 in message


@needs_topo
def test_download_checks_and_builds(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.files["/topo.json"] = TOPO_JSON.read_bytes()
    out = tmp_path / "geo"
    assert main(["fetch", "--url", server.url("/topo.json"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "itl1.geojson: 12 features" in printed and "lad.geojson: 361 features" in printed
    assert "cauth.geojson: 15 features" in printed and "lad_to_region.csv: 361 rows" in printed
    assert sorted(p.name for p in out.iterdir()) == ["cauth.geojson", "itl1.geojson", "lad.geojson", "lad_to_region.csv"]


@needs_topo
def test_local_copy_is_checked_and_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "--from", str(TOPO_JSON), "--out", str(tmp_path)]) == 0
    assert "lad.geojson: 361 features" in capsys.readouterr().out


def assert_failed_cleanly(code: int, capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    message = captured.err.strip()
    assert "Traceback" not in message and "\n" not in message
    for needle in needles:
        assert needle in message, message
    return message


def test_checksum_mismatch_writes_nothing(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    altered = bytearray(TOPO_JSON.read_bytes() if TOPO_JSON.is_file() else b"{" * fetch.pinned().size)
    altered[100] ^= 1  # same size, different bytes
    server.files["/topo.json"] = bytes(altered)
    (tmp_path / "itl1.geojson").write_text("previous", encoding="utf-8")
    url = server.url("/topo.json")
    code = main(["fetch", "--url", url, "--out", str(tmp_path)])
    actual = hashlib.sha256(altered).hexdigest()
    assert_failed_cleanly(code, capsys, url, README_SHA256, actual, "nothing was written")
    assert [p.name for p in tmp_path.iterdir()] == ["itl1.geojson"]
    assert (tmp_path / "itl1.geojson").read_text(encoding="utf-8") == "previous"


def test_wrong_size_is_reported(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.files["/topo.json"] = b"{}"
    out = tmp_path / "geo"
    code = main(["fetch", "--url", server.url("/topo.json"), "--out", str(out)])
    assert_failed_cleanly(code, capsys, "has 2 bytes, expected 705,102")
    assert not out.exists()


def test_http_error_is_reported(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = server.url("/missing.json")
    code = main(["fetch", "--url", url, "--out", str(tmp_path / "geo")])
    assert_failed_cleanly(code, capsys, url, "HTTP 404", "--from FILE")


def test_unreachable_server_gives_the_offline_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    url = f"http://127.0.0.1:{unused_port()}/topo.json"
    out = tmp_path / "geo"
    code = main(["fetch", "--url", url, "--out", str(out)])
    assert_failed_cleanly(code, capsys, url, "no network", "--from FILE", "LPIP_GEO_DIR")
    assert not out.exists()


def test_missing_local_copy_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "topo.json"
    code = main(["fetch", "--from", str(missing), "--out", str(tmp_path / "geo")])
    assert_failed_cleanly(code, capsys, str(missing))


def test_usage_errors_return_instead_of_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["fetch", "--bogus"]) == 2
    assert "usage: python -m lpipdata geo" in capsys.readouterr().err
