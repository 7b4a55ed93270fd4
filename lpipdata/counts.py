"""The names of the counts a region shows, one definition per name, used on every view.

A region has two different organisation counts, and both are right for their question: the
organisations *based* in it (their own home region) and the *member* organisations of its
partnerships (wherever they are based: a national body or a university from next door counts).
Yorkshire and the Humber has 63 of the first and 54 of the second in the seed data. Each view
names the count it shows with these words, so a reader can tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountName:
    singular: str
    plural: str
    definition: str

    def of(self, n: int, where: str | None = None) -> str:
        """'1 partnership', '63 organisations based in the region'; `where` names the place for a count
        over several regions ('15 organisations based in the regions shown')."""
        name = self.singular if n == 1 else self.plural
        return f"{int(n):,} {name.replace('the region', where) if where else name}"

    def label(self) -> str:
        """The name as a column or axis title: 'Organisations based in the region'."""
        return self.plural[:1].upper() + self.plural[1:]


PARTNERSHIPS = CountName(
    "partnership", "partnerships",
    "Partnerships based in the region (their own region, not their members'), matching the filters.")
ORGANISATIONS_BASED = CountName(
    "organisation based in the region", "organisations based in the region",
    "Organisations whose own home region is this region, whatever partnerships they belong to. With a theme, "
    "scale, period or as-of filter, only those in a matching partnership.")
MEMBER_ORGANISATIONS = CountName(
    "member organisation", "member organisations",
    "Organisations with a membership of at least one of the region's partnerships that match the filters, "
    "wherever the organisation itself is based; each counted once.")

DEFINITIONS = {name.plural: name.definition for name in (PARTNERSHIPS, ORGANISATIONS_BASED, MEMBER_ORGANISATIONS)}


def help_text(*names: CountName) -> str:
    """A tooltip defining each named count, for the caption that shows them."""
    return "\n\n".join(f"**{name.label()}**: {name.definition}" for name in names)
