"""The words of ``orgmodel report`` in Danish and English, and the glossary it publishes.

Every page opens with a short introduction for a reader who has never seen
orgmodel; those texts live with the labels in ``orgmodel/data/ui.yaml``
(section ``report``), the Danish and the English table in the same file.

>>> TEXT["da"]["nav_goals"], TEXT["en"]["nav_goals"]
('Mål', 'Goals')
>>> format_date(dt.date(2026, 11, 22), "da")
'22. november 2026'
"""

import datetime as dt
import re
from functools import cache
from importlib import resources

import yaml

from orgmodel.model import require_sources, ui_words

MONTHS = ui_words("months")


def format_date(day: dt.date, lang: str) -> str:
    """A date as a reader writes it: ``22. november 2026`` or ``22 November 2026``."""
    month = MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


TEXT = ui_words("report")
"""The words of every page by language, introductions included (``orgmodel/data/ui.yaml``)."""


@cache
def glossary() -> tuple[dict, ...]:
    """The glossary entries shipped with orgmodel (``orgmodel/data/glossary.yaml``).

    Each entry's ``sources`` are ids in the register of sources; an id that is not there raises
    ``ValueError`` naming the entry.
    """
    text = resources.files("orgmodel.data").joinpath("glossary.yaml").read_text("utf-8")
    entries = tuple(yaml.safe_load(text))
    for entry in entries:
        entry["sources"] = list(require_sources(entry.get("sources"), f"glossary entry '{entry['id']}'"))
    return entries


def first_sentence(text: str) -> str:
    """The first sentence of a text (a full stop before a capital letter ends it).

    >>> first_sentence("SSP er et samarbejde. Det hviler på § 115.")
    'SSP er et samarbejde.'
    """
    return re.split(r"(?<=[a-zæøå0-9)])\. (?=[A-ZÆØÅ])", " ".join(text.split()), maxsplit=1)[0].rstrip(".") + "."
