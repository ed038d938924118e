"""Ids of entries: lower-case ASCII slugs, unique in a workspace (Danish letters transliterated)."""

import re
import unicodedata

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""What an id looks like: lower-case ASCII letters, digits and hyphens, not starting with a hyphen."""


def slugify(text: str) -> str:
    """The id a name would have.

    >>> slugify("Ringkøbing-Skjern Kommune"), slugify("Ta\u030arnby")
    ('ringkoebing-skjern-kommune', 'taarnby')
    """
    text = unicodedata.normalize("NFC", text).lower()  # å as a and a combining ring is å
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "ue"), ("ö", "oe"), ("ä", "ae")):
        text = text.replace(danish, ascii_)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "id"
