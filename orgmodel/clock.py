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

from .errors import UsageError


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse ``YYYY-MM-DD`` or raise a :class:`UsageError` naming ``what``."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise UsageError(f"{what} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31") from None


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
