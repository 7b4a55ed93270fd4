import duckdb

from lpipdata.build import build_database
from lpipdata.synth import MARK, write_synthetic
from lpipdata.validate import validate_folder


def test_synthetic_data_validates_builds_and_is_marked(tiny_data_dir, tmp_path):
    out = tmp_path / "synth"
    counts = write_synthetic(tiny_data_dir, out, 3)
    assert counts["organisations"] == 3 * 16 and counts["regions"] == 9
    _, problems = validate_folder(out)
    assert problems == []
    db = tmp_path / "synth.duckdb"
    build_database(out, db, mode="research")
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT name FROM organisations UNION ALL SELECT name FROM partnerships "
                                           "UNION ALL SELECT name FROM regions").fetchall()]
        assert names and all(n.startswith(MARK) for n in names)
        assert con.execute("SELECT value FROM meta WHERE key = 'is_synthetic'").fetchone()[0] == "yes"
        bridging = con.execute("SELECT count(*) FROM memberships WHERE split_part(org_id, '-syn', 2) "
                               "<> split_part(partnership_id, '-syn', 2)").fetchone()[0]
        assert bridging > 0
        directions = dict(con.execute("SELECT direction, count(*) FROM codings GROUP BY 1").fetchall())
        assert set(directions) == {"enables", "hinders", "mixed", "neutral"}
        assert con.execute("SELECT count(*) FROM codes").fetchone()[0] == 6  # the codebook is shared
