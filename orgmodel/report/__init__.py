"""``orgmodel report``: a static HTML site a secretariat can publish as it is.

:mod:`.pages` and :mod:`.sections` gather what each page shows as plain data;
:mod:`.build` renders the Jinja2 templates in ``templates/`` and the
diagrams, and moves the finished site into place; :mod:`.stamp` tells
whether the report already in a folder is the one a build would write.
"""

from .build import build_report, write_report

__all__ = [
    "build_report",
    "write_report",
]
