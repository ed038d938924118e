"""Age ranges as written in ``covers.ages``: ``"6-17"``, ``"65+"``, ``"16"``.

A range is a pair of whole years ``(first, last)``; ``last`` is ``None`` for an
open end ("65+" means 65 and older).

>>> parse_age_range("6-17")
(6, 17)
>>> parse_age_range("65+")
(65, None)
>>> parse_age_range("17-6")
Traceback (most recent call last):
...
ValueError: the range '17-6' starts after it ends; write it as '6-17'
"""

import re

_RANGE = re.compile(r"^\s*(\d{1,3})\s*(?:(-|–)\s*(\d{1,3})|(\+))?\s*(?:år)?\s*$")


def parse_age_range(text, max_age: int = 100) -> tuple[int, int | None]:
    """Parse one age range or raise ``ValueError`` with the finished explanation."""
    match = _RANGE.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not an age range; write e.g. '6-17', '18-25' or '65+'")
    first = int(match.group(1))
    last = None if match.group(4) else int(match.group(3) or first)
    if last is not None and last < first:
        raise ValueError(f"the range '{text}' starts after it ends; write it as '{last}-{first}'")
    if first > max_age or (last is not None and last > max_age):
        raise ValueError(f"the range '{text}' goes past the maximum age {max_age}; "
                         f"use '{first}+' for an open end")
    return first, last


def format_age_range(first: int, last: int | None) -> str:
    """The written form of a range.

    >>> format_age_range(65, None), format_age_range(6, 17), format_age_range(16, 16)
    ('65+', '6-17', '16')
    """
    if last is None:
        return f"{first}+"
    return str(first) if first == last else f"{first}-{last}"
