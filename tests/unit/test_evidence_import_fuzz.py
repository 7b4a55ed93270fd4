"""Hypothesis: whatever bytes arrive, the importer raises only EvidenceImportError and writes nothing."""

from __future__ import annotations

import io
import itertools
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lpipdata.evidence_import import EvidenceImportError, import_evidence
from tests.unit.test_evidence_import_fixtures import (
    G, S1_TEXT, codebook_xml, data_copy, project_xml, snapshot, write_qdpx, write_taguette_csv)

NOTHING = {"sources": 0, "observations": 0, "codes": 0, "codings": 0}
FUZZ = settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def mutated(original: bytes):
    """The valid file with a few bytes replaced, inserted or cut: reaches the parsers' deeper paths."""
    edit = st.tuples(st.integers(0, len(original) - 1), st.sampled_from(["replace", "insert", "cut"]),
                     st.binary(min_size=1, max_size=4))

    def apply(edits) -> bytes:
        content = bytearray(original)
        for at, how, new in edits:
            at = min(at, len(content))
            if how == "replace":
                content[at:at + len(new)] = new
            elif how == "insert":
                content[at:at] = new
            else:
                del content[at:at + len(new)]
        return bytes(content)

    return st.lists(edit, min_size=1, max_size=4).map(apply)


def zipped(qde: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        archive.writestr(f"sources/{G['s1']}.txt", S1_TEXT.encode("utf-8"))
    return buffer.getvalue()


def run(tmp_path, data, names, suffix: str, content: bytes, dry_run: bool) -> None:
    path = tmp_path / f"input-{next(names)}{suffix}"
    path.write_bytes(content)
    try:
        report = import_evidence(path, data, dry_run=dry_run)
    except EvidenceImportError:
        return
    assert report.imported + report.already_present + len(report.skipped) == report.total
    if not dry_run:
        assert report.added == NOTHING, "random bytes should never import anything"


def test_arbitrary_bytes_raise_only_evidence_import_error(tmp_path):
    data = data_copy(tmp_path / "data")
    before, names = snapshot(data), itertools.count()

    @FUZZ
    @given(suffix=st.sampled_from([".qdpx", ".qdc", ".csv", ".xlsx"]), content=st.binary(max_size=4096))
    def check(suffix, content):
        run(tmp_path, data, names, suffix, content, dry_run=False)
        assert snapshot(data) == before

    check()


def test_damaged_exports_raise_only_evidence_import_error(tmp_path):
    data = data_copy(tmp_path / "data")
    before, names = snapshot(data), itertools.count()
    qdpx = write_qdpx(tmp_path / "valid.qdpx").read_bytes()
    csv_bytes = write_taguette_csv(tmp_path / "valid.csv").read_bytes()
    damaged = st.one_of(
        st.tuples(st.just(".qdpx"), mutated(project_xml()).map(zipped)),
        st.tuples(st.just(".qdpx"), mutated(qdpx)),
        st.tuples(st.just(".qdc"), mutated(codebook_xml())),
        st.tuples(st.just(".csv"), mutated(csv_bytes)),
    )

    @FUZZ
    @given(case=damaged)
    def check(case):
        suffix, content = case
        run(tmp_path, data, names, suffix, content, dry_run=True)
        assert snapshot(data) == before

    check()
