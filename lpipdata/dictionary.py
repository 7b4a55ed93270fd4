"""docs/data-dictionary.md: the tables from the schema, then the computed Patterns read model."""

from __future__ import annotations

from lpipdata.patterns.conditions import glossary
from lpipdata.schema import data_dictionary, load_schema


def dictionary_text() -> str:
    return data_dictionary(load_schema()) + "\n" + glossary()
