"""The ``orgmodel`` command line: parse options, call one library function, print."""

import contextlib
import functools
import sys
from pathlib import Path

import click

from . import __version__
from .errors import OrgmodelError
from .files import is_stdout, output_file, text_or_named_format

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Error(click.ClickException):
    def __init__(self, error: OrgmodelError):
        from .tables import visible

        super().__init__(visible(str(error)))
        # click types exit_code as a ClassVar, yet reads it from the instance when it exits: set it per error.
        self.exit_code = error.exit_code  # type: ignore[misc]


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


def workspace_argument(fn):
    """The workspace folder as the argument WORKSPACE or as -w/--workspace (both work; default: the current folder)."""

    @functools.wraps(fn)
    def command(*args, workspace=None, workspace_option=None, **kwargs):
        if workspace is not None and workspace_option is not None and Path(workspace) != Path(workspace_option):
            raise click.UsageError(f"the workspace is given twice, as {workspace} and as -w {workspace_option}; "
                                   "give it once")
        return fn(*args, workspace=workspace or workspace_option or Path("."), **kwargs)

    command = click.option("--workspace", "-w", "workspace_option", type=click.Path(path_type=Path),
                           metavar="FOLDER", help="The workspace folder, the same as the argument WORKSPACE "
                                                  "(default: the current folder).")(command)
    return click.argument("workspace", type=click.Path(path_type=Path), required=False)(command)


def workspaces_argument(fn):
    """One or more workspaces as the arguments WORKSPACE… or as -w/--workspace (default: the current folder);
    a folder whose subfolders are workspaces stands for them all. The command gets a tuple of paths."""

    @functools.wraps(fn)
    def command(*args, workspace=(), workspace_option=(), **kwargs):
        if workspace and workspace_option and [Path(p) for p in workspace] != [Path(p) for p in workspace_option]:
            given = " ".join(str(p) for p in workspace)
            as_option = " ".join(f"-w {p}" for p in workspace_option)
            raise click.UsageError(f"the workspace is given twice, as {given} and as {as_option}; give it once")
        return fn(*args, workspace=tuple(workspace or workspace_option or (Path("."),)), **kwargs)

    command = click.option("--workspace", "-w", "workspace_option", type=click.Path(path_type=Path), multiple=True,
                           metavar="FOLDER", help="A workspace folder, the same as the argument WORKSPACE "
                                                  "(default: the current folder); give it again for several.")(command)
    return click.argument("workspace", type=click.Path(path_type=Path), nargs=-1)(command)


workspace_option = click.option("--workspace", "-w", type=click.Path(path_type=Path), default=".",
                                show_default=True, help="The workspace folder.")


def _output_file(output: Path, workspace) -> None:
    """Refuse the output path ``output`` before the command runs: a device, a FIFO, a folder, or a file of the
    workspace(s) read (``workspace``: a folder or a tuple of them), which the output would replace."""
    from orgmodel.workspace import input_files

    output_file(output, input_files(workspace if isinstance(workspace, tuple) else (workspace,)))


class _Seconds(click.FloatRange):
    """A number of seconds in a range, never ``nan`` (which every comparison of the range lets through)."""

    def convert(self, value, param, ctx):
        seconds = super().convert(value, param, ctx)
        if seconds != seconds:
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        return seconds


def _folder_given_as(value: str) -> bool:
    """Whether an argument that should be an id names a workspace folder (ids hold no / and no dot)."""
    folder = Path(value)
    return folder.is_dir() and (any(c in value for c in "/\\.") or (folder / "orgmodel.yaml").is_file())


class _IdCommand(click.Command):
    """A command whose arguments are ids (show, who, path): a folder given among them gets a hint to use -w."""

    def parse_args(self, ctx, args):
        names = [p.name for p in self.params if isinstance(p, click.Argument)]
        original = list(args)  # click consumes the list it parses
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError:
            takes_value = {o for p in self.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
            given, value_next = [], False
            for arg in original:
                if not value_next and not arg.startswith("-"):
                    given.append(arg)
                value_next = arg in takes_value
            folder = next((a for a in given if _folder_given_as(a)), None)
            if folder is not None:
                self._hint(ctx, folder, [a for a in given if a != folder])
            raise
        values = [ctx.params.get(name) for name in names]
        folder = next((v for v in values if isinstance(v, str) and _folder_given_as(v)), None)
        if folder is not None:
            self._hint(ctx, folder, [v for v in values if v != folder and isinstance(v, str)])
        return rest

    def _hint(self, ctx, folder: str, others: list[str]):
        import shlex

        ids = " ".join(shlex.quote(a) for a in others) or " ".join(n.upper() for n in
                                                                    [p.name for p in self.params
                                                                     if isinstance(p, click.Argument)])
        raise click.UsageError(f"'{folder}' is a folder: give the workspace with -w, e.g. "
                               f"`{ctx.command_path} {ids} -w {shlex.quote(folder)}`", ctx)


_RULES_TODAY = ("Take this date as today: rules that depend on the date (the current year's plan, facts not "
                "verified for 12 months) count from it. Default: the system date, or ORGMODEL_TODAY.")


def _today_option(help_text: str = _RULES_TODAY):
    return click.option("--today", "today", metavar="YYYY-MM-DD", help=help_text)


def _checked_as_of_option(fn):
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                        help="Only the entries valid on this date. Default: the --today date.")(fn)


def _dates(today: str | None, as_of: str | None) -> tuple:
    """The --today and --as-of dates of check and report, parsed (None when not given)."""
    from .clock import parse_date

    return ((parse_date(today, "--today") if today is not None else None),
            (parse_date(as_of, "--as-of") if as_of is not None else None))


@cli.command()
@workspaces_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "sarif"]), default="text",
              show_default=True, help="Output format (with -o and no --format: the one the suffix names, .json, "
              ".xml for junit or .sarif).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to a file (- for "
              "standard output).")
@_today_option()
@_checked_as_of_option
def check(workspace, fmt, strict, output, today, as_of):
    """Check a workspace against the law, national guidance and data integrity.

    Exit code 0 when the check passes, 1 when there are errors (or warnings
    with --strict), 2 when the workspace cannot be read (json, junit and
    sarif then still write a report that says why).

    \b
    Example:
        orgmodel check examples/midt-og-vestjylland
        orgmodel check . --format sarif -o check.sarif
        orgmodel check national/          (every workspace in its subfolders, as one)
        orgmodel check fyn/ midt-og-vestjylland/
    """
    from orgmodel.check import check_format, check_output

    day, valid_on = _dates(today, as_of)
    fmt = check_format(None if output is None or is_stdout(output) else output, fmt if _format_given() else None)
    if output is not None and not is_stdout(output):
        _output_file(output, workspace)  # a device, a FIFO or a workspace file is refused before the check runs
    colour = fmt == "text" and (output is None or is_stdout(output)) and sys.stdout.isatty()
    try:
        result = check_output(workspace, fmt, strict, click.style if colour else None, day, valid_on)
    except OrgmodelError as error:
        if fmt != "text":
            _report_failed_check(error, fmt, workspace[0], output, day, valid_on)
        raise
    _write_output(output, result.text + "\n")
    sys.exit(1 if result.fails else 0)


def _report_failed_check(error: OrgmodelError, fmt: str, workspace: Path, output: Path | None, day, valid_on) -> None:
    """Write the json, junit or sarif report of a check that could not run; the error itself is raised after."""
    from orgmodel.check import FAILED_FORMATS

    from .clock import today

    text = FAILED_FORMATS[fmt](error, workspace.resolve(), day or today(), valid_on)
    try:
        _write_output(output, text + "\n")
    except OrgmodelError as write_error:
        click.echo(f"Error: {write_error}", err=True)


@cli.command()
@click.option("--kreds", "kreds", required=True, metavar="KREDS",
              help="The politikreds: id, name or DAGI code (see `orgmodel areas --kind politikreds`).")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--today", "today", metavar="YYYY-MM-DD", help="Take this date as today: the placeholder goal is "
              "for its year. Default: the system date, or ORGMODEL_TODAY.")
def init(kreds, directory, today):
    """Create a workspace for a politikreds: police, kommuner, borgmestre, kredsråd, lokalråd.

    \b
    Example:
        orgmodel init --kreds kreds-fyn fyn
        orgmodel check fyn
    """
    import shlex

    from orgmodel.workspace import init_workspace

    from .clock import parse_date
    from .clock import today as clock_today

    year = (parse_date(today, "--today") if today is not None else clock_today()).year
    files = init_workspace(kreds, directory, year)
    click.echo(f"Created {directory} with {len(files)} files: {', '.join(p.name for p in files)}")
    click.echo(f"Next: fill in the TODO placeholders, then run `orgmodel check {shlex.quote(str(directory))}`.")


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
    from orgmodel.queries import list_areas

    from .tables import render_table

    headers, rows = list_areas(kind, kreds)
    click.echo(render_table(headers, rows, fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--workspace", "-w", type=click.Path(path_type=Path),
              help="The rules a check of this workspace runs: its district rules too, with its severities.")
def rules(fmt, workspace):
    """List every rule of `orgmodel check`: id, category, default severity, source.

    The source is cited from the register of sources; a source that could not
    be confirmed says so. `--format json` also gives each rule's source ids
    and their register entries (title, section, issuer, date, url, date
    checked, status).

    Override a severity in orgmodel.yaml under `rules:` (error, warning, info,
    off), or silence a rule for one entity with `ignore: [{rule: ID, reason: …}]`.
    With `--workspace`, the severity column shows the workspace's own (`off`:
    the check does not run the rule), and its `district_rules:` are listed too.
    """
    from orgmodel.check import rules_table

    from .tables import render_table

    table = rules_table(detail=fmt == "json", workspace=workspace)
    click.echo(render_table(table.headers, table.rows, fmt), nl=False)
    for note in table.notes:
        click.echo(f"Note: {note}", err=True)


@cli.command(cls=_IdCommand)
@click.argument("section", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@click.option("--workspace", "-w", type=click.Path(path_type=Path),
              help="Include the terms this workspace adds in its orgmodel.yaml.")
def vocabulary(section, fmt, workspace):
    """List vocabulary terms with Danish and English labels.

    SECTION is one of: levels, goal_levels, council_types, forum_types,
    role_types, categories, groups, crimes, ssp_levels, document_types,
    goal_statuses, policy_types. Without it, the sections are listed.
    """
    from orgmodel.queries import vocabulary_table

    from .tables import render_table

    headers, rows = vocabulary_table(section, workspace)
    click.echo(render_table(headers, rows, fmt), nl=False)


@cli.command()
@click.option("--manifest", is_flag=True, help="The schema of orgmodel.yaml instead of the other files.")
def schema(manifest):
    """Print the JSON Schema of workspace files (for editor autocompletion).

    The same schemas are in the schema/ folder of the source distribution.
    """
    from orgmodel.model import schema_text

    click.echo(schema_text("manifest" if manifest else "workspace"), nl=False)


def _as_of_option(fn):
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                        help="Only the entries valid on this date. Default: every entry, whatever its dates.")(fn)


def _format_option(fn):
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                        show_default=True, help="Output format.")(fn)


def _lang_option(fn):
    return click.option("--lang", type=click.Choice(["da", "en"]), default=None,
                        help="Label language (default: the workspace's, usually da).")(fn)


def _load(workspace, as_of):
    """Load a workspace (or a tuple of them, read as one) for a query; warn on stderr when it has errors of shape."""
    from orgmodel.workspace import open_workspace, open_workspaces

    from .clock import parse_date

    ws = open_workspaces(workspace) if isinstance(workspace, tuple) else open_workspace(workspace)
    if ws.problems:
        click.echo(_problems_note(len(ws.problems)), err=True)
    if ws.duplicates:
        click.echo(f"Note: {ws.duplicates_note()}", err=True)
    return ws, (parse_date(as_of, "--as-of") if as_of is not None else None)


def _problems_note(count: int) -> str:
    return (f"Note: the workspace has {count} error(s) of format; answers may be incomplete. Run `orgmodel check` "
            "for details.")


def _echo_table(table, fmt):
    import shutil

    from .tables import render_table

    width = shutil.get_terminal_size().columns if fmt == "table" and sys.stdout.isatty() else None
    click.echo(render_table(*table.shown(fmt), fmt, width), nl=False)
    for note in table.notes:
        click.echo(note, err=True)


@cli.group()
def gaps():
    """Coverage gaps: partners per body, ages, groups and crimes per area, and policies no goal serves.

    \b
    Examples:
        orgmodel gaps partners examples/midt-og-vestjylland
        orgmodel gaps policies examples/midt-og-vestjylland
        orgmodel gaps ages examples/midt-og-vestjylland --area silkeborg
        orgmodel gaps groups examples/midt-og-vestjylland --matrix
    """


@gaps.command("partners")
@workspaces_argument
@click.option("--by", type=click.Choice(["body", "kommune"]), default="body", show_default=True,
              help="Per council and forum, or per kommune (which forum types exist).")
@click.option("--area", "areas", multiple=True, metavar="AREA", help="Only these kommuner or kredse.")
@_as_of_option
@_format_option
def gaps_partners(workspace, by, areas, as_of, fmt):
    """Required and recommended partner categories per body, present and missing.

    A member counts through role → organisation → category hierarchy (a skole
    counts as skoleforvaltning and kommune). With --by kommune: which of the
    expected forum types (SSP, SSP+, PSP, KSP) each kommune has.
    """
    from orgmodel.queries import gaps_partners as query

    ws, day = _load(workspace, as_of)
    _echo_table(query(ws, by, list(areas), day), fmt)


@gaps.command("policies")
@workspaces_argument
@click.option("--area", "areas", multiple=True, metavar="AREA", help="Only these kommuner or kredse.")
@_as_of_option
@_lang_option
@_format_option
def gaps_policies(workspace, areas, as_of, lang, fmt):
    """The kommune policies (policies:) that no goal serves (a goal's serves:)."""
    from orgmodel.queries import gaps_policies as query

    ws, day = _load(workspace, as_of)
    _echo_table(query(ws, list(areas), day, lang or ws.manifest.language), fmt)


def _refuse_by_with_areas(by: str, areas) -> None:
    """``--area`` names the rows (a kommune's own, a politikreds' pooled): a ``--by`` given with it went unread."""
    if areas and by != "kommune" and _given("--by"):
        raise click.UsageError(f"--area names the rows itself (a kommune its own row, a politikreds its pooled row), "
                               f"so --by {by} would go unread; leave out --by, or give the politikreds as --area")


def _coverage_command(dimension: str, help_text: str):
    @gaps.command(dimension, help=help_text)
    @workspaces_argument
    @click.option("--by", type=click.Choice(["kommune", "kreds", "scope"]), default="kommune",
                  show_default=True, help="Group per kommune, per politikreds or for the whole scope (pooled rows "
                                          "count the kommuner covered: covered_in).")
    @click.option("--area", "areas", multiple=True, metavar="AREA", help="Only these kommuner or kredse.")
    @click.option("--matrix", "as_matrix", is_flag=True, help="Kommuner side by side against "
                  + ("age bands (percent of the band's years covered: a whole number 0-100, shown as '67 %')."
                     if dimension == "ages" else "terms (bodies covering; labels in the table, ids in JSON and CSV)."))
    @click.option("--chart", type=click.Path(path_type=Path), metavar="FILE",
                  help="Also draw a chart (.svg, .png or .pdf): " + (
                      "a life-course timeline per kommune." if dimension == "ages" else "a heatmap kommune × term."))
    @_as_of_option
    @_lang_option
    @_format_option
    def command(workspace, by, areas, as_matrix, chart, as_of, lang, fmt):
        from orgmodel.queries import gaps_coverage

        _refuse_by_with_areas(by, areas)
        if chart:
            from orgmodel.diagram import check_chart_path

            check_chart_path(chart)
            _output_file(chart, workspace)
        ws, day = _load(workspace, as_of)
        lang = lang or ws.manifest.language
        _echo_table(gaps_coverage(ws, dimension, by, list(areas), day, lang, as_matrix), fmt)
        if chart:
            from orgmodel.diagram import coverage_chart

            coverage_chart(ws, dimension, chart, by=by, areas=list(areas), as_of=day, lang=lang)
            click.echo(f"Wrote {chart}", err=True)

    return command


_coverage_command("ages", """Which ages the bodies of each kommune cover, from 0 to max_age.

Each row is a span of years with the same bodies and goals: uncovered,
goal-only, covered, or overlap (two separate structures serving the same
kommune on the same ages). Rows pooled --by kreds or scope say in how many
kommuner the span is covered (covered_in), and are partial when only some are.""")
_coverage_command("groups", """Which person groups the bodies of each kommune cover, and which none does.""")
_coverage_command("crimes", """Which crime types the bodies of each kommune cover, and which none does.""")


@cli.command(cls=_IdCommand)
@click.argument("entity")
@workspace_option
@_as_of_option
@_lang_option
@_format_option
@click.option("--public", is_flag=True, help="Leave out personal data (role holders and notes).")
def show(entity, workspace, as_of, lang, fmt, public):
    """Show an entity: its attributes and every relation in and out.

    \b
    Example:
        orgmodel show ssp-silkeborg -w examples/midt-og-vestjylland
    """
    from orgmodel.queries import show_entity

    ws, day = _load(workspace, as_of)
    _echo_table(show_entity(ws, entity, day, lang or ws.manifest.language, public), fmt)


@cli.command(cls=_IdCommand)
@click.argument("entity")
@workspace_option
@_as_of_option
@_format_option
def who(entity, workspace, as_of, fmt):
    """Every body an organisation or role sits in: as what, at which level, through whom.

    An organisation sits in a body directly, through one of its roles, or
    through a sub-organisation (or one of its roles). A dated seat shows its
    since and until, so one that has ended is seen; --as-of leaves it out.

    \b
    Example:
        orgmodel who silkeborg-kommune -w examples/midt-og-vestjylland
    """
    from orgmodel.queries import who_sits

    ws, day = _load(workspace, as_of)
    _echo_table(who_sits(ws, entity, day), fmt)


@cli.command(cls=_IdCommand)
@click.argument("source")
@click.argument("target")
@workspace_option
@_as_of_option
@_format_option
def path(source, target, workspace, as_of, fmt):
    """How two entities connect: the shortest chain of relations between them.

    \b
    Example:
        orgmodel path borgmester-herning ssp-silkeborg -w examples/midt-og-vestjylland
    """
    from orgmodel.queries import path_between

    from .errors import UsageError

    ws, day = _load(workspace, as_of)
    table = path_between(ws, source, target, day)
    if not table.rows:
        if fmt == "json":
            import json

            click.echo(json.dumps({"from": source, "to": target, "connected": False, "path": []}, indent=2))
        raise UsageError(table.notes[0])
    _echo_table(table, fmt)


@cli.command()
@workspace_argument
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many to list.")
@click.option("--risk-at", type=click.IntRange(min=1), default=3, show_default=True,
              help="A role in this many bodies or more is a key-person risk.")
@click.option("--sample", type=click.IntRange(min=2), help="Estimate betweenness from this many nodes "
              "(faster on national workspaces).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Count the entries and seats valid on this date. Default: today (the system date, or "
                   "ORGMODEL_TODAY).")
@_format_option
def stats(workspace, top, risk_at, sample, as_of, fmt):
    """Brokers and key-person risk: who sits in many bodies and who connects the structure.

    bodies and seats are counted the way `orgmodel who` lists them: an
    organisation sits in a body directly, through one of its roles, or through
    a sub-organisation (or one of its roles). bodies counts the distinct
    councils and forums, seats every seat (chair, member, invited,
    secretariat). betweenness is measured on the direct seats.

    Only what holds on one day counts, today unless --as-of gives another,
    as `check` judges: a seat that has ended ({id, until}) or not begun, and
    a body or entry whose valid_from/valid_to exclude the day, are left out
    (`orgmodel who ID --as-of DAY` lists the same seats).

    \b
    Example:
        orgmodel stats examples/midt-og-vestjylland --top 10
        orgmodel stats examples/midt-og-vestjylland --as-of 2024-06-30
    """
    from orgmodel.queries import broker_stats

    from .clock import today

    ws, day = _load(workspace, as_of)
    _echo_table(broker_stats(ws, top, risk_at, day or today(), sample), fmt)


STATUS_SUFFIXES = {"txt": "text", "json": "json", "csv": "csv"}
"""The suffixes of ``status -o`` that name a format when ``--format`` is not given (any other takes text)."""


@cli.command()
@workspace_argument
@click.option("--lokalraad", metavar="ID", help="Only this lokalråd's goals.")
@click.option("--year", type=click.IntRange(1000, 9999), metavar="YYYY",
              help="The year to report on: goals whose period covers it, and its values. Default: the --today year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="Output format (with -o and no --format: the one the suffix names, .json or .csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (- for standard output).")
@_today_option("Take this date as today: each goal's status and values are those known on it, late goals are "
               "late by it, and the year reported is its year unless --year. Default: the system date, or "
               "ORGMODEL_TODAY.")
@_lang_option
def status(workspace, lokalraad, year, fmt, output, today, lang):
    """The follow-up of goals: what each lokalråd reports to the kredsråd.

    Per lokalråd and strategic goal: the operative goals and actions with their
    status, indicator values against targets, what is late and which finished
    years have no value. Notes (on stderr) name lokalråd without a handleplan.

    \b
    Examples:
        orgmodel status examples/midt-og-vestjylland --today 2026-11-22
        orgmodel status examples/midt-og-vestjylland --lokalraad lokalraad-silkeborg --format csv -o status.csv
    """
    from orgmodel.queries import goal_status

    from .clock import today as clock_today
    from .tables import render_table

    fmt = text_or_named_format(None if output is None or is_stdout(output) else output,
                               fmt if _format_given() else None, STATUS_SUFFIXES, ("text", "json", "csv"), "text")
    if output is not None and not is_stdout(output):
        _output_file(output, workspace)
    ws, _ = _load(workspace, None)
    day = _dates(today, None)[0] or clock_today()
    table = goal_status(ws, day, lokalraad, year, lang or ws.manifest.language)
    _write_output(output, render_table(*table.shown("table" if fmt == "text" else fmt), "table" if fmt == "text"
                                       else fmt))
    for note in table.notes:
        click.echo(f"Note: {note}", err=True)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--workspace", "-w", type=click.Path(path_type=Path), default=".", show_default=True,
              help="The workspace folder inside the git repository that revisions refer to.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--public", is_flag=True, help="Leave out changes of personal data (role holders and notes).")
@_as_of_option
@_lang_option
def diff(old, new, workspace, fmt, public, as_of, lang):
    """What changed from OLD to NEW: members, bodies, goals, organisations, roles, coverage.

    OLD and NEW are workspace folders or git revisions (commits, branches,
    tags) of the workspace folder given with -w. An argument that is an
    existing folder is read as a folder. Exit code 0 whatever changed.

    \b
    Examples:
        orgmodel diff HEAD~1 HEAD                      (inside the workspace folder)
        orgmodel diff v2025 HEAD -w examples/midt-og-vestjylland --format json
        orgmodel diff HEAD .                           (the last commit against your edits)
        orgmodel diff plan-2025 plan-2026              (two folders)
    """
    from orgmodel.diff import FORMATS, compare_versions

    from .clock import parse_date

    result = compare_versions(old, new, workspace, parse_date(as_of, "--as-of") if as_of is not None else None, lang,
                              public)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    click.echo(FORMATS[fmt](result))


def _write_output(output: Path | None, content) -> None:
    """Write ``content`` to the file ``output`` whole (and say so on stderr), or to standard output for None or -."""
    from .files import write_text_atomic

    if output is None or is_stdout(output):
        click.echo(content, nl=False)
        return
    if isinstance(content, bytes):
        from .files import atomic_path

        with atomic_path(output) as tmp:
            tmp.write_bytes(content)
    else:
        write_text_atomic(output, content)
    click.echo(f"Wrote {output}", err=True)


@cli.command()
@workspaces_argument
@click.option("--view", default="structure", show_default=True, metavar="VIEW",
              help="structure, goals, coverage, map, body:ID or focus:ID[:DEPTH].")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot", "mermaid"]),
              help="Output format (default: from the -o suffix, else svg).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (needed for png and pdf; "
              "- for standard output); its suffix names the format: .svg, .png, .pdf, .dot, .gv or .mmd (another "
              "suffix needs --format).")
@click.option("--kommune", metavar="KOMMUNE", help="structure: only this kommune's lokalråd and everything under "
              "it (refused for other views).")
@click.option("--depth", type=click.IntRange(min=1), help="structure: levels of the hierarchy to draw (default: 3 "
              "for the district, all for --kommune; what is left out is named on stderr and in the chart).")
@click.option("--dimension", type=click.Choice(["ages", "groups", "crimes"]), default="ages", show_default=True,
              help="coverage: which chart.")
@click.option("--measure", metavar="MEASURE", help="map: what colours the kommuner: forums (default), ages (with "
              "--band), group or crime (with --term), partners or findings.")
@click.option("--band", metavar="AGES", help="map --measure ages: the age band, e.g. 15-17.")
@click.option("--term", metavar="TERM", help="map --measure group or crime: the person group or crime type, e.g. "
              "unge.")
@click.option("--member-label", default="{name}: {holder}", show_default=True, metavar="TEMPLATE",
              help="How a member reads in a box, from the fields {name} {title} {organisation} {holder} {category} "
                   "{id} (written bare: no format specs or attributes); the holder's name shows only where "
                   "{holder} is asked for.")
@click.option("--public", is_flag=True, help="Drop personal data (role holders and notes); roles stay.")
@click.option("--timeout", type=_Seconds(min=1, max=86_400), default=60, show_default=True,
              help="Seconds Graphviz may take for the layout (1 to 86400).")
@click.option("--compare", metavar="OLD", help="structure: mark what changed since OLD (a folder, or a git revision "
              "of WORKSPACE): added in green, removed in red and dashed or struck through. Mermaid colours the "
              "boxes and lines and marks members with + and − only, without a legend.")
@_today_option("map --measure findings: take this date as today for the check's rules (the current year's plan, "
               "facts not verified for 12 months). Default: the system date, or ORGMODEL_TODAY.")
@_as_of_option
@_lang_option
def diagram(workspace, view, fmt, output, kommune, depth, dimension, measure, band, term, member_label, public,
            timeout, compare, today, as_of, lang):
    """Draw an org chart, a body, the goal tree, a neighbourhood, a coverage chart or a map of Denmark.

    \b
    Examples:
        orgmodel diagram examples/midt-og-vestjylland -o struktur.svg
        orgmodel diagram examples/midt-og-vestjylland --kommune silkeborg -o silkeborg.png
        orgmodel diagram examples/midt-og-vestjylland --view body:ssp-silkeborg --format mermaid
        orgmodel diagram examples/midt-og-vestjylland --view focus:psp-silkeborg:2 -o psp.pdf
        orgmodel diagram examples/midt-og-vestjylland --compare HEAD~1 -o changes.svg
        orgmodel diagram examples/midt-og-vestjylland --view map --measure ages --band 15-17 -o unge.png
    """
    from orgmodel.diagram import Style, check_view_options, draw, output_format

    if is_stdout(output):
        output = None  # -o -: standard output, as without -o
    if view == "map":
        given = [name for name, value in (("--kommune", kommune), ("--depth", depth), ("--compare", compare))
                 if value is not None] + _given("--dimension", "--member-label")
        if given:
            raise click.UsageError(f"{', '.join(given)} {'do' if len(given) > 1 else 'does'} not apply to the map "
                                   f"view; leave {'them' if len(given) > 1 else 'it'} out")
        _map(workspace, fmt, output, measure, band, term, today, as_of, lang)
        return
    given = [name for name, value in (("--measure", measure), ("--band", band), ("--term", term),
                                      ("--today", today)) if value is not None]
    if given:
        raise click.UsageError(f"{', '.join(given)} {'apply' if len(given) > 1 else 'applies'} to the map view only; "
                               f"add --view map, or leave {'them' if len(given) > 1 else 'it'} out")
    if view != "coverage" and _given("--dimension"):
        from .errors import UsageError

        raise UsageError("--dimension applies to the coverage view only; add --view coverage, or leave it out")
    if view == "coverage":
        if compare:
            raise click.UsageError("--compare draws the structure view, not the coverage charts")
        if (fmt is not None and fmt not in ("svg", "png", "pdf")) or output is None:
            raise click.UsageError("the coverage view is a chart: give -o FILE with .svg, .png or .pdf")
        from orgmodel.diagram import check_chart_path

        check_chart_path(output)
    fmt = output_format(output, fmt)
    if output is not None:
        _output_file(output, workspace)
    check_view_options(view, kommune, depth)
    Style(member_label=member_label)  # refuses a bad --member-label before any work
    if fmt in ("png", "pdf") and output is None:
        raise click.UsageError(f"--format {fmt} writes a binary file: give -o FILE")
    ws, day = _load(workspace, as_of)
    lang = lang or ws.manifest.language
    if view == "coverage":
        from orgmodel.diagram import coverage_chart

        coverage_chart(ws, dimension, output, as_of=day, lang=lang)
        click.echo(f"Wrote {output}", err=True)
        return
    old = None
    if compare:
        from orgmodel.workspace import open_version

        if len(workspace) > 1:
            raise click.UsageError("--compare draws one workspace: give one WORKSPACE")
        old = open_version(compare, workspace[0])
    content, warnings = draw(ws, view, fmt, kommune, depth, Style(lang, member_label, public), day, timeout,
                             old and old.workspace, old.label if old else "")
    _write_output(output, content)
    for warning in warnings:  # after the output is written, so a failed write shows its error alone
        click.echo(f"Warning: {warning}", err=True)


def _format_given() -> bool:
    """Whether the user wrote ``--format`` (the parameter ``fmt``), rather than leaving it at its default."""
    source = click.get_current_context().get_parameter_source("fmt")
    return source not in (None, click.core.ParameterSource.DEFAULT)


def _given(*options: str) -> list[str]:
    """Those of ``options`` the user wrote (on the command line or in the environment), not left at their default."""
    ctx = click.get_current_context()
    return [o for o in options if ctx.get_parameter_source(o.lstrip("-").replace("-", "_"))
            not in (None, click.core.ParameterSource.DEFAULT)]


def _map(workspace, fmt, output, measure, band, term, today, as_of, lang):
    """`diagram --view map`: refuse what the map cannot do before any work, then draw it."""
    from orgmodel.diagram import check_map_path, check_measure, kommune_map

    from .clock import parse_date

    if (fmt is not None and fmt not in ("svg", "png", "pdf")) or output is None:
        raise click.UsageError("the map view is a picture: give -o FILE with .svg, .png or .pdf")
    check_map_path(output)
    if fmt is not None and output.suffix.lower() != f".{fmt}":
        raise click.UsageError(f"-o {output} does not name {fmt}; give a file ending in .{fmt}, or leave out --format")
    check_measure(measure or "forums", band, term, today)
    _output_file(output, workspace)
    day = parse_date(today, "--today") if today is not None else None
    ws, as_of_day = _load(workspace, as_of)
    kommune_map(ws, measure or "forums", output, band, term, as_of_day, day, lang or ws.manifest.language)
    click.echo(f"Wrote {output}", err=True)


@cli.command("export")
@workspaces_argument
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "cypher", "csv", "xlsx"]),
              help="graphml (yEd, Gephi), gexf (Gephi), json (node-link), cypher (Neo4j, arrows), "
              "csv (Kumu: a folder with elements.csv and connections.csv), xlsx (a workbook to edit and "
              "bring back with `orgmodel import`). Default: the one the suffix of -o names (.graphml, .gexf, "
              ".json, .cypher or .cql, .xlsx); csv and standard output need it.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File, or folder for csv; - for standard output (graphml, gexf, json, cypher).")
@click.option("--public", is_flag=True, help="Leave out personal data (role holders and notes).")
@click.option("--include-unused", is_flag=True,
              help="Also export the built-in areas, person groups and crime types that no entry uses (by default "
                   "only those the entries reference, with the politikreds of each kommune).")
@_as_of_option
def export_command(workspace, fmt, output, public, include_unused, as_of):
    """Export the graph for Gephi, yEd, Kumu, arrows, Neo4j and spreadsheets.

    \b
    Examples:
        orgmodel export examples/midt-og-vestjylland -o mvj.graphml
        orgmodel export examples/midt-og-vestjylland -o mvj.xlsx
        orgmodel export examples/midt-og-vestjylland --format csv -o kumu
    """
    from orgmodel.export import export, export_text, output_format
    from orgmodel.graph import build_graph

    fmt = output_format(output, fmt)  # before any work: csv and xlsx refuse standard output
    if is_stdout(output):
        ws, day = _load(workspace, as_of)
        click.echo(export_text(build_graph(ws, as_of=day), fmt, public, include_unused), nl=False)
        return
    if fmt != "csv":
        _output_file(output, workspace)
    ws, day = _load(workspace, as_of)
    notes: list[str] = []
    for path_written in export(build_graph(ws, as_of=day), fmt, output, public, include_unused, notes.append):
        click.echo(f"Wrote {path_written}", err=True)
    for text in notes:  # after the output is written, as a diagram's warnings
        click.echo(f"Note: {text}", err=True)


@cli.command("import")
@click.argument("sheet", type=click.Path(path_type=Path))
@workspace_argument
@click.option("--remove", is_flag=True, help="Delete entries whose rows are missing from their sheet.")
@click.option("--dry-run", is_flag=True, help="Check and list the changes without writing anything.")
def import_command(sheet, workspace, remove, dry_run):
    """Bring an edited workbook (from `export --format xlsx`) back into the workspace's YAML, by id.

    Changed cells change their entry, new rows are added, and rows that are
    gone are deleted only with --remove. Every row is checked first; when one
    is wrong, nothing is written and each problem is named by sheet, row and
    column. Comments and untouched entries in the YAML files stay as they are.

    \b
    Example:
        orgmodel export examples/midt-og-vestjylland --format xlsx -o mvj.xlsx
        orgmodel import mvj.xlsx examples/midt-og-vestjylland --dry-run
    """
    from orgmodel.xlsx import import_spreadsheet

    click.echo(import_spreadsheet(sheet, workspace, remove, dry_run).summary(), nl=False)


@cli.command()
@workspaces_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, metavar="DIR",
              help="The folder to write the site to: new, empty, or an earlier report (replaced whole).")
@click.option("--with-names", is_flag=True, help="Include the names of the people who hold roles (personal "
              "data). Without it they are left out.")
@click.option("--public", is_flag=True, help="Leave out the names of role holders: the default, for scripts "
              "that want to say so.")
@click.option("--accessibility-statement", "statement", metavar="URL",
              help="The address of the accessibility statement (tilgængelighedserklæring) of the site the report "
              "is published on, linked in every footer. Default: accessibility_statement: in orgmodel.yaml.")
@_today_option()
@_checked_as_of_option
@_lang_option
def report(workspace, output, with_names, public, statement, today, as_of, lang):
    """Write a static HTML site of the workspace that can be published as it is.

    \b
    Pages: the district with its org chart and key figures, a page per
    council and forum, the participants, the goal tree, coverage charts
    and gaps, the check findings and a glossary, all with a search box.
    Every page works opened from the file system and asks for nothing on
    the network. The site is built beside DIR and moved into place at the
    end; a folder that holds anything but an earlier report is left alone.

    \b
    Privacy: the names of role holders are left out unless you give
    --with-names; positions (roles) are always shown.

    \b
    Accessibility: the pages are made to meet WCAG 2.1 AA. A public
    authority's site must link its accessibility statement: give its
    address with --accessibility-statement or in orgmodel.yaml.

    \b
    Example:
        orgmodel report examples/midt-og-vestjylland -o report
        orgmodel report . -o report --lang en --today 2026-12-31
        orgmodel report . -o report --accessibility-statement https://www.example.dk/was
        orgmodel report national/ -o report   (the districts, every kommune, and each district's report)
    """
    from orgmodel.report import write_report

    if with_names and public:
        raise click.UsageError("--with-names and --public contradict each other; give one of them")
    day, valid_on = _dates(today, as_of)
    with _progress("Building the report") as progress:
        built = write_report(workspace, output, lambda: _load(workspace, None)[0], lang, with_names, valid_on,
                             progress, today=day, statement=statement)
    if built.current:
        if built.problems:
            click.echo(_problems_note(built.problems), err=True)
        click.echo(f"The report in {output} is up to date ({built.pages} pages): the workspace, the options and "
                   "orgmodel are as when it was built, so nothing was written.")
    else:
        click.echo(f"Wrote {built.pages} pages to {output}")
    click.echo(f"Open {output / 'index.html'} in a browser, or publish the folder as it is.")
    if built.notice:
        click.echo(f"Note: {built.notice}", err=True)
    for note in built.notes:
        click.echo(f"Note: {note}", err=True)
    if built.errors:
        click.echo(f"Note: the check found {built.errors} error(s); the report lists them on check.html.", err=True)


def _connection_options(fn):
    for option in reversed([
        click.option("--uri", envvar="NEO4J_URI", default="bolt://127.0.0.1:7687", show_default=True,
                     help="Neo4j address (or NEO4J_URI)."),
        click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                     help="User name (or NEO4J_USER)."),
        click.option("--password", envvar="NEO4J_PASSWORD", default="", show_default=False,
                     help="Password (or NEO4J_PASSWORD); never printed."),
        click.option("--database", envvar="NEO4J_DATABASE", default=None,
                     help="Database name (or NEO4J_DATABASE); default: the server's default."),
    ]):
        fn = option(fn)
    return fn


def _conn(uri, user, password, database):
    from orgmodel.neo4j import Connection

    return Connection(uri, user, password, database)


@cli.group()
def neo4j():
    """Share the model in Neo4j: push, pull, query, and the gap queries as Cypher.

    \b
    Examples:
        orgmodel neo4j push examples/midt-og-vestjylland --uri bolt://127.0.0.1:7687
        orgmodel neo4j query "MATCH (f:Forum) RETURN f.id, f.area ORDER BY f.id"
        orgmodel neo4j gaps groups --area silkeborg
        orgmodel neo4j pull -o copy --workspace midt-og-vestjylland
    """


@neo4j.command("push")
@workspaces_argument
@_connection_options
@click.option("--dry-run", is_flag=True, help="Print the plan (Cypher and a summary) without a server.")
@click.option("--public", is_flag=True, help="Leave out personal data (role holders and notes).")
@click.option("--full", is_flag=True, help="Compare every node and relationship even when the database "
              "holds this workspace already (repairs changes made by hand).")
@click.option("--force", is_flag=True, help="Replace the workspace even when the database holds a newer git "
              "revision of it.")
@_as_of_option
def neo4j_push(workspace, uri, user, password, database, dry_run, public, full, force, as_of):
    """Make the workspace's part of the database hold exactly this workspace, in one transaction.

    Each workspace owns a partition, named by `id` in orgmodel.yaml (default:
    the one politikreds of its scope); other workspaces' partitions stay. A
    folder of workspaces pushes each into its own partition, one after another.
    Constraints first; then nodes and relationships in batches of 10,000 with
    parameters only; what the workspace no longer has is removed. A push of
    an unchanged workspace writes nothing. If anything fails, the database
    keeps its previous state. A push of an older git revision over a newer
    one is refused unless --force.
    """
    ws, day = _load(workspace, as_of)
    if dry_run:
        from orgmodel.neo4j import plan_each

        planned = plan_each(ws, day, public)
        for ws_id, the_plan in planned:
            if len(planned) > 1:
                click.echo(f"// workspace {ws_id}")
            click.echo(the_plan.text(), nl=False)
        return
    from orgmodel.neo4j import push_each

    with _progress("Pushing") as progress:
        pushed = push_each(_conn(uri, user, password, database), ws, day, public, progress, full, force)
    for ws_id, done in pushed:
        summary = ", ".join(f"{k}: {v}" for k, v in done.summary().items())
        click.echo(f"{ws_id}: {summary}" if len(pushed) > 1 else summary)


@contextlib.contextmanager
def _progress(title: str):
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(title, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@neo4j.command("pull")
@_connection_options
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="A new workspace folder.")
@click.option("--workspace", "workspace_id", metavar="ID", default=None,
              help="The workspace to pull (its id); needed when the database holds several.")
def neo4j_pull(uri, user, password, database, output, workspace_id):
    """Write one workspace held in Neo4j back to YAML files."""
    from orgmodel.neo4j import pull

    files = pull(_conn(uri, user, password, database), output, workspace_id)
    click.echo(f"Wrote {output} with {len(files)} files: {', '.join(p.name for p in files)}")


@neo4j.command("query")
@click.argument("cypher")
@_connection_options
@click.option("--write", is_flag=True, help="Allow the query to change the database.")
@_format_option
def neo4j_query(cypher, uri, user, password, database, write, fmt):
    """Run a Cypher query (read-only unless --write) and print the rows."""
    from orgmodel.neo4j import query
    from orgmodel.queries import Table

    headers, rows = query(_conn(uri, user, password, database), cypher, write=write)
    _echo_table(Table(headers, rows), fmt)


@neo4j.command("gaps")
@click.argument("dimension", type=click.Choice(["ages", "groups", "crimes", "partners"]))
@_connection_options
@click.option("--by", type=click.Choice(["kommune", "kreds", "scope"]), default="kommune", show_default=True,
              help="Per kommune, per politikreds, or the whole scope at once.")
@click.option("--area", "areas", multiple=True, metavar="AREA", help="Only these kommuner or kredse.")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True, help="Label language.")
@_format_option
def neo4j_gaps(dimension, uri, user, password, database, by, areas, lang, fmt):
    """The coverage gaps of `orgmodel gaps`, computed from the database (same answers), for every
    workspace in it. `partners` (only --by kommune): the expected forum types per kommune."""
    if dimension == "partners":
        from orgmodel.neo4j import forum_types

        if by != "kommune":
            raise click.UsageError(f"neo4j gaps partners answers per kommune; leave out --by {by}")
        _echo_table(forum_types(_conn(uri, user, password, database), list(areas)), fmt)
        return
    from orgmodel.neo4j import coverage, vocabulary
    from orgmodel.queries import coverage_table

    _refuse_by_with_areas(by, areas)
    conn = _conn(uri, user, password, database)
    rows = coverage(conn, dimension, by, list(areas))
    _echo_table(coverage_table(rows, dimension, vocabulary(conn), lang), fmt)
