"""The words of the user interface in Danish and English (``orgmodel/data/ui.yaml``).

Each section holds one table of words per language: ``diagram``, ``charts``,
``diff`` and ``report`` map keys to texts, ``months`` lists the month names.

>>> ui_words("report")["da"]["nav_goals"], ui_words("report")["en"]["nav_goals"]
('Mål', 'Goals')
>>> ui_words("months")["en"][0]
'January'

A text that follows a count has a plural form under its key and may have a
singular form under ``KEY_one``; :func:`count_text` picks the one that fits.
Inside a sentence, ``{name:one|many}`` writes the word that agrees with the
count ``name`` (:func:`fill_counts`), so no page says "1 fora".
:func:`with_article` puts "a" or "an" before an English word.
"""

import string
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


def count_text(words: dict, key: str, n: int, **fields) -> str:
    """The text of ``key`` for a count ``n``: ``KEY_one`` when n is 1 and the table has it, else ``KEY``.

    >>> da = ui_words("report")["da"]
    >>> count_text(da, "member_count", 1), count_text(da, "member_count", 3)
    ('1 medlem', '3 medlemmer')
    """
    text = words.get(f"{key}_one", words[key]) if n == 1 else words[key]
    return text.format(n=n, **fields)


class _CountFormatter(string.Formatter):
    """str.format, where a field ``{n:one|many}`` writes ``one`` when n is 1 and ``many`` otherwise."""

    def format_field(self, value, format_spec: str) -> str:
        if "|" in format_spec:
            one, _, many = format_spec.partition("|")
            return one if value == 1 else many
        return super().format_field(value, format_spec)


_COUNTS = _CountFormatter()


def fill_counts(text: str, **fields) -> str:
    """``text.format(**fields)`` with words that agree with their counts: ``{n:one|many}`` picks a form.

    >>> fill_counts("{n} {n:forum|fora} under {name}", n=1, name="X"), fill_counts("{n} {n:forum|fora}", n=3)
    ('1 forum under X', '3 fora')
    """
    return _COUNTS.format(text, **fields)


_AN_LETTERS = set("aefhilmnorsx")
"""Letters whose English name starts with a vowel sound: an SSP, an FGU, but a PSP, a KSP."""


def with_article(word: str) -> str:
    """An English word or name with "a" or "an" before it, by how it sounds.

    Initialisms (SSP, PSP) go by the name of their first letter; words by their first letter, with
    "u" as in "unit" taking "a".

    >>> [with_article(w) for w in ("organisation", "SSP+ (18-25 år)", "PSP", "KSP", "lokalråd", "unit", "ungesamråd")]
    ['an organisation', 'an SSP+ (18-25 år)', 'a PSP', 'a KSP', 'a lokalråd', 'a unit', 'an ungesamråd']
    """
    head = word.split(" ", 1)[0].strip("\"'(")
    letters = "".join(c for c in head if c.isalpha())
    if not letters:
        return f"a {word}"
    first = letters[0]
    if len(letters) > 1 and letters.isupper():
        return f"{'an' if first.lower() in _AN_LETTERS else 'a'} {word}"
    sounds_like_you = first.lower() == "u" and letters.lower().startswith(("uni", "use", "usu", "uti"))
    return f"{'an' if first.lower() in 'aeiou' and not sounds_like_you else 'a'} {word}"
