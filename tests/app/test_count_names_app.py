"""One name per count, one count per name (issue 14, failure 7). A region has two organisation counts:
those based in it and the member organisations of its partnerships. Every view names the one it shows,
and a name always carries the same number for the same region."""

import re

from lpipdata import counts, db
from lpipdata.queries import home
from tests.app.conftest import run_app

BASED = counts.ORGANISATIONS_BASED
MEMBERS = counts.MEMBER_ORGANISATIONS
BARE_COUNT = re.compile(r"\**[0-9,]+\** organisations?\b(?! based)")


def texts(app) -> list[str]:
    return [m.value for m in app.markdown] + [c.value for c in app.caption]


def yorkshire_based_count(tiny_db) -> tuple[int, int]:
    con = db.connect(tiny_db)
    try:
        row = home.lpip_regions(con).set_index("region_id").loc["yh"]
    finally:
        con.close()
    return int(row["partnership_count"]), int(row["organisation_count"])


def test_the_overview_and_the_map_name_the_count_of_organisations_based_in_the_region(tiny_env):
    partnerships, based = yorkshire_based_count(tiny_env)
    assert based != partnerships  # the fixture tells the two numbers apart
    home_texts = texts(run_app())
    assert f"{counts.PARTNERSHIPS.of(partnerships)} · {BASED.of(based)}" in home_texts
    map_texts = texts(run_app("pages/map.py", region="yh"))
    assert any(f"**{based}** {BASED.plural}" in text for text in map_texts), map_texts
    for text in home_texts + map_texts:
        assert not BARE_COUNT.search(text), text


def test_compare_the_profile_and_the_network_name_the_count_of_member_organisations(tiny_env):
    compare = texts(run_app("pages/compare.py", regions="yh,rw"))
    profile = texts(run_app("pages/region.py", region="yh"))
    network = texts(run_app("pages/network.py", regions="yh"))
    numbers = {}
    for view, found in (("compare", compare), ("profile", profile), ("network", network)):
        named = [int(n) for text in found for n in re.findall(rf"\**([0-9]+)\** {MEMBERS.plural}", text)]
        assert named, f"{view} names no count of {MEMBERS.plural}: {found}"
        numbers[view] = named[0]  # compare lists Yorkshire and the Humber first
    assert len(set(numbers.values())) == 1, numbers
    for text in compare + profile + network:
        assert not BARE_COUNT.search(text), text
