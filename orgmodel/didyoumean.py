"""Close-match suggestions for misspelt keys, ids and terms."""

import difflib
from collections.abc import Iterable


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest choice, or ``""``.

    >>> suggest("categroy", ["category", "name"])
    " Did you mean 'category'?"
    >>> suggest("zzz", ["category"])
    ''
    """
    matches = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""
