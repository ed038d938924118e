"""Close-match suggestions for misspelt keys, ids and terms."""

import difflib
from collections.abc import Iterable

MAX_COMPARED = 2000


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest choice, or ``""``.

    Only choices of about the same length are compared; among thousands of
    them, only those that share the first letters, so a suggestion among
    100,000 ids stays fast. The word itself is never suggested: where it is
    one of the choices, the message must say why it is wrong instead.

    >>> suggest("categroy", ["category", "name"])
    " Did you mean 'category'?"
    >>> suggest("zzz", ["category"])
    ''
    """
    word = str(word)
    slack = max(3, len(word) // 3)
    near = {c for c in choices if abs(len(c) - len(word)) <= slack and c != word}
    prefix = 1
    while len(near) > MAX_COMPARED and prefix <= len(word):
        near = {c for c in near if c[:prefix] == word[:prefix]}
        prefix += 2
    compared = sorted(near)[:MAX_COMPARED]
    matches = difflib.get_close_matches(word, compared, n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""
