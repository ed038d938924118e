"""The layering of the package (ARCHITECTURE.md): which module may import which, and who may read the graph.

Every check is a function that takes a module name and its source text and returns a list of
problems (strings that name the file and line). The tests at the bottom apply them to every module
under orgmodel/; the self-tests show that each check can fail.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "orgmodel"

# Lowest first. A module may import from its own group and from groups of a lower rank only.
BASE = "base"
BASE_MODULES = ("orgmodel", "orgmodel.errors", "orgmodel.clock", "orgmodel.files", "orgmodel.didyoumean",
                "orgmodel.gcpause", "orgmodel.lazy", "orgmodel.tables", "orgmodel.data")
STAGES = {
    "orgmodel.model": 1,
    "orgmodel.workspace": 2,
    "orgmodel.graph": 3,
    "orgmodel.queries": 4,
    "orgmodel.check": 5,
    "orgmodel.diagram": 6, "orgmodel.diff": 6, "orgmodel.xlsx": 6,
    "orgmodel.export": 7,
    "orgmodel.neo4j": 8, "orgmodel.report": 8,
}
CLI = "orgmodel.cli"
CLI_MODULES = ("orgmodel.cli", "orgmodel.__main__")
RANKS = {BASE: 0, **STAGES, CLI: 9}

GRAPH_INTERNALS = frozenset({"_succ", "_pred", "_node", "_adj"})
GRAPH_DICT_METHODS = frozenset({"get", "setdefault", "keys", "values", "items", "update", "pop"})
"""Reading ``G.graph`` through these is reading it as much as ``G.graph[...]`` is."""


def module_name(path: Path) -> str:
    """``orgmodel/graph/build.py`` -> ``orgmodel.graph.build``; ``orgmodel/graph/__init__.py`` -> ``orgmodel.graph``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


FILES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
MODULES = frozenset(FILES)
PACKAGES = frozenset(name for name, path in FILES.items() if path.name == "__init__.py")


def file_of(module: str) -> str:
    """The file of a module, relative to the repository (also for made-up modules of the self-tests)."""
    if module in FILES:
        return FILES[module].relative_to(ROOT).as_posix()
    return module.replace(".", "/") + ".py"


def group_of(module: str) -> str | None:
    """The layer group a module belongs to: ``base``, a stage package, ``orgmodel.cli``, or None."""
    if module in BASE_MODULES or module.startswith("orgmodel.data."):
        return BASE
    if module in CLI_MODULES:
        return CLI
    for stage in STAGES:
        if module == stage or module.startswith(stage + "."):
            return stage
    return None


def imports(module: str, source: str, is_package: bool | None = None, modules=MODULES):
    """Every import statement of the source, anywhere in it, as (line, text, imported module).

    Relative imports are resolved against ``module``. For ``from X import name`` the imported
    module is ``X.name`` when that is a module of the tree, else ``X``.
    """
    if is_package is None:
        is_package = module in PACKAGES
    here = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, f"import {alias.name}", alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module
            text = f"from {'.' * node.level}{node.module or ''} import {', '.join(a.name for a in node.names)}"
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((node.lineno, text, sub if sub in modules else target))
    return sorted(found)


def layer_problems(module: str, source: str, is_package: bool | None = None) -> list[str]:
    """Imports of a higher layer, or of another package of the same rank (check a)."""
    problems = []
    own = group_of(module)
    if own is None:
        return [f"{file_of(module)}: {module} belongs to no layer; add it to tests/test_architecture.py"]
    for line, text, target in imports(module, source, is_package):
        if target != "orgmodel" and not target.startswith("orgmodel."):
            continue
        other = group_of(target)
        where = f"{file_of(module)}:{line}: `{text}`"
        if other is None:
            problems.append(f"{where} imports {target}, which belongs to no layer")
        elif other != own and RANKS[other] >= RANKS[own]:
            relation = "the same rank" if RANKS[other] == RANKS[own] else "a higher rank"
            problems.append(f"{where}: {own} (rank {RANKS[own]}) imports {other} (rank {RANKS[other]}), "
                            f"{relation}")
    return problems


def declared_names(package: str) -> frozenset[str]:
    """The names a package's ``__init__`` lists in a literal ``__all__`` (empty if it has none)."""
    path = FILES.get(package)
    if path is None:
        return frozenset()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            try:
                return frozenset(ast.literal_eval(node.value))
            except ValueError:
                return frozenset()
    return frozenset()


def entry_problems(module: str, source: str, is_package: bool | None = None, modules=MODULES,
                   declared=None) -> list[str]:
    """Imports that reach into another stage package past its ``__init__`` (check b).

    ``from orgmodel.graph import build_graph`` and ``from orgmodel import graph`` are fine;
    ``from orgmodel.graph.build import build_graph`` and ``import orgmodel.graph.build`` are not,
    nor is ``from orgmodel.queries import coverage`` when ``coverage`` is a submodule that the
    package's ``__all__`` does not list. ``modules`` and ``declared`` (stage package -> names of
    its ``__all__``) default to the tree's.
    """
    declared = declared_names if declared is None else declared.get
    problems = []
    own = group_of(module)
    for line, text, target in imports(module, source, is_package, modules):
        stage = group_of(target)
        if stage not in STAGES or stage == own or target == stage:
            continue
        first = target[len(stage) + 1:].split(".")[0]
        if target == f"{stage}.{first}" and first in (declared(stage) or ()):
            continue
        problems.append(f"{file_of(module)}:{line}: `{text}` reaches {target}; "
                        f"import from {stage} (its __init__) instead")
    return problems


def _reads_graph_dict(node: ast.AST) -> bool:
    """``G.graph[...]``, ``G.graph.get(...)`` and the like, ``... in G.graph`` (not ``orgmodel.graph.x``)."""
    def graph_attribute(value):
        return (isinstance(value, ast.Attribute) and value.attr == "graph"
                and not (isinstance(value.value, ast.Name) and value.value.id == "orgmodel"))

    if isinstance(node, ast.Subscript) and graph_attribute(node.value):
        return True
    if isinstance(node, ast.Attribute) and node.attr in GRAPH_DICT_METHODS and graph_attribute(node.value):
        return True
    if isinstance(node, ast.Compare):
        return any(isinstance(op, ast.In | ast.NotIn) and graph_attribute(right)
                   for op, right in zip(node.ops, node.comparators, strict=True))
    return False


def graph_internals_problems(module: str, source: str) -> list[str]:
    """Reads of the graph's storage outside orgmodel/graph/ (check c)."""
    if group_of(module) == "orgmodel.graph":
        return []
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in GRAPH_INTERNALS:
            problems.append((node.lineno, f"`.{node.attr}`"))
        elif _reads_graph_dict(node):
            problems.append((node.lineno, f"`{ast.unparse(node)}`"[:80]))
    return [f"{file_of(module)}:{line}: reads the graph's internals: {what}" for line, what in sorted(set(problems))]


def click_problems(module: str, source: str, is_package: bool | None = None) -> list[str]:
    """Imports of click anywhere but orgmodel/cli.py (check d)."""
    if module == CLI:
        return []
    return [f"{file_of(module)}:{line}: `{text}`: only orgmodel/cli.py may import click"
            for line, text, target in imports(module, source, is_package)
            if target == "click" or target.startswith("click.")]


def clock_problems(module: str, source: str) -> list[str]:
    """Reads of the system clock outside orgmodel/clock.py: ``date.today()``, ``datetime.now()``, ``time.time()``
    used as a date. Every "today" goes through :func:`orgmodel.clock.today`, so ``--today`` and tests can set it."""
    if module == "orgmodel.clock":
        return []
    return [f"{file_of(module)}:{node.lineno}: `{ast.unparse(node)}` reads the clock; use orgmodel.clock.today()"
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("today", "now", "utcnow") and not node.args
            and isinstance(node.func.value, ast.Attribute | ast.Name)
            and (node.func.value.attr if isinstance(node.func.value, ast.Attribute) else node.func.value.id)
            in ("date", "datetime")]


def exception_problems(module: str, source: str) -> list[str]:
    """Exception classes outside orgmodel/errors.py, or not named ``…Error``.

    A private class (``_Name``) is a signal inside one module, never raised to a caller, and may stay there.
    """
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base) for base in node.bases}
        if not any(base.endswith(("Error", "Exception")) for base in bases):
            continue
        if module != "orgmodel.errors" and not node.name.startswith("_"):
            problems.append(f"{file_of(module)}:{node.lineno}: exception {node.name} belongs in orgmodel/errors.py")
        if not node.name.endswith("Error"):
            problems.append(f"{file_of(module)}:{node.lineno}: exception {node.name}: end its name in Error")
    return problems


def init_problems(module: str, source: str) -> list[str]:
    """A package's ``__init__``: a real module docstring, and every name of ``__all__`` importable (check e).

    The names come from a literal ``__all__`` in the source, or else from the imported package's
    ``__all__``; each must be an attribute of the imported package (a module ``__getattr__`` counts).
    """
    problems = []
    where = file_of(module)
    tree = ast.parse(source)
    doc = ast.get_docstring(tree)
    if not doc or not doc.strip():
        problems.append(f"{where}: {module} has no module docstring")
    elif doc.strip().upper().startswith("TODO"):
        problems.append(f"{where}: the module docstring of {module} is a placeholder: {doc.strip()!r}")
    assignments = [node for node in tree.body if isinstance(node, ast.Assign)
                   and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)]
    if not assignments:
        return problems
    line = assignments[-1].lineno
    try:
        names = list(ast.literal_eval(assignments[-1].value))
    except ValueError:
        names = None
    try:
        package = importlib.import_module(module)
    except Exception as error:  # any failure to import is the finding
        return problems + [f"{where}: {module} does not import: {type(error).__name__}: {error}"]
    if names is None:
        names = list(getattr(package, "__all__", []))
    for name in names:
        try:
            getattr(package, name)
        except AttributeError:
            problems.append(f"{where}:{line}: {name!r} is in __all__ but `from {module} import {name}` fails")
    return problems


# The checks applied to the tree.

def lazy_problems(module: str, source: str) -> list[str]:
    """A package that imports its names on first use (:func:`orgmodel.lazy.lazy_exports`) writes each name three
    times: imported under ``if TYPE_CHECKING:`` (what mypy sees), in ``_EXPORTS`` (name → submodule, what runs)
    and in ``__all__``. All three must name the same names, each from the same submodule: a name missing from
    ``_EXPORTS`` type-checks and fails when used, and one mapped to another submodule gives another object."""
    tree = ast.parse(source)
    if "lazy_exports(" not in source:
        return []
    static: dict[str, str] = {}
    exports: dict[str, str] = {}
    listed: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imported in node.body:
                if isinstance(imported, ast.ImportFrom) and imported.level == 1:
                    static.update({a.asname or a.name: imported.module or a.name for a in imported.names})
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == "_EXPORTS":
                exports = ast.literal_eval(node.value)
            elif node.targets[0].id == "__all__":
                listed = list(ast.literal_eval(node.value))
    where = file_of(module)
    def source_of(found: dict, name: str) -> str:
        return f"from .{found[name]}" if name in found else "not at all"

    problems = [f"{where}: {name!r} is imported {source_of(static, name)} for the type checker but exported "
                f"{source_of(exports, name)}" for name in sorted(set(static) | set(exports))
                if static.get(name) != exports.get(name)]
    problems += [f"{where}: {name!r} is {'in' if name in listed else 'not in'} __all__ but "
                 f"{'not ' if name in listed else ''}exported" for name in sorted(set(listed) ^ set(exports))]
    return problems


SOURCES = {name: path.read_text(encoding="utf-8") for name, path in FILES.items()}


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_every_module_has_a_layer():
    unplaced = sorted(name for name in MODULES if group_of(name) is None)
    assert not unplaced, f"give these a rank at the top of tests/test_architecture.py: {unplaced}"


def test_lower_layers_never_import_higher_ones():
    problems = [p for name, source in SOURCES.items() for p in layer_problems(name, source)]
    assert not problems, _report(problems)


def test_stage_packages_are_imported_through_their_init():
    problems = [p for name, source in SOURCES.items() for p in entry_problems(name, source)]
    assert not problems, _report(problems)


def test_only_the_graph_package_reads_the_graphs_internals():
    problems = [p for name, source in SOURCES.items() for p in graph_internals_problems(name, source)]
    assert not problems, _report(problems)


def test_the_library_never_imports_click():
    problems = [p for name, source in SOURCES.items() for p in click_problems(name, source)]
    assert not problems, _report(problems)


def test_every_today_comes_from_the_clock():
    problems = [p for name, source in SOURCES.items() for p in clock_problems(name, source)]
    assert not problems, _report(problems)


def test_exceptions_live_in_errors_and_end_in_error():
    problems = [p for name, source in SOURCES.items() for p in exception_problems(name, source)]
    assert not problems, _report(problems)


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_package_init_has_a_docstring_and_its_all_is_importable(package):
    problems = init_problems(package, SOURCES[package])
    assert not problems, _report(problems)


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_a_lazy_package_names_each_export_alike_three_times(package):
    problems = lazy_problems(package, SOURCES[package])
    assert not problems, _report(problems)


# Self-tests: each check finds what it is there to find.

def test_self_relative_imports_resolve_to_absolute_modules():
    modules = {"orgmodel", "orgmodel.graph", "orgmodel.check.rules", "orgmodel.check.rules.law", "orgmodel.check.run"}
    found = imports("orgmodel.check.rules.law", "from . import Issue\nfrom ..run import check\nfrom ... import graph\n",
                    is_package=False, modules=modules)
    assert [target for _, _, target in found] == ["orgmodel.check.rules", "orgmodel.check.run", "orgmodel.graph"]
    found = imports("orgmodel.check.rules", "from . import law\nfrom .law import x\n", is_package=True, modules=modules)
    assert [target for _, _, target in found] == ["orgmodel.check.rules.law", "orgmodel.check.rules.law"]


def test_self_a_model_module_importing_the_report_is_reported():
    problems = layer_problems("orgmodel.model.fake", "def f():\n    from orgmodel.report import x\n")
    assert len(problems) == 1
    assert "orgmodel/model/fake.py:2" in problems[0]
    assert "from orgmodel.report import x" in problems[0]
    assert "rank 1" in problems[0] and "rank 8" in problems[0]


def test_self_same_rank_packages_and_base_modules_are_reported():
    assert layer_problems("orgmodel.diff.fake", "from orgmodel.xlsx import write_workbook\n")
    assert layer_problems("orgmodel.neo4j.fake", "from ..report import build_report\n")
    assert layer_problems("orgmodel.errors", "from orgmodel import graph\n")
    assert layer_problems("orgmodel.tables", "import orgmodel.model\n")
    assert layer_problems("orgmodel.unplaced", "") != []


def test_self_allowed_imports_are_not_reported():
    source = ("from orgmodel import graph as g\nfrom orgmodel.model import AREAS\n"
              "from orgmodel.errors import UsageError\nfrom . import coverage\nimport networkx\n")
    assert layer_problems("orgmodel.queries.fake", source) == []
    assert layer_problems("orgmodel.cli", "from orgmodel.report import build_report\n") == []


def test_self_a_deep_import_into_another_package_is_reported():
    modules = {"orgmodel.graph", "orgmodel.graph.build", "orgmodel.queries", "orgmodel.queries.coverage",
               "orgmodel.queries.lookup", "orgmodel.report.pages", "orgmodel.check.rules.context"}
    declared = {"orgmodel.queries": {"lookup", "display_name"}}

    def problems(module, source):
        return entry_problems(module, source, is_package=False, modules=modules, declared=declared)

    assert problems("orgmodel.report.fake", "from orgmodel.graph.build import build_graph\n")
    assert problems("orgmodel.report.fake", "import orgmodel.graph.build\n")
    found = problems("orgmodel.cli", "def f():\n    from orgmodel.queries import coverage as cov\n")
    assert len(found) == 1 and found[0].startswith("orgmodel/cli.py:2:") and "orgmodel.queries.coverage" in found[0]
    assert problems("orgmodel.report.fake", "from orgmodel.graph import build_graph\nfrom orgmodel import graph\n"
                                            "import orgmodel.graph\nfrom .pages import Site\n"
                                            "from orgmodel.queries import display_name, lookup\n") == []
    assert problems("orgmodel.check.fake", "from orgmodel.check.rules.context import Context\n") == []


def test_self_graph_internals_are_reported():
    problems = graph_internals_problems("orgmodel.queries.fake", "def f(G):\n    return G.graph['max_age']\n")
    assert len(problems) == 1 and problems[0].startswith("orgmodel/queries/fake.py:2:")
    assert graph_internals_problems("orgmodel.check.fake", "x = G._succ[n]\ny = self.G._node\n")
    assert graph_internals_problems("orgmodel.xlsx.fake", "lang = G.graph.get('language')\n")
    assert graph_internals_problems("orgmodel.diagram.fake", "if 'compared_with' in G.graph:\n    pass\n")
    assert graph_internals_problems("orgmodel.graph.fake", "x = G.graph['max_age'] + G._succ\n") == []
    assert graph_internals_problems("orgmodel.report.fake", "G = orgmodel.graph.build_graph(ws)\n"
                                                            "n = self.graph.number_of_nodes()\n") == []


def test_self_click_in_the_library_is_reported():
    assert click_problems("orgmodel.model.fake", "import click\n")
    assert click_problems("orgmodel.report.fake", "def f():\n    from click.testing import CliRunner\n")
    assert click_problems("orgmodel.cli", "import click\n") == []


def test_self_a_package_without_docstring_or_with_a_wrong_all_is_reported():
    assert init_problems("orgmodel.errors", '"""Errors."""\n') == []
    assert init_problems("orgmodel.errors", "x = 1\n")
    assert init_problems("orgmodel.errors", '"""TODO errors."""\n')
    problems = init_problems("orgmodel.errors", '"""Errors."""\n__all__ = ["OrgmodelError", "NoSuchError"]\n')
    assert len(problems) == 1 and "'NoSuchError'" in problems[0]


def test_self_a_lazy_package_whose_names_differ_is_reported():
    source = ("from orgmodel.lazy import lazy_exports\nTYPE_CHECKING = False\nif TYPE_CHECKING:\n"
              "    from .stamp import code_stamp, file_bytes\n    from .loader import Workspace\n"
              "_EXPORTS = {EXPORTS}\n__all__ = {ALL}\n__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)\n")
    alike = {"code_stamp": "stamp", "file_bytes": "stamp", "Workspace": "loader"}
    assert lazy_problems("orgmodel.workspace", source.replace("{EXPORTS}", repr(alike))
                         .replace("{ALL}", repr(sorted(alike)))) == []
    missing = lazy_problems("orgmodel.workspace", source.replace("{EXPORTS}", repr({**alike, "file_bytes": "cache"}))
                            .replace("{ALL}", repr([*sorted(alike), "extra"])))
    assert len(missing) == 2 and "'file_bytes'" in missing[0] and "'extra' is in __all__" in missing[1]


def test_self_clock_reads_are_reported():
    assert clock_problems("orgmodel.report.fake", "as_of = dt.date.today()\n")
    assert clock_problems("orgmodel.neo4j.fake", "from datetime import datetime\nx = datetime.now()\n")
    assert clock_problems("orgmodel.clock", "x = dt.date.today()\n") == []
    assert clock_problems("orgmodel.check.fake", "x = clock.today()\n") == []


def test_self_exceptions_outside_errors_or_misnamed_are_reported():
    assert len(exception_problems("orgmodel.xlsx.fake", "class SheetProblems(OrgmodelError):\n    pass\n")) == 2
    assert exception_problems("orgmodel.errors", "class CellProblem(ValueError):\n    pass\n")
    assert exception_problems("orgmodel.errors", "class CellError(ValueError):\n    pass\n") == []
    assert exception_problems("orgmodel.model.fake", "class Term(BaseModel):\n    pass\n") == []
    assert exception_problems("orgmodel.cli", "class _Error(click.ClickException):\n    pass\n") == []
    assert exception_problems("orgmodel.model.fake", "class _Signal(Exception):\n    pass\n")
