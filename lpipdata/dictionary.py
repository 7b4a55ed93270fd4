"""docs/data-dictionary.md: the tables from the schema, then the computed Patterns read model and the
multilevel measures."""

from __future__ import annotations

from lpipdata.multilevel.measures import glossary as multilevel_glossary
from lpipdata.patterns.conditions import glossary
from lpipdata.schema import data_dictionary, load_schema


def dictionary_text() -> str:
    return data_dictionary(load_schema()) + "\n" + glossary() + "\n" + multilevel_glossary()
