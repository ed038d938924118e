"""``orgmodel check``: the rules of the law, national guidance, integrity and hygiene, run over a workspace.

:mod:`.rules` is the registry (each rule a small generator with an id, a
category, a default severity and its source); :mod:`.run` applies severities,
overrides and ignores and returns a :class:`CheckResult`; :mod:`.output`
writes it as text, JSON, JUnit or SARIF (and, with ``FAILED_FORMATS``, a
JSON, JUnit or SARIF report of a check that could not run); :mod:`.cache`
gives the stored output of a check whose files, code and options are
unchanged, without loading the workspace or running the rules; :mod:`.stored`
finds it, also for files whose comments alone were edited.

Each name is imported when first used, so a stored output is given without
importing the rules, the models and networkx.

>>> from orgmodel.check import check
>>> from orgmodel.workspace import load_workspace
>>> check(load_workspace("examples/midt-og-vestjylland")).counts["error"]
0
"""


from orgmodel.lazy import lazy_exports

TYPE_CHECKING = False  # not typing's: a stored check is given without importing typing
if TYPE_CHECKING:  # the same names as below, for the type checker
    from .cache import Checked, CheckOutput, check_output, check_workspaces, relabelled_output
    from .formats import check_format
    from .output import FAILED_FORMATS, FORMATS
    from .result import CheckResult
    from .rules import RULES, rules_table
    from .run import check
    from .stored import plain_output, stored_output

_EXPORTS = {
    "CheckOutput": "cache", "Checked": "cache", "check_output": "cache", "check_workspaces": "cache",
    "relabelled_output": "cache",
    "FAILED_FORMATS": "output", "FORMATS": "output", "check_format": "formats",
    "RULES": "rules", "rules_table": "rules",
    "CheckResult": "result", "check": "run",
    "plain_output": "stored", "stored_output": "stored",
}
__all__ = [
    "FAILED_FORMATS",
    "CheckOutput",
    "CheckResult",
    "Checked",
    "FORMATS",
    "RULES",
    "check",
    "check_format",
    "check_output",
    "check_workspaces",
    "plain_output",
    "relabelled_output",
    "rules_table",
    "stored_output",
]


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
