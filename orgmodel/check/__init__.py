"""``orgmodel check``: the rules of the law, national guidance, integrity and hygiene, run over a workspace.

:mod:`.rules` is the registry (each rule a small generator with an id, a
category, a default severity and its source); :mod:`.run` applies severities,
overrides and ignores and returns a :class:`CheckResult`; :mod:`.output`
writes it as text, JSON, JUnit or SARIF.

>>> from orgmodel.workspace import load_workspace
>>> check(load_workspace("examples/midt-og-vestjylland")).counts["error"]
0
"""

from .output import FORMATS
from .rules import RULES, rules_table
from .run import CheckResult, check

__all__ = [
    "CheckResult",
    "FORMATS",
    "RULES",
    "check",
    "rules_table",
]
