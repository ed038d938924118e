"""`orgmodel diagram --view map`: the shipped boundaries, the classes (the same answers as gaps and check),
the colours on the picture, the legend, and the command's errors."""

from xml.etree import ElementTree as ET

import pytest
from matplotlib.path import Path as MplPath

from orgmodel.check import check
from orgmodel.cli import cli
from orgmodel.diagram import map as kort
from orgmodel.graph import build_graph
from orgmodel.model import AREAS
from orgmodel.queries import gaps_coverage, gaps_partners
from orgmodel.workspace import load_workspace

from .conftest import EXAMPLE
from .districts import bornholm, write

SVG = "{http://www.w3.org/2000/svg}"
TODAY = "2026-11-22"


@pytest.fixture(scope="module")
def ws():
    return load_workspace(EXAMPLE)


def _map(runner, *args):
    return runner.invoke(cli, ["diagram", str(EXAMPLE), "--view", "map", *args], catch_exceptions=False)


# The shipped boundaries


def test_every_kommune_has_a_shape_and_every_shape_a_kommune_but_christiansoe():
    shapes, outlines, notes = kort.geodata()
    kommuner = {a.id: a for a in AREAS.values() if a.kind == "kommune"}
    assert {s.id for s in shapes.values() if s.id} == set(kommuner)
    assert [s.name for s in shapes.values() if s.id is None] == ["Christiansø"]
    for shape in shapes.values():
        if shape.id:
            assert shape.code == kommuner[shape.id].code.lstrip("0"), shape.id
            assert shape.kreds == kommuner[shape.id].kreds, shape.id
    assert set(outlines) == {a.id for a in AREAS.values() if a.kind == "politikreds"}
    assert notes["attribution"] == "Kommunegrænser: DAGI, Geodatastyrelsen og Danske Kommuner (2014)"
    assert "toposimplify" in notes["simplification"]


def test_each_interior_point_lies_inside_its_kommune():
    for shape in kort.geodata()[0].values():
        assert kort._path(shape.polygons).contains_point(shape.point), shape.name


def _vertices(shape) -> set:
    return {tuple(p) for polygon in shape.polygons for ring in polygon for p in ring}


def test_neighbours_still_meet_and_the_kreds_outlines_follow_the_kommuner():
    shapes, outlines, _ = kort.geodata()
    by_id = {s.id: _vertices(s) for s in shapes.values() if s.id}
    # simplified topology-preserving, neighbours share the very same border points
    shared = {k: len(by_id["silkeborg"] & v) for k, v in by_id.items() if k != "silkeborg" and by_id["silkeborg"] & v}
    assert set(shared) == {"favrskov", "horsens", "ikast-brande", "skanderborg", "viborg"}
    assert min(shared.values()) >= 5
    for kreds, lines in outlines.items():
        inside = set().union(*(v for k, v in by_id.items() if AREAS[k].kreds == kreds))
        assert all(tuple(p) in inside for line in lines for p in line), kreds


def test_the_shipped_file_is_small():
    from importlib import resources

    size = len(resources.files("orgmodel.data").joinpath("kommuner.geojson").read_bytes())
    assert size < 300_000


# The classes: the same answers as gaps and check


def test_forums_are_those_of_gaps_partners_by_kommune(ws):
    data = kort.workspace_map_data(ws, "forums")
    table = gaps_partners(ws, by="kommune")
    expected = ("ssp", "ssp-plus", "psp", "ksp")
    for area in {row[0] for row in table.rows}:
        have = [t for t in expected if [area, t, "exists"] in [r[:3] for r in table.rows]]
        assert data.values[area] == have, area
        assert data.classes[area] == ("+".join(have) or "none")
    assert data.classes["silkeborg"] == "ssp+psp+ksp" and data.label_of("silkeborg") == "SSP + PSP + KSP"
    assert data.classes["viborg"] == "psp" and data.classes["herning"] == "none"


def test_outside_the_scope_is_grey_and_never_not_covered(ws):
    data = kort.workspace_map_data(ws, "group", term="unge")
    in_scope = {a for a in AREAS if AREAS[a].kreds == "kreds-midt-og-vestjylland"}
    for kommune, key in data.classes.items():
        assert (key == "outside") == (kommune not in in_scope), kommune
    assert data.label_of("aarhus") == "uden for arbejdsområdet"
    colours = {c.key: c.colour for c in data.legend}
    assert colours["outside"] == kort.OUTSIDE_COLOUR != colours["goal-only"]


def test_ages_are_the_shares_of_the_gaps_matrix(ws):
    table = gaps_coverage(ws, "ages", as_matrix=True)
    column = table.headers.index("15-17")
    data = kort.workspace_map_data(ws, "ages", band="15-17")
    assert {row[0]: row[column] for row in table.rows} == {k: v for k, v in data.values.items()}
    assert data.classes["silkeborg"] == "100" and data.classes["herning"] == "0"


@pytest.mark.parametrize("measure,dimension,term", [("group", "groups", "unge"), ("crime", "crimes", "vold")])
def test_a_term_is_its_status_in_gaps(ws, measure, dimension, term):
    table = gaps_coverage(ws, dimension)
    status = table.headers.index("status")
    data = kort.workspace_map_data(ws, measure, term=term)
    assert {row[0]: row[status] for row in table.rows if row[1] == term} == data.values


def test_a_term_may_be_written_as_its_label():
    G = build_graph(load_workspace(EXAMPLE))
    assert kort.map_data(G, "group", ["silkeborg"], term="Unge").classes == \
        kort.map_data(G, "group", ["silkeborg"], term="unge").classes


def test_partners_count_the_missing_required_partners_of_gaps(ws):
    table = gaps_partners(ws)
    area, which, status = (table.headers.index(h) for h in ("area", "which", "status"))
    missing: dict = {}
    for row in table.rows:
        if row[area] in AREAS and AREAS[row[area]].kind == "kommune":
            missing[row[area]] = missing.get(row[area], 0) + (row[which] == "required" and row[status] == "missing")
    data = kort.workspace_map_data(ws, "partners")
    assert {k: v for k, v in data.values.items() if v is not None} == missing
    assert {k for k, v in data.values.items() if v is None} == {
        k for k in data.values if k not in missing}
    assert all(data.classes[k] == "no-bodies" for k, v in data.values.items() if v is None)


def test_findings_are_those_of_check_per_kommune(ws):
    import datetime as dt

    today = dt.date.fromisoformat(TODAY)
    findings = check(ws, today=today).findings
    data = kort.workspace_map_data(ws, "findings", today=today)
    G = build_graph(ws)
    counted = {}
    for finding in findings:
        kommune = kort.finding_kommune(G, finding)
        if kommune in data.values:
            counted[kommune] = counted.get(kommune, 0) + 1
    assert {k: v for k, v in data.values.items() if v} == counted
    assert sum(counted.values()) < len(findings)  # the rest are named in a note, not dropped silently
    assert data.notes == [f"{len(findings) - sum(counted.values())} fund hører ikke til en kommune i "
                          "arbejdsområdet og er ikke vist på kortet"]


def test_a_finding_about_a_kommunes_entry_counts_for_that_kommune(make_ws):
    import datetime as dt

    data = bornholm()
    data["forums"] = [f for f in data["forums"] if f["id"] != "ssp"]  # the lokalråd's kommune then lacks an SSP
    root = write(make_ws, data)
    findings = check(load_workspace(root), today=dt.date.fromisoformat(TODAY)).findings
    G = build_graph(load_workspace(root))
    assert [f.rule for f in findings if kort.finding_kommune(G, f) == "bornholm"] != []
    counted = kort.workspace_map_data(load_workspace(root), "findings", today=dt.date.fromisoformat(TODAY))
    assert counted.values["bornholm"] == len([f for f in findings if kort.finding_kommune(G, f) == "bornholm"])


# The picture


def _legend(svg_path) -> list[str]:
    root = ET.parse(svg_path).getroot()
    legend = next(el for el in root.iter(f"{SVG}g") if el.get("id") == "map-legend")
    return ["".join(el.itertext()) for el in legend.iter(f"{SVG}text")]


@pytest.mark.parametrize("measure", [["--measure", "forums"], ["--measure", "group", "--term", "unge"],
                                     ["--measure", "ages", "--band", "15-17"]])
def test_the_legend_lists_exactly_the_classes_shown(runner, tmp_path, ws, measure):
    out = tmp_path / "map.svg"
    assert _map(runner, *measure, "-o", str(out)).exit_code == 0
    data = kort.workspace_map_data(ws, measure[1], *(measure[3:] if measure[1] == "ages" else [None]),
                                   **({"term": measure[3]} if measure[1] == "group" else {}))
    shown = {data.label_of(k) for k in data.classes}
    texts = _legend(out)
    assert texts[0] == "Forklaring"
    assert sorted(texts[1:]) == sorted(shown)


def test_the_legend_of_a_single_kommune_workspace_in_english(runner, tmp_path, make_ws):
    root = write(make_ws, bornholm())
    out = tmp_path / "map.svg"
    result = runner.invoke(cli, ["diagram", str(root), "--view", "map", "--lang", "en", "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert _legend(out) == ["Legend", "SSP + PSP + KSP", "outside the workspace"]
    ids = [el.get("id") for el in ET.parse(out).getroot().iter() if el.get("id")]
    assert "kommune-bornholm" in ids and "kommune-christiansoe" in ids and "kreds-kreds-bornholm" in ids
    assert len([i for i in ids if i.startswith("kommune-")]) == 99
    assert len([i for i in ids if i.startswith("kreds-")]) == 12


def _pixel(image, ax, point):
    """The RGB of the picture at a point of the map (the figure is drawn without a tight box)."""
    x, y = ax.transData.transform(point)
    height = image.shape[0]
    return tuple(round(float(c) * 255) for c in image[int(height - y), int(x)][:3])


def _rgb(colour: str):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_the_png_shows_each_kommunes_class_at_its_interior_point(runner, tmp_path, ws):
    from matplotlib import image as mpimg

    out = tmp_path / "map.png"
    result = _map(runner, "--measure", "forums", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"Wrote {out}\n")
    picture = mpimg.imread(out)
    data = kort.workspace_map_data(ws, "forums")
    fig, ax, _ = kort.map_figure(data)
    fig.canvas.draw()
    assert picture.shape[:2] == (fig.canvas.get_width_height()[1], fig.canvas.get_width_height()[0])
    shapes = {s.id: s for s in kort.geodata()[0].values() if s.id}
    colours = {c.key: c.colour for c in data.legend}
    expected = {"silkeborg": "ssp+psp+ksp", "viborg": "psp", "herning": "none", "aarhus": "outside"}
    seen = set()
    for kommune, key in expected.items():
        assert data.classes[kommune] == key
        rgb = _pixel(picture, ax, shapes[kommune].point)
        assert max(abs(a - b) for a, b in zip(rgb, _rgb(colours[key]), strict=True)) <= 2, kommune
        seen.add(rgb)
    assert len(seen) == 4  # four classes, four colours


def test_bornholm_is_drawn_in_the_inset(runner, tmp_path, make_ws):
    from matplotlib import image as mpimg

    root = write(make_ws, bornholm())
    out = tmp_path / "map.png"
    runner.invoke(cli, ["diagram", str(root), "--view", "map", "-o", str(out)], catch_exceptions=False)
    data = kort.workspace_map_data(load_workspace(root), "forums")
    fig, _, inset = kort.map_figure(data)
    fig.canvas.draw()
    bornholm_shape = next(s for s in kort.geodata()[0].values() if s.id == "bornholm")
    rgb = _pixel(mpimg.imread(out), inset, bornholm_shape.point)
    assert data.classes["bornholm"] == "ssp+psp+ksp"
    colour = next(c.colour for c in data.legend if c.key == "ssp+psp+ksp")
    assert max(abs(a - b) for a, b in zip(rgb, _rgb(colour), strict=True)) <= 2


def test_the_map_shows_title_attribution_and_notes(runner, tmp_path):
    out = tmp_path / "map.svg"
    _map(runner, "--measure", "findings", "--today", TODAY, "-o", str(out))
    texts = ["".join(el.itertext()) for el in ET.parse(out).getroot().iter(f"{SVG}text")]
    assert "Fund fra check pr. kommune" in texts
    assert "Kommunegrænser: DAGI, Geodatastyrelsen og Danske Kommuner (2014)" in texts
    assert "Tykke linjer er politikredsenes grænser." in texts
    assert "Bornholm og Christiansø" in texts


def test_svg_and_pdf_are_deterministic(runner, tmp_path):
    for suffix in ("svg", "pdf"):
        first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
        for out in (first, second):
            _map(runner, "--measure", "partners", "-o", str(out))
        assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"


# The command's errors


@pytest.mark.parametrize("args,message", [
    (["--measure", "forum"], "Error: unknown measure 'forum'. Did you mean 'forums'? Use one of forums, ages, "
                             "group, crime, partners, findings\n"),
    (["--measure", "ages"], "Error: --measure ages needs an age band: add e.g. --band 15-17\n"),
    (["--measure", "ages", "--band", "17-15"], "Error: --band: the range '17-15' starts after it ends; write it as "
                                               "'15-17'\n"),
    (["--measure", "group", "--term", "ungee"], "Error: --term: 'ungee' is not a person group of the vocabulary. "
                                                "Did you mean 'unge'? `orgmodel vocabulary` lists them\n"),
    (["--measure", "crime"], "Error: --measure crime needs a term: add e.g. --term indbrud (`orgmodel vocabulary` "
                             "lists them)\n"),
    (["--measure", "forums", "--band", "15-17"], "Error: --band applies to --measure ages only, not to 'forums'; "
                                                 "leave it out\n"),
    # the day was taken and left unread: the map of ages is drawn on --as-of's entries, not on --today
    (["--measure", "ages", "--band", "15-17", "--today", "2020-01-01"],
     "Error: --today applies to --measure findings only (the check's rules count from it), not to 'ages'; leave it "
     "out, or give --as-of for the entries valid on a date\n"),
    (["--today", "2020-01-01"], "Error: --today applies to --measure findings only (the check's rules count from "
                                "it), not to 'forums'; leave it out, or give --as-of for the entries valid on a "
                                "date\n"),
])
def test_a_bad_measure_is_a_clear_error_and_no_file(runner, tmp_path, args, message):
    out = tmp_path / "map.svg"
    result = _map(runner, *args, "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


def test_the_map_needs_a_picture_file(runner, tmp_path):
    result = _map(runner, "-o", str(tmp_path / "map.jpg"))
    assert (result.exit_code, result.stderr) == (2, "Error: cannot draw a map as '.jpg'; give -o FILE with .svg, "
                                                    ".png or .pdf\n")
    result = _map(runner)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: the map view is a picture: give -o FILE with .svg, .png or .pdf\n")


def test_map_options_are_refused_for_other_views_and_structure_options_for_the_map(runner, tmp_path):
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--measure", "ages", "--band", "15-17"],
                           catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --measure, --band apply to the map view only; add --view map, or leave "
                                  "them out\n")
    result = _map(runner, "--kommune", "silkeborg", "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --kommune does not apply to the map view; leave it out\n")
    result = _map(runner, "--dimension", "groups", "--member-label", "{name}", "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 2 and not (tmp_path / "m.svg").exists()
    assert result.stderr.endswith("Error: --dimension, --member-label do not apply to the map view; leave them out\n")
    assert _map(runner, "--dimension", "ages", "-o", str(tmp_path / "m.svg")).exit_code == 2  # the default, written


def test_a_workspace_without_kommuner_is_refused(runner, tmp_path, make_ws):
    root = make_ws({})
    result = runner.invoke(cli, ["diagram", str(root), "--view", "map", "-o", str(tmp_path / "m.svg")],
                           catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (2, "Error: the workspace names no kommuner, so the map has nothing "
                                                    "to colour: list them under scope: in orgmodel.yaml, or add a "
                                                    "lokalråd with its kommune\n")


def test_every_path_of_a_shape_is_closed():
    for shape in kort.geodata()[0].values():
        path = kort._path(shape.polygons)
        assert list(path.codes).count(MplPath.CLOSEPOLY) == sum(len(p) for p in shape.polygons)


def test_a_workspaces_own_term_is_drawn_as_text_not_as_tex(runner, tmp_path, corpus):
    from .injection_corpus import TEXTS

    root, _, _ = corpus
    out = tmp_path / "map.svg"
    result = runner.invoke(cli, ["diagram", str(root), "--view", "map", "--measure", "group", "--term",
                                 "saerlig-gruppe", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    texts = ["".join(el.itertext()) for el in ET.parse(out).getroot().iter(f"{SVG}text")]
    assert f"Persongruppen {TEXTS['math']}: dækket eller ej" in texts


def test_a_misspelt_view_suggests_the_map(runner, tmp_path):
    result = runner.invoke(cli, ["diagram", str(EXAMPLE), "--view", "mapp", "-o", str(tmp_path / "m.svg")],
                           catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (2, "Error: unknown view 'mapp'. Did you mean 'map'? Use structure, "
                                                    "goals, coverage, map, body:ID or focus:ID[:DEPTH]\n")


def test_missing_partners_outside_the_kommuner_are_named_in_a_note(make_ws):
    data = bornholm()
    # a kontaktudvalg under the kredsråd (so on the politikreds) without the kommune it requires
    data["forums"].append({"id": "kontaktudvalg", "type": "kontaktudvalg", "under": "kredsraad",
                           "members": ["bornholms-politi"]})
    root = write(make_ws, data)
    G = build_graph(load_workspace(root))
    from orgmodel.queries import partners

    kreds_missing = [r for r in partners.partner_rows(G) if r.area == "kreds-bornholm" and r.which == "required"
                     and r.status == "missing"]
    assert kreds_missing
    shown = kort.map_data(G, "partners", ["bornholm"])
    word = "partner" if len(kreds_missing) == 1 else "partnere"
    assert shown.notes == [f"{len(kreds_missing)} manglende {word} i råd og fora uden for arbejdsområdets "
                           "kommuner (fx på politikredsniveau) er ikke vist på kortet"]


def test_each_combination_of_forum_types_has_its_own_colour_with_a_fifth_expected_type(make_ws):
    manifest = ("name: Fyn\nscope: {politikredse: [kreds-fyn]}\nvocabulary:\n  forum_types:\n"
                "    natteravne: {da: Natteravne, en: Night ravens, expected: true, level: operativ}\n")
    combos = {"odense": ["ksp"], "svendborg": ["ssp", "ssp-plus", "psp", "ksp"], "nyborg": ["ssp", "natteravne"],
              "assens": ["psp"], "kerteminde": ["ssp", "psp"], "middelfart": ["ssp-plus"]}
    forums = [f"  - {{id: f-{k}-{t}, type: {t}, area: {k}}}" for k, types in combos.items() for t in types]
    root = make_ws({"orgmodel.yaml": manifest, "data.yaml": "forums:\n" + "\n".join(forums) + "\n"})
    data = kort.workspace_map_data(load_workspace(root), "forums")
    colours = {c.key: c.colour for c in data.legend if c.key != "outside"}
    assert {"ksp", "ssp+ssp-plus+psp+ksp", "ssp+natteravne", "none"} <= set(colours)
    assert len(colours) == len(set(colours.values()))


def test_coverage_assumed_from_the_type_is_noted_on_the_map(make_ws):
    root = make_ws({"orgmodel.yaml": "name: T\nscope: {kommuner: [holstebro]}\n",
                    "data.yaml": "forums:\n  - {id: ssp-holstebro, type: ssp, area: holstebro}\n"})
    data = kort.workspace_map_data(load_workspace(root), "ages", band="15-17")
    assert data.notes == ["Antaget ud fra typen, ikke skrevet: ssp-holstebro skriver ikke, hvad de dækker; kortet "
                          "tæller typens standard"]
    written = make_ws({"orgmodel.yaml": "name: T\nscope: {kommuner: [holstebro]}\n",
                       "data.yaml": "forums:\n  - {id: ssp-holstebro, type: ssp, area: holstebro, "
                                    "covers: {ages: 6-17}}\n"})
    assert kort.workspace_map_data(load_workspace(written), "ages", band="15-17").notes == []
