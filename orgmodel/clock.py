"""The one place that knows what "today" is.

Rules that depend on the date read :func:`today`. The CLI's ``--today`` and
tests pass a date explicitly; the ``ORGMODEL_TODAY`` environment variable
pins it for a whole run (e.g. in CI).

>>> import os; os.environ["ORGMODEL_TODAY"] = "2026-01-31"; today()
datetime.date(2026, 1, 31)
>>> del os.environ["ORGMODEL_TODAY"]
"""

import datetime as dt
import os
import re

from .errors import UsageError

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> dt.date | None:
    """The date ``YYYY-MM-DD`` (a year from 1000), else None: not the other forms :meth:`datetime.date.fromisoformat`
    reads, a week (``2026-W01``, which a Danish reader may well write) nor ``20261122``.

    >>> iso_date("2026-11-22"), iso_date("2026-W01"), iso_date("20261122"), iso_date("2026-02-30")
    (datetime.date(2026, 11, 22), None, None, None)
    """
    if not _ISO_DAY.fullmatch(text) or text < "1000":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse ``YYYY-MM-DD`` or raise a :class:`UsageError` naming ``what``."""
    found = iso_date(str(text).strip())
    if found is None:
        early = _ISO_DAY.fullmatch(str(text).strip()) and str(text).strip() < "1000"
        raise UsageError(f"{what} '{text}' is {'before the year 1000' if early else 'not a date'}; write it as "
                         "YYYY-MM-DD, e.g. 2026-01-31")
    return found


def today() -> dt.date:
    """Today's date, or ``ORGMODEL_TODAY`` when set."""
    pinned = os.environ.get("ORGMODEL_TODAY")
    return parse_date(pinned, "ORGMODEL_TODAY") if pinned else dt.date.today()


def now() -> dt.datetime:
    """The current time in UTC, to the second (when a push happened).

    >>> now().tzinfo is dt.UTC
    True
    """
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
