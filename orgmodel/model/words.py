"""The words of the user interface in Danish and English (``orgmodel/data/ui.yaml``).

Each section holds one table of words per language: ``diagram``, ``charts``,
``diff`` and ``report`` map keys to texts, ``months`` lists the month names.

>>> ui_words("report")["da"]["nav_goals"], ui_words("report")["en"]["nav_goals"]
('Mål', 'Goals')
>>> ui_words("months")["en"][0]
'January'
"""

from functools import cache
from importlib import resources

import yaml


@cache
def _ui_file() -> dict:
    text = resources.files("orgmodel.data").joinpath("ui.yaml").read_text("utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)


def ui_words(section: str) -> dict:
    """One section of ``ui.yaml``: ``{"da": ..., "en": ...}`` (the file is read once)."""
    return _ui_file()[section]
