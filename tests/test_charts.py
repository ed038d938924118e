from xml.etree import ElementTree as ET

from orgmodel.cli import cli

from .conftest import EXAMPLE
from .districts import bornholm, find, write

SVG = "{http://www.w3.org/2000/svg}"


def _svg(path):
    root = ET.parse(path).getroot()
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    return ids, texts


def test_timeline_of_the_example(runner, tmp_path):
    out = tmp_path / "ages.svg"
    result = runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {out}\n"
    ids, texts = _svg(out)
    bars = [i for i in ids if i.startswith("bar-")]
    assert len([b for b in bars if b.startswith("bar-silkeborg-")]) == 10
    assert bars.count("bar-viborg-psp-viborg") == 1 and len(bars) == 11
    assert "gap-silkeborg-0" in ids and "gap-herning-0" in ids
    assert {"Silkeborg", "Herning", "SSP Silkeborg", "PSP Viborg", "Alder (år)", "Ikke dækket"} <= set(texts)
    assert texts.count("Ingen fora dækker denne kommune") == 9


def test_timeline_gaps_are_hatched_not_only_pink(runner, tmp_path):
    """WCAG 1.4.1: a gap is a pattern as well as a colour, and the legend's sample of a gap has it too."""
    out = tmp_path / "ages.svg"
    runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    root = ET.parse(out).getroot()
    patterns = {el.get("id") for el in root.iter(f"{SVG}pattern")}
    gaps = [el for el in root.iter(f"{SVG}g") if (el.get("id") or "").startswith("gap-")]
    assert len(gaps) == 11
    for gap in gaps:
        fills = [p.get("style", "") for p in gap.iter(f"{SVG}path")]
        assert any(f"fill: url(#{pattern})" in f for f in fills for pattern in patterns), gap.get("id")
    legend_patches = [p for p in root.iter(f"{SVG}path") if "url(#" in p.get("style", "")]
    assert len(legend_patches) == len(gaps) + 1


def test_timeline_in_english_and_png(runner, tmp_path, make_ws):
    root = write(make_ws, bornholm())
    out = tmp_path / "ages.png"
    runner.invoke(cli, ["gaps", "ages", str(root), "--chart", str(out), "--lang", "en"], catch_exceptions=False)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "ages.svg"
    runner.invoke(cli, ["gaps", "ages", str(root), "--chart", str(svg), "--lang", "en"], catch_exceptions=False)
    ids, texts = _svg(svg)
    assert [i for i in ids if i.startswith("bar-")] == ["bar-bornholm-ssp", "bar-bornholm-ukn-bornholm",
                                                        "bar-bornholm-ksp-bornholm", "bar-bornholm-psp-bornholm"]
    assert [i for i in ids if i.startswith("gap-")] == ["gap-bornholm-0"]
    assert "Age (years)" in texts and "Not covered" in texts


def test_heatmap_of_the_example(runner, tmp_path):
    out = tmp_path / "groups.svg"
    runner.invoke(cli, ["gaps", "groups", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    ids, texts = _svg(out)
    cells = [i for i in ids if i.startswith("cell-")]
    assert len(cells) == 11 * 15
    assert "Psykisk sårbare" in texts and "Ringkøbing-Skjern" in texts
    assert "Dækning: persongrupper pr. kommune" in texts


def test_charts_are_deterministic(runner, tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (first, second):
        runner.invoke(cli, ["gaps", "crimes", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    assert first.read_bytes() == second.read_bytes()


def test_bad_chart_suffix_writes_nothing(runner, tmp_path):
    result = runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--chart", str(tmp_path / "x.gif")],
                           catch_exceptions=False)
    assert result.exit_code == 2
    assert result.output.endswith("Error: cannot draw a chart as '.gif'; use .svg, .png or .pdf\n")
    assert list(tmp_path.iterdir()) == []


def test_bad_chart_suffix_is_refused_before_the_table(runner, tmp_path):
    result = runner.invoke(cli, ["gaps", "groups", str(EXAMPLE), "--chart", str(tmp_path / "x.jpg")],
                           catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: cannot draw a chart as '.jpg'; use .svg, .png or .pdf\n")
    assert list(tmp_path.iterdir()) == []


def test_heatmap_colour_bar_counts_in_whole_numbers(runner, tmp_path):
    out = tmp_path / "crimes.svg"
    runner.invoke(cli, ["gaps", "crimes", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    _, texts = _svg(out)
    assert {"0", "1", "2", "3"} <= set(texts)
    assert not {"0.0", "0.5", "1.5", "2.5", "3.0"} & set(texts)


def test_heatmap_heads_its_columns_with_labels_in_the_language_asked_for(runner, tmp_path):
    out = tmp_path / "crimes.svg"
    runner.invoke(cli, ["gaps", "crimes", str(EXAMPLE), "--chart", str(out), "--lang", "en"], catch_exceptions=False)
    ids, texts = _svg(out)
    assert {"Gang crime", "Youth crime", "Violence"} <= set(texts)
    assert not {"bandekriminalitet", "vold"} & set(texts)
    assert "cell-silkeborg-vold" in ids


def test_timeline_labels_stand_beside_their_bars_inside_the_figure(runner, tmp_path):
    """The timeline is laid out by hand (no tight bounding box): each row's label ends 4 points left of its
    panel, starts inside the figure, and its baseline lies within its bar's height, in the order of the bars."""
    from orgmodel.diagram.charts import _label_widths

    out = tmp_path / "ages.svg"
    runner.invoke(cli, ["gaps", "ages", str(EXAMPLE), "--chart", str(out)], catch_exceptions=False)
    root = ET.parse(out).getroot()
    groups = {el.get("id"): el for el in root.iter(f"{SVG}g") if el.get("id")}
    left = float(groups["gap-silkeborg-0"].find(f"{SVG}path").get("d").split()[1])  # the gap starts at age 0
    labels = [(t.text, *map(float, t.get("transform")[len("translate("):-1].split()))
              for t in groups["labels-silkeborg"].iter(f"{SVG}text")]
    bars = [el for key, el in groups.items() if key.startswith("bar-silkeborg-")]
    assert len(labels) == len(bars) == 10
    widths = _label_widths([text for text, _, _ in labels])
    for (text, x, baseline), bar in zip(labels, bars, strict=True):
        ys = [float(v) for v in bar.find(f"{SVG}path").get("d").split()[2:9:3]]
        assert x >= 0 and abs(x + widths[text] + 4 - left) < 0.01, text
        assert min(ys) < baseline < max(ys), text


def test_a_body_with_two_age_spans_has_an_svg_id_per_bar(runner, tmp_path, make_ws):
    data = bornholm()
    find(data, "ssp")["covers"] = {"ages": ["6-9", "12-14"]}
    out = tmp_path / "t.svg"
    result = runner.invoke(cli, ["gaps", "ages", str(write(make_ws, data)), "--chart", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ids, _ = _svg(out)
    assert len(ids) == len(set(ids))
    assert {"bar-bornholm-ssp", "bar-bornholm-ssp-2"} <= set(ids)
