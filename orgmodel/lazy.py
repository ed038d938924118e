"""A package's names imported on first use (PEP 562), so a command that needs few of them starts fast.

``orgmodel.check``, ``orgmodel.model`` and ``orgmodel.workspace`` use it: a check whose result is stored
(:mod:`orgmodel.check.cache`) then never imports pydantic, networkx or the rules.
"""

import importlib
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's: a stored check is given without importing typing
if TYPE_CHECKING:
    from typing import Any


def lazy_exports(package: str, namespace: dict, exports: dict[str, str]) -> Callable[[str], "Any"]:
    """The module ``__getattr__`` of ``package``: each name of ``exports`` (name → submodule) is imported from
    its submodule when first asked for, and kept in ``namespace`` (the package's globals) from then on. A name
    that is its submodule's own name and not defined in it is the submodule itself (``orgmodel.model.schema``).

    >>> names = {}
    >>> getter = lazy_exports("orgmodel", names, {"today": "clock"})
    >>> getter("today").__module__, "today" in names
    ('orgmodel.clock', True)
    >>> getter("tomorrow")
    Traceback (most recent call last):
    ...
    AttributeError: module 'orgmodel' has no attribute 'tomorrow'
    """

    def __getattr__(name: str) -> "Any":
        if name in exports:
            module = importlib.import_module(f".{exports[name]}", package)
            value = module if name == exports[name] and not hasattr(module, name) else getattr(module, name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
