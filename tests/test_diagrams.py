import os
import re
import shutil
from xml.etree import ElementTree as ET

import pytest

from orgmodel.cli import cli
from orgmodel.diagram import Style
from orgmodel.diagram import dot as render_dot
from orgmodel.diagram.mermaid import to_mermaid
from orgmodel.diagram.render import draw, make_view
from orgmodel.errors import OrgmodelError, UsageError
from orgmodel.graph import build_graph
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE, ROOT
from .districts import bornholm, find, write

DIAGRAMS = ROOT / "diagrams"
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT and not os.environ.get("CI"),
                               reason="Graphviz is not installed (make test installs it; CI requires it)")
EXAMPLE_VIEWS = {"structure": ("structure", None), "silkeborg": ("structure", "silkeborg"),
                 "ssp-silkeborg": ("body:ssp-silkeborg", None), "goals": ("goals", None)}


@pytest.fixture(scope="module")
def example_graph():
    return build_graph(load_workspace(EXAMPLE))


@pytest.mark.parametrize("name", sorted(EXAMPLE_VIEWS))
def test_committed_diagrams_are_current(name, example_graph, request):
    view, kommune = EXAMPLE_VIEWS[name]
    dot = render_dot.to_dot(make_view(example_graph, view, kommune))
    path = DIAGRAMS / f"{name}.dot"
    if request.config.getoption("--update-golden"):
        path.write_text(dot, encoding="utf-8")
        (DIAGRAMS / f"{name}.svg").write_bytes(render_dot.layout(dot, "svg"))
    assert dot == path.read_text(encoding="utf-8"), f"diagrams/{name}.dot is out of date: run `make diagrams`"
    assert (DIAGRAMS / f"{name}.svg").stat().st_mtime > 0


def _ids(svg_path):
    return sorted(el.get("id") for el in ET.parse(svg_path).getroot().iter() if (el.get("id") or "").startswith(
        ("bar-", "gap-", "cell-")))


@pytest.mark.parametrize("dimension", ["ages", "groups"])
def test_committed_coverage_charts_are_current(dimension, runner, tmp_path):
    fresh = tmp_path / f"{dimension}.svg"
    runner.invoke(cli, ["gaps", dimension, str(EXAMPLE), "--chart", str(fresh)], catch_exceptions=False)
    assert _ids(DIAGRAMS / f"coverage-{dimension}.svg") == _ids(fresh), "run `make diagrams`"


def test_readme_shows_the_structure_diagram():
    assert "](diagrams/structure.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- golden DOT on a small fixture -------------------------------------------------

PEOPLE = bornholm()
find(PEOPLE, "borgmester-bornholm")["holder"] = {"name": "Jens Hansen", "verified": "2026-01-01"}


@pytest.fixture
def small(make_ws):
    return load_workspace(write(make_ws, PEOPLE))


@pytest.mark.parametrize(("name", "view", "kommune"), [
    ("structure", "structure", None), ("kommune", "structure", "bornholm"), ("body", "body:ssp", None),
    ("goals", "goals", None), ("focus", "focus:lokalraad:1", None)])
def test_golden_dot(small, golden, name, view, kommune):
    text, warnings = draw(small, view, "dot", kommune)
    assert warnings == []
    golden(f"dot/{name}.dot", text)


def test_golden_mermaid(small, golden):
    text, _ = draw(small, "structure", "mermaid")
    golden("dot/structure.mmd", text)


def test_public_drops_personal_names(small):
    for fmt in ("dot", "mermaid"):
        shown, _ = draw(small, "structure", fmt)
        public, _ = draw(small, "structure", fmt, style=Style(public=True))
        assert "Jens Hansen" in shown and "Jens Hansen" not in public
        assert "Borgmester" in public


def test_member_label_template(small):
    text, _ = draw(small, "structure", "mermaid", style=Style(member_label="{title} ({organisation})"))
    assert "Borgmester (Bornholms Regionskommune)" in text and "Jens Hansen" not in text  # no {holder}, no holder
    text, _ = draw(small, "structure", "mermaid", style=Style(member_label="{holder}, {title}"))
    assert "Jens Hansen, Borgmester" in text
    with pytest.raises(UsageError, match=r"unknown field '\{navn\}' in --member-label"):
        draw(small, "structure", "dot", style=Style(member_label="{navn}"))


def test_english_labels(small):
    text, _ = draw(small, "structure", "dot", style=Style(lang="en"))
    assert "Local council" in text and "Strategic level" in text


def test_levels_and_categories_do_not_rest_on_colour_alone(example_graph):
    """WCAG 1.4.1: a box names the level its fill shows, each organisation category has a mark of its own
    shape as well as colour, and the legend shows the same marks with their names."""
    text = render_dot.to_dot(make_view(example_graph, "structure", "silkeborg"))
    levels = {"#dce6f5": "Strategisk niveau", "#e3f1e3": "Taktisk niveau", "#fdf1d8": "Operativt niveau"}
    boxes = [line for line in text.splitlines() if "fillcolor=" in line]
    assert len(boxes) == 14
    fills = set()
    for box in boxes:
        fill = re.search(r'fillcolor="(#\w+)"', box)[1]
        fills.add(fill)
        assert levels[fill] in box.split('<FONT POINT-SIZE="10">')[0], box[:80]  # above the members' lines
    marks = set(re.findall(r'<FONT COLOR="(#\w+)">(&#\d+;)</FONT>', text))
    assert len({colour for colour, _ in marks}) == len(marks) == len({mark for _, mark in marks}) == 5
    legend = next(line for line in text.splitlines() if line.startswith("\t_legend"))
    for colour, mark in marks:
        assert re.search(f'<FONT COLOR="{colour}">{mark}</FONT></TD><TD ALIGN="LEFT">\\w', legend), colour
    assert fills == {"#e3f1e3", "#fdf1d8"} and all(f'BGCOLOR="{fill}"' in legend for fill in fills)


def test_unknown_view_and_entity(small):
    with pytest.raises(UsageError, match="unknown view 'orgchart'"):
        draw(small, "orgchart", "dot")
    with pytest.raises(UsageError, match="no entity with the id 'sspp'. Did you mean 'ssp'"):
        draw(small, "body:sspp", "dot")
    with pytest.raises(UsageError, match="the depth in 'focus:ssp:x' must be a whole number"):
        draw(small, "focus:ssp:x", "dot")


# --- rendering with the real dot -----------------------------------------------------

NASTY = 'Skole & "Klub" <b>fed</b>\nny linje æøå ‮ `x` #1 {a} [b] |c|'


@pytest.fixture
def nasty(make_ws):
    data = bornholm()
    find(data, "ssp")["name"] = NASTY
    find(data, "bornholm-klub")["name"] = NASTY
    return load_workspace(write(make_ws, data))


@needs_dot
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_render_with_real_dot(small, fmt):
    data, _ = draw(small, "structure", fmt)
    assert data[:5] in (b"<?xml", b"\x89PNG\r", b"%PDF-")


@needs_dot
def test_escaping_in_dot_svg_and_mermaid(nasty):
    svg, _ = draw(nasty, "body:ssp", "svg")
    texts = " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"))
    assert 'Skole & "Klub" <b>fed</b>' in texts and "ny linje æøå" in texts
    mermaid, _ = draw(nasty, "body:ssp", "mermaid")
    label_lines = [line for line in mermaid.splitlines() if "Klub" in line and "%%" not in line]
    assert label_lines and all(line.count('"') == 2 for line in label_lines)
    assert "#quot;Klub#quot; #lt;b#gt;fed#lt;/b#gt;" in mermaid and "<b>fed</b>" not in mermaid


@needs_dot
def test_cli_writes_png_and_svg(runner, tmp_path):
    png = tmp_path / "s.png"
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "-o", str(png)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr.startswith(f"Wrote {png}\n")
    assert result.stderr.splitlines()[1].startswith(
        "Warning: the chart leaves out 6 council(s) and forum(s) further down: ")
    assert png.read_bytes()[:4] == b"\x89PNG"
    svg = runner.invoke(cli, ["diagram", str(EXAMPLE), "--view", "goals"], catch_exceptions=False).stdout
    assert svg.startswith("<?xml") and "Færre indbrud i private hjem" in svg


def test_cli_binary_format_needs_output(runner):
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "png"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Error: --format png writes a binary file: give -o FILE" in result.output


def test_cli_format_from_suffix(runner, tmp_path):
    out = tmp_path / "s.mmd"
    runner.invoke(cli, ["diagram", str(EXAMPLE), "-o", str(out)], catch_exceptions=False)
    assert out.read_text().startswith("flowchart TB")


def test_coverage_view(runner, tmp_path):
    out = tmp_path / "c.svg"
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--view", "coverage", "--dimension", "crimes", "-o",
                                 str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and "cell-silkeborg-vold" in out.read_text()


@needs_dot
def test_layout_time_limit():
    big = "digraph { " + " ".join(f"n{i} -> n{(i * 7 + 3) % 400};" for i in range(4000)) + " }"
    with pytest.raises(OrgmodelError, match=r"Graphviz needed more than 0.01 s to lay out the diagram"):
        render_dot.layout(big, "svg", timeout=0.01)


def test_too_many_boxes(small, monkeypatch):
    monkeypatch.setattr(render_dot, "MAX_BOXES", 3)
    with pytest.raises(UsageError, match=r"the view has \d+ boxes; more than 3 cannot be laid out legibly"):
        draw(small, "structure", "svg")


def test_missing_dot_is_a_clear_error(small, monkeypatch):
    monkeypatch.setattr(render_dot.shutil, "which", lambda name: None)
    with pytest.raises(OrgmodelError, match="Graphviz's `dot` program is not installed") as info:
        draw(small, "structure", "svg")
    # `orgmodel report` says the same: the alternatives are named as options of `orgmodel diagram`, which has them
    assert str(info.value).endswith("without it, `orgmodel diagram` can write the DOT text (--format dot) or Mermaid "
                                    "(--format mermaid)")


def test_mermaid_limits(small):
    from orgmodel.diagram import mermaid as render_mermaid

    diagram = make_view(build_graph(small), "structure")
    assert render_mermaid.limits_exceeded(to_mermaid(diagram), diagram) == []
    assert render_mermaid.limits_exceeded("x" * 50_001, diagram)[0].startswith("the Mermaid text has 50,001 characters")


def test_mermaid_warning_reaches_the_user(runner, make_ws):
    data = bornholm()
    data["forums"] += [{"id": f"f{n}", "type": "andet", "under": "lokalraad", "members": ["bornholms-politi"]}
                       for n in range(520)]
    root = write(make_ws, data)
    result = runner.invoke(cli, ["diagram", str(root), "--format", "mermaid", "--kommune", "bornholm"],
                           catch_exceptions=False)
    assert "Warning: the diagram has 52" in result.stderr and "maxEdges" in result.stderr


@needs_dot
def test_titles_that_look_like_html_stay_text(make_ws):
    data = bornholm()
    root = write(make_ws, data, 'name: "<b>Kredsråd</b> \\"x\\" \\\\ & co"\n')
    svg, _ = draw(load_workspace(root), "structure", "svg")
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert '<b>Kredsråd</b> "x" \\ & co' in texts


# --- what the chart leaves out, options that do not apply, formats by suffix (issue 15) ----------

def test_structure_names_forums_under_forums_it_leaves_out(example_graph, runner):
    diagram = make_view(example_graph, "structure")
    assert "ssp-koordinationsgruppe-silkeborg" not in diagram.boxes
    assert diagram.omitted is not None and len(diagram.omitted.bodies) == 6
    assert diagram.notes == ["Ikke vist: 6 råd og fora længere nede. Se dem med --depth 6 eller --kommune KOMMUNE."]
    assert "Ikke vist: 6 råd og fora" in render_dot.to_dot(diagram).replace('<BR ALIGN="LEFT"/>', " ")
    assert 'n__note_0["<i>Ikke vist: 6 råd og fora' in to_mermaid(diagram)
    everything = make_view(example_graph, "structure", depth=6)
    assert everything.omitted is None and everything.notes == []
    assert "ssp-koordinationsgruppe-silkeborg" in everything.boxes
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "dot"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == ("Warning: the chart leaves out 6 council(s) and forum(s) further down: "
                             "ssp-koordinationsgruppe-silkeborg, ssp-lokalgruppe-kjellerup, "
                             "ssp-lokalgruppe-silkeborg-by, ssp-lokalgruppe-them, ssp-sekretariat-silkeborg "
                             "and 1 more; draw them with --depth 6, or one kommune whole with --kommune KOMMUNE (e.g. "
                             "silkeborg)\n")
    whole = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "dot", "--kommune", "silkeborg"],
                          catch_exceptions=False)
    assert whole.exit_code == 0 and whole.stderr == ""
    cut = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "dot", "--kommune", "silkeborg", "--depth", "3"],
                        catch_exceptions=False)
    assert cut.stderr.endswith("draw them with --depth 5\n")


@pytest.mark.parametrize(("args", "message"), [
    (["--view", "goals", "--kommune", "silkeborg"],
     "Error: --kommune applies to the structure view only, not to 'goals'; leave it out, or draw the structure "
     "view (leave out --view)\n"),
    (["--view", "body:ssp-silkeborg", "--depth", "2", "--kommune", "silkeborg"],
     "Error: --kommune and --depth apply to the structure view only, not to 'body:ssp-silkeborg'; leave them out, "
     "or draw the structure view (leave out --view)\n"),
    (["--view", "focus:ssp-silkeborg", "--depth", "2"],
     "Error: --depth applies to the structure view only, not to 'focus:ssp-silkeborg' (write the depth in the "
     "view: focus:ID:DEPTH); leave it out, or draw the structure view (leave out --view)\n"),
    (["--kommune", "kreds-nordjylland"],
     "Error: --kommune 'kreds-nordjylland' is a politikreds (Nordjylland), not a kommune; leave out --kommune to "
     "draw the whole district, or name one of its kommuner (see `orgmodel areas --kreds kreds-nordjylland`)\n"),
    (["--dimension", "crimes"],
     "Error: --dimension applies to the coverage view only; add --view coverage, or leave it out\n"),
    (["--view", "goals", "--dimension", "ages"],
     "Error: --dimension applies to the coverage view only; add --view coverage, or leave it out\n"),
    (["--member-label", "{name.__class__}"],
     "Error: attribute or index access '{name.__class__}' in --member-label; use only {name}, {title}, "
     "{organisation}, {holder}, {category}, {id}\n"),
    (["--member-label", "{name:>99999999}"],
     "Error: '{name:>99999999}' in --member-label has a format spec or conversion, which is not allowed; write the "
     "field bare, one of {name}, {title}, {organisation}, {holder}, {category}, {id}\n"),
])
def test_options_a_view_cannot_use_are_refused(runner, args, message):
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "dot", *args], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_member_label_allows_only_the_bare_fields(small):
    for template, problem in [("{name.__class__}", "attribute or index access '{name.__class__}'"),
                              ("{name[0]}", "attribute or index access '{name[0]}'"),
                              ("{name!r}", "'{name!r}' in --member-label has a format spec or conversion"),
                              ("{}", "an empty field '{}'"), ("{0}", "an unknown field '{0}'"),
                              ("{name", "cannot be read")]:
        with pytest.raises(UsageError, match=re.escape(problem)):
            Style(member_label=template)
    text, _ = draw(small, "structure", "mermaid", style=Style(member_label="{name}"))
    assert "Borgmester" in text and "Jens Hansen" not in text
    text, _ = draw(small, "structure", "mermaid", style=Style(member_label="{{{name}}} – {holder}"))
    assert "#123;Borgmester#125; – Jens Hansen" in text
    text, _ = draw(small, "structure", "mermaid")
    assert "Borgmester: Jens Hansen" in text


@pytest.mark.parametrize("name", ["x.jpg", "x.md", "x.txt", "x"])
def test_an_unknown_suffix_is_refused_before_any_work(runner, tmp_path, name):
    out = tmp_path / name
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"Error: cannot tell the format of -o {out} from its suffix '{out.suffix or '(none)'}'; "
                             "use one of .svg, .png, .pdf, .dot, .gv, .mmd, or give --format (svg, png, pdf, dot, "
                             "mermaid)\n")
    assert list(tmp_path.iterdir()) == []


def test_format_and_suffix(runner, tmp_path):
    md = tmp_path / "x.md"
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "mermaid", "-o", str(md)], catch_exceptions=False)
    assert result.exit_code == 0 and md.read_text().startswith("flowchart TB")
    svg = tmp_path / "x.svg"
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--format", "dot", "-o", str(svg)], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (2, f"Error: -o {svg} names svg but --format is dot; give a file "
                                                    "ending in the format's suffix, or leave out --format\n")
    jpg = tmp_path / "c.jpg"
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--view", "coverage", "-o", str(jpg)], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (2, "Error: cannot draw a chart as '.jpg'; use .svg, .png or .pdf\n")
    assert not svg.exists() and not jpg.exists()


def test_a_body_with_many_organisations_is_a_block_not_a_strip(example_graph):
    diagram = make_view(example_graph, "body:kredsraad-mvj")
    kommuner = next(c for c in diagram.clusters if c.id == "category-kommune")
    assert len(kommuner.boxes) == 11
    assert [len(stack) for stack in diagram.stacks] == [4, 4, 3]
    shaping = [link.target for link in diagram.links if link.constraint and link.target in kommuner.boxes]
    assert shaping == [stack[0] for stack in diagram.stacks]
    assert make_view(example_graph, "body:ssp-silkeborg").stacks == []  # five fit in a row


def test_an_overlong_word_is_wrapped_and_an_overlong_name_refused(make_ws):
    data = bornholm()
    find(data, "ssp")["name"] = "SSP " + "x" * 200
    G = build_graph(load_workspace(write(make_ws, data)))
    box = next(line for line in render_dot.to_dot(make_view(G, "body:ssp", None)).splitlines()
               if line.startswith('\t"ssp" '))
    assert "x" * 35 not in box and "x" * 34 in box
    find(data, "ssp")["name"] = "SSP " + "x" * 20_000
    G = build_graph(load_workspace(write(make_ws, data)))
    with pytest.raises(UsageError) as error:
        render_dot.to_dot(make_view(G, "body:ssp", None))
    assert str(error.value).startswith("cannot draw the diagram: the box of 'ssp' needs a label of ")
    assert str(error.value).endswith("characters, more than the 16,000 Graphviz reads\n  Fix: shorten it in the "
                                     "workspace (a name of a few words is enough; put the rest in 'note:')")


@needs_dot
def test_a_long_name_never_reaches_graphviz_as_an_error(make_ws, runner, tmp_path):
    data = bornholm()
    find(data, "ssp")["name"] = "SSP " + "x" * 20_000
    root = write(make_ws, data)
    result = runner.invoke(cli, ["diagram", str(root), "--view", "body:ssp", "-o", str(tmp_path / "d.svg")],
                           catch_exceptions=False)
    assert result.exit_code == 2 and "the box of 'ssp'" in result.output and "Graphviz could not" not in result.output
    assert not (tmp_path / "d.svg").exists()


def _one_row(boxes: int) -> str:
    """DOT of ``boxes`` boxes with short names in one row, with the attributes of every diagram: the narrowest
    drawing a row of that many boxes can give."""
    graph = ", ".join(f'{k}="{v}"' for k, v in render_dot.GRAPH_ATTRS.items())
    node = ", ".join(f'{k}="{v}"' for k, v in render_dot.NODE_ATTRS.items())
    return f'digraph {{ graph [{graph}]; node [{node}]; {{rank=same; {" ".join(f"b{i}" for i in range(boxes))}}} }}'


def _fewest_surely_too_wide() -> int:
    return next(n for n in range(1, 1000) if render_dot.surely_below_min_scale(n))


def test_a_row_surely_too_wide_for_a3_is_too_wide_for_graphviz_too():
    fewest = _fewest_surely_too_wide()
    assert render_dot.svg_scale(render_dot.layout(_one_row(fewest), "svg")) < render_dot.MIN_SCALE
    assert render_dot.svg_scale(render_dot.layout(_one_row(fewest // 2), "svg")) >= render_dot.MIN_SCALE


def test_a_drawing_surely_too_wide_is_laid_out_once_at_its_own_size(monkeypatch):
    text, fewest = _one_row(_fewest_surely_too_wide()), _fewest_surely_too_wide()
    calls: list = []
    real = render_dot.layout
    monkeypatch.setattr(render_dot, "layout", lambda *args, **kwargs: calls.append(kwargs) or real(*args, **kwargs))
    twice = render_dot.render_dot(text, "svg")
    assert len(calls) == 2
    once = render_dot.render_dot(text, "svg", widest=fewest)
    assert len(calls) == 3 and calls[-1] == {"options": ["-Gsize=10000,10000"]}
    assert once == twice


def test_the_example_kommune_is_still_fitted_to_a3_first(example_graph):
    diagram = make_view(example_graph, "structure", "silkeborg")
    assert 0 < render_dot.widest_row(diagram) and not render_dot.surely_below_min_scale(render_dot.widest_row(diagram))


def test_a_member_also_listed_as_invited_reads_as_a_member_in_the_body_view(make_ws):
    data = bornholm()
    find(data, "ssp")["invited"] = ["bornholms-politi"]
    text, _ = draw(load_workspace(write(make_ws, data)), "body:ssp", "mermaid")
    [line] = [line for line in text.splitlines() if "Bornholms Politi" in line]
    assert "inviteret" not in line.lower()
    find(data, "ssp")["members"].remove("bornholms-politi")
    text, _ = draw(load_workspace(write(make_ws, data)), "body:ssp", "mermaid")
    assert "inviteret" in next(line for line in text.splitlines() if "Bornholms Politi" in line).lower()


def test_a_member_also_listed_as_invited_is_one_line_of_the_structure_box(make_ws):
    data = bornholm()
    find(data, "ssp")["invited"] = ["bornholms-politi"]
    box = make_view(build_graph(load_workspace(write(make_ws, data))), "structure", None).boxes["ssp"]
    assert [line.text for line in box.lines if "Bornholms Politi" in line.text] == ["Bornholms Politi"]


def test_a_secretariat_that_is_an_organisation_is_drawn_in_both_views(make_ws):
    data = bornholm()
    find(data, "kredsraad")["secretariat"] = "bornholm-uu"
    ws = load_workspace(write(make_ws, data))
    structure, _ = draw(ws, "structure", "mermaid")
    assert any("Sekretariat: " in line and "UU" in line for line in structure.splitlines()), structure
    body, _ = draw(ws, "body:kredsraad", "mermaid")
    assert any("sekretariat" in line.lower() for line in body.splitlines() if "UU" in line), body


def test_a_body_the_kredsraad_does_not_reach_is_drawn_with_a_note(make_ws):
    data = bornholm()
    data["forums"].append({"id": "ssp-loes", "type": "ssp", "area": "bornholm", "members": ["bornholm-skole"]})
    ws = load_workspace(write(make_ws, data))
    for view, kommune in (("structure", None), ("structure", "bornholm")):
        diagram = make_view(build_graph(ws), view, kommune)
        assert "ssp-loes" in diagram.boxes
        assert diagram.notes[-1] == ("Et råd eller forum uden et råd eller forum over sig (under, reports_to) står "
                                     "øverst: ssp-loes.")
    assert "ssp-loes" not in make_view(build_graph(load_workspace(write(make_ws, bornholm()))), "structure").boxes


@needs_dot
def test_a_lokalraad_that_reports_to_another_is_a_cluster_of_its_own(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    councils = ws / "councils.yaml"
    text = councils.read_text(encoding="utf-8")
    herning = text.index("id: lokalraad-herning")
    at = text.index("reports_to: kredsraad-mvj", herning)
    councils.write_text(text[:at] + "reports_to: lokalraad-silkeborg" + text[at + len("reports_to: kredsraad-mvj"):],
                        encoding="utf-8")
    G = build_graph(load_workspace(ws))
    for kommune in (None, "silkeborg"):
        diagram = make_view(G, "structure", kommune)
        clustered = [box for cluster in diagram.clusters for box in cluster.boxes]
        assert "lokalraad-herning" in clustered and len(clustered) == len(set(clustered))
        # Graphviz 2.43 crashed (signal 11) on the box drawn in both lokalråd's clusters
        svg = render_dot.layout(render_dot.to_dot(diagram), "svg")
        assert b"Lokalr\xc3\xa5det i Herning Kommune" in svg


def test_a_body_view_names_a_council_or_forum_that_is_its_secretariat():
    """Only organisations and roles get boxes of their own there: a forum as secretariat was left out unsaid."""
    G = build_graph(load_workspace(EXAMPLE))
    for body, secretariat in (("ssp-silkeborg", "ssp-sekretariat-silkeborg"), ("kredsraad-mvj", "sekretariat-mvj")):
        assert G.nodes[secretariat]["kind"] == "forum"
        text = to_mermaid(make_view(G, f"body:{body}"))
        assert f"Sekretariat: {G.nodes[secretariat]['label']}" in text, body
