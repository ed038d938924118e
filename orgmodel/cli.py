"""The ``orgmodel`` command line: parse options, call one library function, print."""

import sys
from pathlib import Path

import click

from . import __version__
from .errors import OrgmodelError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Error(click.ClickException):
    def __init__(self, error: OrgmodelError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class _Group(click.Group):
    """Turns orgmodel's own errors into ``Error: …`` and their exit code, in one place."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OrgmodelError as error:
            raise _Error(error) from None


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="orgmodel")
def cli():
    """Model Denmark's local crime-prevention cooperation as a graph.

    A workspace is a folder with orgmodel.yaml and YAML files of organisations,
    roles, councils, forums and goals. Start with `orgmodel init` or look at
    examples/midt-og-vestjylland.
    """


workspace_argument = click.argument("workspace", type=click.Path(path_type=Path), default=".")


def _date_option(fn):
    return click.option("--today", "today", metavar="DATE",
                        help="Check as of this date (YYYY-MM-DD) instead of today.")(fn)


@cli.command()
@workspace_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file.")
@_date_option
def check(workspace, fmt, strict, output, today):
    """Check a workspace against the law, national guidance and data integrity.

    Exit code 0 when the check passes, 1 when there are errors (or warnings
    with --strict), 2 when the workspace cannot be read.

    \b
    Example:
        orgmodel check examples/midt-og-vestjylland
        orgmodel check . --format sarif -o check.sarif
    """
    from .check import check as run_check
    from .check_output import FORMATS
    from .clock import parse_date
    from .files import write_text_atomic
    from .workspace import load_workspace

    result = run_check(load_workspace(workspace), parse_date(today, "--today") if today else None)
    if fmt == "text":
        colour = output is None and sys.stdout.isatty()
        text = FORMATS[fmt](result, strict, style=click.style if colour else (lambda t, **_: t))
    else:
        text = FORMATS[fmt](result, strict)
    if output:
        write_text_atomic(output, text + "\n")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text)
    sys.exit(1 if result.fails(strict) else 0)


@cli.command()
@click.option("--kreds", "kreds", required=True, metavar="KREDS",
              help="The politikreds: id, name or DAGI code (see `orgmodel areas --kind politikreds`).")
@click.argument("directory", type=click.Path(path_type=Path))
@_date_option
def init(kreds, directory, today):
    """Create a workspace for a politikreds: police, kommuner, borgmestre, kredsråd, lokalråd.

    \b
    Example:
        orgmodel init --kreds kreds-fyn fyn
        orgmodel check fyn
    """
    from .clock import parse_date
    from .clock import today as clock_today
    from .scaffold import init_workspace

    year = (parse_date(today, "--today") if today else clock_today()).year
    files = init_workspace(kreds, directory, year)
    click.echo(f"Created {directory} with {len(files)} files: {', '.join(p.name for p in files)}")
    click.echo(f"Next: fill in the TODO placeholders, then run `orgmodel check {directory}`.")


@cli.command()
@click.option("--kind", type=click.Choice(["politikreds", "kommune"]), help="Only areas of this kind.")
@click.option("--kreds", metavar="KREDS", help="Only the kommuner of this politikreds.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
def areas(kind, kreds, fmt):
    """List the built-in areas: 12 politikredse and 98 kommuner, with ids and codes.

    \b
    Example:
        orgmodel areas --kreds "Midt- og Vestjylland"
    """
    from .listings import list_areas
    from .tables import render_table

    headers, rows = list_areas(kind, kreds)
    click.echo(render_table(headers, rows, fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
def rules(fmt):
    """List every rule of `orgmodel check`: id, category, default severity, source.

    Override a severity in orgmodel.yaml under `rules:` (error, warning, info,
    off), or silence a rule for one entity with `ignore: [{rule: ID, reason: …}]`.
    """
    from .rules import RULES
    from .tables import render_table

    rows = [[r.id, r.category, r.severity, r.title, r.source or ""] for r in sorted(
        RULES.values(), key=lambda r: (r.category, r.id))]
    click.echo(render_table(["rule", "category", "severity", "title", "source"], rows, fmt), nl=False)


@cli.command()
@click.argument("section", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--workspace", type=click.Path(path_type=Path),
              help="Include the terms this workspace adds in its orgmodel.yaml.")
def vocabulary(section, fmt, workspace):
    """List vocabulary terms with Danish and English labels.

    SECTION is one of: levels, goal_levels, council_types, forum_types,
    role_types, categories, groups, crimes. Without it, the sections are listed.
    """
    from .tables import render_table
    from .listings import vocabulary_table

    headers, rows = vocabulary_table(section, workspace)
    click.echo(render_table(headers, rows, fmt), nl=False)


@cli.command()
@click.option("--manifest", is_flag=True, help="The schema of orgmodel.yaml instead of the other files.")
def schema(manifest):
    """Print the JSON Schema of workspace files (for editor autocompletion).

    The same schemas are in the schema/ folder of the source distribution.
    """
    from .json_schema import schema_text

    click.echo(schema_text("manifest" if manifest else "workspace"), nl=False)
