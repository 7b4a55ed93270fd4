"""What a slide's values may be: the filter vocabulary (regions, themes, scales, sectors) and
each page's view options."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from itertools import combinations
from pathlib import Path

from lpipdata import filters as flt
from lpipdata.schema import load_schema


def vocabulary_from_data(data_dir: Path) -> flt.Vocabulary:
    """What filter values may be, read from the source CSVs (no database needed)."""
    schema = load_schema(data_dir / "datapackage.json")
    with (data_dir / "regions.csv").open(encoding="utf-8", newline="") as handle:
        regions = {row["region_id"]: row["name"] for row in csv.DictReader(handle)}
    return vocabulary(schema, regions)


def vocabulary(schema, regions: Mapping[str, str]) -> flt.Vocabulary:
    return flt.Vocabulary.from_schema(schema, regions)


def view_options(page: str, vocab: flt.Vocabulary) -> dict[str, Sequence[str] | None]:
    """The view options a slide may set on `page`, with their allowed values (None: free text).

    They mirror what each page passes to state.page_state; tests compare them with the pages'
    own definitions. A page not listed here takes only the shared filters in a story.
    """
    if page == "network":
        from lpipdata.network import URL_OPTIONS

        return dict(URL_OPTIONS)
    if page == "map":
        return _map_options(vocab)
    if page == "compare":
        from lpipdata.compare_sections import SECTIONS
        from lpipdata.figures.compare import MEASURES

        return {"measure": tuple(MEASURES), "section": tuple(SECTIONS)}
    if page == "timeline":
        return {"colour": ("region", "theme"), "event": None}
    if page == "evidence":
        schema = load_schema()
        return {"q": None, "kind": schema.table("sources").field("kind").enum,
                "confidence": schema.table("observations").field("confidence").enum,
                "layout": ("list", "table"), "source": None, "code": None,
                "direction": schema.table("codings").field("direction").enum, "coder": None}
    if page == "patterns":
        from lpipdata.patterns.conditions import CASE_KINDS

        return {"cases": tuple(CASE_KINDS), "outcome": None, "conditions": None, "cal": None, "incl": None,
                "cell": None}
    if page == "multilevel":
        return {"link": None, "play": ("1",)}
    return {}


def _map_options(vocab: flt.Vocabulary) -> dict[str, Sequence[str]]:
    from lpipdata.figures import map as map_figures
    from lpipdata.queries import map as map_queries

    layers = ("none",) + tuple(",".join(combo) for size in range(1, len(map_queries.LAYERS) + 1)
                               for combo in combinations(map_queries.LAYERS, size))
    return {"measure": map_queries.MEASURES, "emphasis": tuple(vocab.themes), "layers": layers,
            "colour": tuple(map_figures.COLOUR_BY_TITLES), "size": tuple(map_figures.SIZE_BY_TITLES),
            "basemap": tuple(map_figures.BASEMAPS), "play": ("1",)}
