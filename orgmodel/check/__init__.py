"""``orgmodel check``: the rules of the law, national guidance, integrity and hygiene, run over a workspace.

:mod:`.rules` is the registry (each rule a small generator with an id, a
category, a default severity and its source); :mod:`.run` applies severities,
overrides and ignores and returns a :class:`CheckResult`; :mod:`.output`
writes it as text, JSON, JUnit or SARIF (and, with ``FAILED_FORMATS``, a
JSON, JUnit or SARIF report of a check that could not run); :mod:`.cache` reuses the result of a check
whose files, code and options are unchanged.

>>> from orgmodel.workspace import load_workspace
>>> check(load_workspace("examples/midt-og-vestjylland")).counts["error"]
0
"""

from .cache import Checked, check_workspaces
from .output import FAILED_FORMATS, FORMATS
from .rules import RULES, rules_table
from .run import CheckResult, check

__all__ = [
    "FAILED_FORMATS",
    "CheckResult",
    "Checked",
    "FORMATS",
    "RULES",
    "check",
    "check_workspaces",
    "rules_table",
]
