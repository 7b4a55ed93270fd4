"""Bad input: one precise message naming the file, EvidenceImportError, and data/ left byte-identical."""

from __future__ import annotations

import re
import zipfile

import pytest

from lpipdata.evidence_import import EvidenceImportError, import_evidence
from tests.unit.test_evidence_import_fixtures import (
    G, data_copy, project_xml, snapshot, write_case_map, write_qdpx, write_taguette_csv, write_taguette_xlsx)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="%s" name="&lol2;" isCodable="true"/></Codes></CodeBook>
""" % G["participation"].encode()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return data_copy(tmp_path_factory.mktemp("seed") / "data")


@pytest.fixture()
def data(seed):
    return seed  # every test here must leave it untouched, and checks that it does


def refused(path, data, message: str, **options) -> str:
    """Import `path`, expect EvidenceImportError matching `message`, and no change to `data`."""
    before = snapshot(data)
    with pytest.raises(EvidenceImportError) as caught:
        import_evidence(path, data, **options)
    assert snapshot(data) == before
    assert re.search(message, str(caught.value)), str(caught.value)
    return str(caught.value)


def qdc(tmp_path, content: bytes, name="codebook.qdc"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_corrupt_qdpx(data, tmp_path):
    path = qdc(tmp_path, b"PK\x03\x04 this is not really a zip", "broken.qdpx")
    refused(path, data, rf"^{re.escape(str(path))}: not a readable zip file")


def test_truncated_qdpx(data, tmp_path):
    whole = write_qdpx(tmp_path / "whole.qdpx").read_bytes()
    path = qdc(tmp_path, whole[: len(whole) // 2], "cut.qdpx")
    refused(path, data, rf"^{re.escape(str(path))}: not a readable zip file")


def test_zip_without_project_qde(data, tmp_path):
    path = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sources/a.txt", "text")
    refused(path, data, r"empty\.qdpx: no project\.qde in the zip")


def test_xml_that_is_not_refi_qda(data, tmp_path):
    path = write_qdpx(tmp_path / "other.qdpx", qde=b'<?xml version="1.0"?><Project xmlns="urn:example:other"/>')
    refused(path, data, r"other\.qdpx:project\.qde: not a REFI-QDA file: the root element is <Project> in "
                        r"urn:example:other; expected <Project> in urn:QDA-XML:project:1\.0")


def test_project_given_as_codebook(data, tmp_path):
    path = qdc(tmp_path, project_xml())
    refused(path, data, r"codebook\.qdc: not a REFI-QDA file: the root element is <Project> .*expected <CodeBook>")


def test_malformed_xml_names_line_and_column(data, tmp_path):
    path = qdc(tmp_path, b'<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n</CodeBook>\n')
    refused(path, data, r"codebook\.qdc:4:3: malformed XML \(mismatched tag\)")


def test_xml_with_dtd_and_entities_is_refused(data, tmp_path):
    refused(qdc(tmp_path, BILLION_LAUGHS), data, r"codebook\.qdc: refused: the XML has a DTD or entity declaration")
    path = write_qdpx(tmp_path / "laughs.qdpx", qde=BILLION_LAUGHS)
    refused(path, data, r"laughs\.qdpx:project\.qde: refused: the XML has a DTD")


def test_xml_not_in_utf8_names_the_byte_offset(data, tmp_path):
    content = '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="Béal"/>'
    raw = content.encode("latin-1")
    offset = raw.index("é".encode("latin-1"))
    refused(qdc(tmp_path, raw), data, rf"codebook\.qdc: not valid UTF-8 at byte offset {offset} \(byte 0xe9\)")


def test_xml_declaring_another_encoding(data, tmp_path):
    path = qdc(tmp_path, b'<?xml version="1.0" encoding="ISO-8859-1"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')
    refused(path, data, r"codebook\.qdc: declares encoding ISO-8859-1; REFI-QDA files are UTF-8")


def test_source_text_not_in_utf8(data, tmp_path):
    path = tmp_path / "latin.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_xml())
        archive.writestr(f"sources/{G['s1']}.txt", "Cyfweliad — Béal Feirste".encode("cp1252"))
    refused(path, data, rf"latin\.qdpx:sources/{G['s1']}\.txt: not valid UTF-8 at byte offset 10")


def test_selection_offsets_that_are_not_numbers(data, tmp_path):
    path = write_qdpx(tmp_path / "odd.qdpx", qde=project_xml().replace(b'startPosition="', b'startPosition="x', 1))
    refused(path, data, r"odd\.qdpx:project\.qde: <PlainTextSelection> .* has startPosition='x\d+', not a whole number")


@pytest.mark.parametrize("writer, name", [(write_taguette_csv, "tags.csv"), (write_taguette_xlsx, "tags.xlsx")])
def test_spreadsheet_without_taguette_columns(data, tmp_path, writer, name):
    path = writer(tmp_path / name, header=("id", "doc", "tags", "content"))
    refused(path, data, rf"{re.escape(name)}: missing column\(s\) document, tag; a Taguette highlights export has "
                        r"columns: id, document, tag, content \(found: id, doc, tags, content\)")


def test_csv_that_is_a_spreadsheet(data, tmp_path):
    path = qdc(tmp_path, write_taguette_xlsx(tmp_path / "real.xlsx").read_bytes(), "renamed.csv")
    refused(path, data, r"renamed\.csv: contains NUL bytes; is it a spreadsheet")


def test_xlsx_that_is_not_a_workbook(data, tmp_path):
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    refused(path, data, r"fake\.xlsx: not a readable \.xlsx workbook")


def test_unknown_extension(data, tmp_path):
    path = qdc(tmp_path, b"id,document,tag,content\n", "highlights.tsv")
    refused(path, data, r"highlights\.tsv: unknown file type '\.tsv'; expected \.qdpx, \.qdc, \.csv, \.xlsx")


def test_case_map_with_unknown_id(data, tmp_path):
    cases = write_case_map(tmp_path / "cases.csv", rows=[("YPIP workshop notes", "ypip", "", ""),
                                                         ("Unknown town", "nowhere-lpip", "", "")])
    refused(write_taguette_csv(tmp_path / "t.csv"), data,
            rf"^{re.escape(str(cases))}:3: partnership_id: 'nowhere-lpip' is not in partnerships\.csv$", cases=cases)


def test_case_map_without_its_columns(data, tmp_path):
    cases = write_case_map(tmp_path / "cases.csv", header=("case", "partnership_id", "region_id"),
                           rows=[("YPIP workshop notes", "ypip", "")])
    refused(write_taguette_csv(tmp_path / "t.csv"), data, r"cases\.csv:1: missing column\(s\) org_id", cases=cases)


def test_too_large_input(data, tmp_path, monkeypatch):
    monkeypatch.setattr("lpipdata.evidence_import.refi.MAX_XML_BYTES", 100)
    refused(qdc(tmp_path, b" " * 101 + b"<CodeBook/>"), data,
            r"codebook\.qdc: the file is 112 bytes; the limit is 100 bytes")
    refused(write_qdpx(tmp_path / "big.qdpx"), data, r"big\.qdpx: project\.qde is \d+ bytes; the limit is 100 bytes")


def test_zip_bomb_is_refused(data, tmp_path):
    path = write_qdpx(tmp_path / "bomb.qdpx", extra={"sources/zeros.txt": b"\0" * (4 * 2**20)})
    refused(path, data, r"bomb\.qdpx: sources/zeros\.txt would unpack \d+ times its packed size")


def test_zip_declaring_too_much(data, tmp_path, monkeypatch):
    monkeypatch.setattr("lpipdata.evidence_import.guards.MAX_ZIP_TOTAL", 1000)
    refused(write_qdpx(tmp_path / "large.qdpx"), data, r"large\.qdpx: the zip unpacks to \d+ bytes; the limit is 1000 bytes")


def test_bad_options_and_missing_file(data, tmp_path):
    refused(write_qdpx(tmp_path / "a.qdpx"), data, r"visibility must be one of restricted, public", visibility="open")
    refused(tmp_path / "absent.qdpx", data, r"absent\.qdpx: cannot read the file")


def test_data_folder_with_problems_is_refused(tmp_path):
    broken = data_copy(tmp_path / "data")
    with (broken / "codes.csv").open("a", encoding="utf-8") as handle:
        handle.write("Bad Id,Name,,,,\n")
    refused(write_qdpx(tmp_path / "a.qdpx"), broken,
            r"has 1 problem\(s\) before the import, e\.g\. .*codes\.csv:\d+: code_id")


def test_rows_that_would_not_validate_are_listed_and_not_written(data):
    from lpipdata.evidence_import.errors import ValidationFailed
    from lpipdata.evidence_import.writing import merge_and_write
    from lpipdata.schema import load_schema

    before = snapshot(data)
    bad = {"codes": [{"code_id": "Not An Id", "name": "Bad", "parent_id": "missing-parent"}]}
    with pytest.raises(ValidationFailed) as caught:
        merge_and_write(data, load_schema(data / "datapackage.json"), bad, commit=True)
    assert snapshot(data) == before
    shown = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith(f"{data / 'codes.csv'}:") and "code_id: 'Not An Id' does not match" in line for line in shown)
    assert any("parent_id: 'missing-parent' not found in codes.code_id" in line for line in shown)
    assert str(caught.value).endswith("nothing was written")
