"""``orgmodel diff``: what changed between two versions of a workspace (folders or git revisions).

:mod:`.compare` finds members who joined or left, bodies created or closed,
changed fields, settings and coverage gained or lost; :mod:`.output` writes
the result as text or JSON.
"""

from .compare import compare_versions
from .output import FORMATS

__all__ = [
    "FORMATS",
    "compare_versions",
]
