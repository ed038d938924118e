"""TODO diff."""

from .compare import compare_versions
from .output import FORMATS

__all__ = [
    "FORMATS",
    "compare_versions",
]
