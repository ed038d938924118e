"""Every error orgmodel raises. Their text is the finished, user-facing message.

The CLI prints ``Error: <message>`` and exits with :attr:`OrgmodelError.exit_code`.
:class:`YamlEditError` and :class:`CellError` are caught inside orgmodel and
reported as part of a :class:`WorkbookError`.
"""

from pathlib import Path


class OrgmodelError(Exception):
    """Base class: something the user can fix. ``str(error)`` is the whole message."""

    exit_code = 1


class UnreadableInputError(OrgmodelError):
    """A file or folder cannot be read as a workspace (exit code 2).

    >>> str(UnreadableInputError("a.yaml:3: tab in indentation", "use spaces"))
    'a.yaml:3: tab in indentation\\n  Fix: use spaces'
    """

    exit_code = 2

    def __init__(self, problem: str, fix: str = ""):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}\n  Fix: {fix}" if fix else problem)


class GraphvizFailedError(OrgmodelError):
    """Graphviz ran but could not lay out a diagram (it crashed or refused the DOT text)."""


class UsageError(OrgmodelError):
    """The user asked for something that does not exist (exit code 2)."""

    exit_code = 2


class InvalidWorkspaceError(OrgmodelError):
    """The workspace loads but has errors that stop a command other than ``check``."""

    def __init__(self, findings):
        self.findings = findings
        lines = [f"  {f.location}: {f.message}" for f in findings[:20]]
        more = len(findings) - 20
        if more > 0:
            lines.append(f"  … and {more} more")
        super().__init__(
            f"the workspace has {len(findings)} error(s):\n" + "\n".join(lines)
            + "\n  Fix: correct them (run `orgmodel check` for details)."
        )


class WorkbookError(OrgmodelError):
    """The workbook has problems; nothing was written (exit code 1)."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{path} has {len(problems)} problem(s); nothing was written:\n"
            + "\n".join(f"  {p}" for p in problems)
            + "\n  Fix: correct these cells and import again "
              "(ids and terms: `orgmodel vocabulary`, areas: `orgmodel areas`).")


class YamlEditError(ValueError):
    """A YAML file written in a way the line editor does not change (the text says how to fix it)."""

    def __init__(self, line: int, text: str):
        self.line, self.text = line, text
        super().__init__(f"line {line}: {text}")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the text says what is expected."""
