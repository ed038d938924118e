"""The built-in reference areas: Denmark's 12 politikredse and 98 kommuner.

>>> AREAS["silkeborg"].kreds
'kreds-midt-og-vestjylland'
>>> resolve_area("Århus")
'aarhus'
>>> resolve_area("0740")
'silkeborg'

Names and prepositions are data (``orgmodel/data/areas.csv``), never built in code:

>>> AREAS["koebenhavn"].official_name, AREAS["koebenhavn"].mayor
('Københavns Kommune', 'overborgmester')
>>> AREAS["silkeborg"].locative, AREAS["samsoe"].locative
('i Silkeborg Kommune', 'på Samsø')
"""

import csv
import unicodedata
from dataclasses import dataclass
from importlib import resources

from orgmodel.didyoumean import suggest
from orgmodel.errors import UsageError


@dataclass(frozen=True)
class Area:
    """A politikreds (``kind='politikreds'``) or a kommune (``kind='kommune'``).

    ``name`` is the name in the national register (DAGI), ``official_name`` a
    kommune's own name ("Københavns Kommune", "Bornholms Regionskommune"),
    ``locative`` the area after a preposition of place as Danish writes it
    ("i Silkeborg Kommune", "på Samsø", "på Fyn"), and ``mayor`` the role type
    of a kommune's mayor (``overborgmester`` in København, else ``borgmester``).
    The official names follow borger.dk's list of kommuner, and the overborgmester
    Københavns Kommune's own page (register sources ``borgerdk-kommuner``,
    ``kk-saadan-styres-koebenhavn``).
    """

    id: str
    kind: str
    name: str
    official_name: str
    locative: str
    code: str
    kreds: str
    police: str
    mayor: str
    aliases: tuple[str, ...]


def _load() -> dict[str, Area]:
    text = resources.files("orgmodel.data").joinpath("areas.csv").read_text("utf-8")
    areas = {}
    for row in csv.DictReader(text.splitlines()):
        aliases = tuple(a for a in row.pop("aliases").split(";") if a)
        areas[row["id"]] = Area(aliases=aliases, **row)
    return areas


AREAS: dict[str, Area] = _load()
"""Every built-in area by id."""


def _keys(area: Area):
    yield area.id
    yield area.name.casefold()
    yield from (alias.casefold() for alias in area.aliases)
    if area.kind == "kommune":
        yield f"{area.name} kommune".casefold()
        yield area.official_name.casefold()
    else:
        yield area.police.casefold()
    if area.code:
        yield area.code
        yield area.code.lstrip("0")
        yield area.code.zfill(4)


def _index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for area in AREAS.values():
        for key in dict.fromkeys(_keys(area)):
            index.setdefault(key, []).append(area.id)
    return {key: tuple(ids) for key, ids in index.items()}


_INDEX = _index()


def lookup_area(text, prefer: str | None = None) -> str | None:
    """Return the area id for an id, name, alias or code, or ``None``.

    "Bornholm" and "København" name both a politikreds and a kommune: ``prefer``
    (``"politikreds"`` or ``"kommune"``) picks one; without it the kommune wins.

    >>> lookup_area("Bornholm"), lookup_area("Bornholm", prefer="politikreds")
    ('bornholm', 'kreds-bornholm')
    >>> lookup_area("Ta\u030arnby")  # å written as a and a combining ring (macOS, some pasted text)
    'taarnby'
    """
    found = _INDEX.get(unicodedata.normalize("NFC", str(text)).strip().casefold(), ())  # å as one or two characters
    for area_id in found:
        if AREAS[area_id].kind == (prefer or "kommune"):
            return area_id
    return found[0] if found else None


def resolve_area(text, prefer: str | None = None) -> str:
    """Return the area id for what a user typed, or raise with a did-you-mean."""
    found = lookup_area(text, prefer)
    if found is None:
        raise UsageError(
            f"unknown area '{text}'.{suggest(str(text).casefold(), _INDEX)}"
            " Run `orgmodel areas` to list every area id, name and code."
        )
    return found


def kommuner_of(kreds_id: str) -> list[str]:
    """Sorted ids of the kommuner in a politikreds.

    >>> len(kommuner_of("kreds-midt-og-vestjylland"))
    11
    """
    return sorted(a.id for a in AREAS.values() if a.kreds == kreds_id)


def area_suggestion(text) -> str:
    """A did-you-mean for an unknown area reference (used in check findings)."""
    return suggest(str(text).casefold(), _INDEX)
