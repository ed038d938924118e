"""Errors raised by orgmodel. Their text is the finished, user-facing message.

The CLI prints ``Error: <message>`` and exits with :attr:`OrgmodelError.exit_code`.
"""


class OrgmodelError(Exception):
    """Base class: something the user can fix. ``str(error)`` is the whole message."""

    exit_code = 1


class UnreadableInput(OrgmodelError):
    """A file or folder cannot be read as a workspace (exit code 2).

    >>> str(UnreadableInput("a.yaml:3: tab in indentation", "use spaces"))
    'a.yaml:3: tab in indentation\\n  Fix: use spaces'
    """

    exit_code = 2

    def __init__(self, problem: str, fix: str = ""):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}\n  Fix: {fix}" if fix else problem)


class UsageProblem(OrgmodelError):
    """The user asked for something that does not exist (exit code 2)."""

    exit_code = 2


class InvalidWorkspace(OrgmodelError):
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
