"""The `citations` view lists every table that cites a source, so the two cannot drift apart.

The view is written out table by table in lpipdata/sql/50_evidence.sql; these checks compare
it with the schema, so a new fact table with a source_id fails here until the view covers it.
"""

import re

import duckdb

from lpipdata.build import SQL_DIR
from lpipdata.schema import load_schema, to_ddl

EVIDENCE_SQL = SQL_DIR / "50_evidence.sql"


def tables_citing_sources() -> set[str]:
    """Schema tables whose rows cite a source (sources itself is the cited table)."""
    return {t.name for t in load_schema().tables
            if "source_id" in t.columns and any(fk.table == "sources" for fk in t.foreign_keys)}


def view_branches() -> list[str]:
    sql = EVIDENCE_SQL.read_text(encoding="utf-8")
    body = sql[sql.index("CREATE VIEW citations AS"):]
    body = body[:body.index(";")]
    return re.split(r"\bUNION ALL\b", body)


def branch_tables(branch: str) -> tuple[str, str]:
    """(the table_name literal the branch reports, the table it reads FROM)."""
    literal = re.search(r"'([a-z_]+)'", branch).group(1)
    source = re.search(r"\bFROM\s+([a-z_]+)", branch).group(1)
    return literal, source


def test_every_table_with_a_source_id_is_in_the_citations_view():
    reported = [branch_tables(b)[0] for b in view_branches()]
    assert len(reported) == len(set(reported)), "a table appears twice in the citations view"
    assert set(reported) == tables_citing_sources()


def test_each_branch_reads_the_table_it_reports():
    for branch in view_branches():
        literal, source = branch_tables(branch)
        assert literal == source, f"branch labelled {literal!r} reads FROM {source!r}"


def test_sources_itself_is_not_a_citing_table():
    assert "sources" not in tables_citing_sources()
    assert {"organisations", "memberships", "observations", "events"} <= tables_citing_sources()


def test_view_binds_against_the_generated_schema():
    con = duckdb.connect()
    con.execute(to_ddl(load_schema()))
    con.execute(EVIDENCE_SQL.read_text(encoding="utf-8"))
    columns = [row[0] for row in con.execute("DESCRIBE citations").fetchall()]
    assert columns == ["sort_order", "table_name", "record_type", "row_key", "label", "source_id", "confidence",
                       "region_id", "partnership_id", "restricted"]
    assert con.execute("SELECT count(*) FROM citations").fetchone() == (0,)


def test_a_row_that_names_a_restricted_row_is_restricted_too():
    """A membership citing a public source still names its organisation, so it hides with it."""
    con = duckdb.connect()
    con.execute(to_ddl(load_schema()))
    con.execute(EVIDENCE_SQL.read_text(encoding="utf-8"))
    con.execute("""
        INSERT INTO sources (source_id, kind, title, visibility) VALUES
            ('pub', 'web page', 'Public page', 'public'), ('int', 'interview', 'Interview', 'restricted');
        INSERT INTO regions (region_id, name, nation, lpip_phase, source_id, confidence)
            VALUES ('yh', 'Yorkshire', 'England', '1 and 2', 'pub', 'sourced');
        INSERT INTO organisations (org_id, name, org_type, sector, region_id, source_id, confidence) VALUES
            ('open', 'Open Org', 'VCSE', 'third', 'yh', 'pub', 'sourced'),
            ('quiet', 'Interviewee Org', 'VCSE', 'third', 'yh', 'int', 'sourced');
        INSERT INTO partnerships (partnership_id, name, scale, region_id, source_id, confidence)
            VALUES ('p', 'Partnership', 'local', 'yh', 'pub', 'sourced');
        INSERT INTO memberships (partnership_id, org_id, role, source_id, confidence) VALUES
            ('p', 'open', 'member', 'pub', 'sourced'), ('p', 'quiet', 'member', 'pub', 'sourced');
        INSERT INTO observations (observation_id, source_id, region_id, text, visibility, confidence) VALUES
            ('o1', 'pub', 'yh', 'Public note', 'public', 'sourced'),
            ('o2', 'pub', 'yh', 'Marked restricted', 'restricted', 'sourced'),
            ('o3', 'int', 'yh', 'From an interview', 'public', 'sourced');
        INSERT INTO codes (code_id, name, dimension) VALUES ('cap', 'Capacity', 'capacity');
        INSERT INTO codings (coding_id, observation_id, code_id, direction, region_id, org_id, coder, source_id,
                             confidence) VALUES
            ('k1', 'o1', 'cap', 'enables', 'yh', NULL, 'r1', 'pub', 'sourced'),
            ('k2', 'o2', 'cap', 'enables', 'yh', NULL, 'r1', 'pub', 'sourced'),
            ('k3', 'o3', 'cap', 'hinders', 'yh', NULL, 'r1', 'pub', 'sourced'),
            ('k4', 'o1', 'cap', 'mixed', 'yh', 'quiet', 'r1', 'pub', 'sourced');
    """)
    restricted = dict(con.execute("SELECT row_key, restricted FROM citations").fetchall())
    assert restricted == {"yh": False, "open": False, "quiet": True, "p": False, "p/open/member": False,
                          "p/quiet/member": True, "o1": False, "o2": True, "o3": True,
                          "k1": False, "k2": True, "k3": True, "k4": True}
    assert dict(con.execute("SELECT coding_id, restricted FROM coded_evidence").fetchall()) == {
        "k1": False, "k2": True, "k3": True, "k4": True}
