"""TODO check."""

from .output import FORMATS
from .rules import RULES
from .rules.integrity import TERM_FIELDS
from .run import CheckResult, check

__all__ = [
    "CheckResult",
    "FORMATS",
    "RULES",
    "TERM_FIELDS",
    "check",
]
