"""orgmodel's Mermaid output read by Mermaid itself: parsed and drawn by the real library in headless
Chromium, for the example and for the injection corpus (tests/test_injection.py).

``make test`` fetches the library (``make mermaid``) and Chromium (see tests/browser.py). The drawing
must hold every text of the diagram as text, and no script or event handler.
"""

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgmodel.cli import cli
from orgmodel.diagram.mermaid import WORD_JOINER
from orgmodel.workspace import load_workspace

from .browser import chromium, require
from .conftest import EXAMPLE, ROOT
from .outputs import build_outputs
from .test_injection import OUTPUTS, _diagram, _expected_texts, normal

MERMAID_JS = ROOT / ".cache" / "mermaid-12.3.0" / "mermaid.min.js"

DRAW = """
const [text, done] = arguments;
(async () => {
  try {
    await mermaid.parse(text);
    const {svg} = await mermaid.render('drawing' + Math.floor(Math.random() * 1e9), text);
    const box = document.createElement('div');
    box.innerHTML = svg;
    document.body.replaceChildren(box);
    box.querySelectorAll('style').forEach(e => e.remove());
    const all = [...box.querySelectorAll('*')];
    done({drawn: true, text: box.textContent,
          scripts: box.querySelectorAll('script, iframe, object, embed').length,
          handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
          links: all.filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || '')).length});
  } catch (error) {
    done({drawn: false, error: String(error && error.message || error)});
  }
})();
"""


@pytest.fixture(scope="module")
def mermaid(tmp_path_factory):
    """A page with the Mermaid library loaded, opened from the file system."""
    require([] if MERMAID_JS.exists() else [str(MERMAID_JS)], "`make mermaid` fetches it")
    page = tmp_path_factory.mktemp("mermaid") / "mermaid.html"
    page.write_text(f'<!DOCTYPE html>\n<meta charset="utf-8">\n<script src="{MERMAID_JS.as_uri()}"></script>\n'
                    '<script>mermaid.initialize({startOnLoad: false, securityLevel: "strict"});</script>\n'
                    "<body></body>\n", encoding="utf-8")
    with chromium() as driver:
        driver.get(page.as_uri())
        assert driver.execute_script("return typeof mermaid.render") == "function"
        yield driver


def draw_in_mermaid(driver, text: str) -> dict:
    return driver.execute_async_script(DRAW, text)


EXAMPLE_OUTPUTS = build_outputs(body="ssp-silkeborg", role="politidirektoer-mvj", org="silkeborg-lokalpoliti",
                                other="borgmester-herning")


def _check(driver, output, root, ws, G):
    argv = [a.replace("{ws}", str(root)) for a in output.argv]
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    drawn = draw_in_mermaid(driver, result.stdout)
    assert drawn["drawn"], f"Mermaid refused {output.name}: {drawn['error']}"
    assert (drawn["scripts"], drawn["handlers"], drawn["links"]) == (0, 0, 0), drawn
    shown = normal(drawn["text"].replace(WORD_JOINER, ""))  # invisible; keeps Mermaid off \\n and $$
    for text in _expected_texts(_diagram(output, ws, G))[1:]:  # [0] is the title, a comment in Mermaid
        assert text in shown, f"{text!r} is not shown as text in {output.name}: {shown[:500]}"


def test_mermaid_draws_the_injection_corpus_as_text(mermaid, corpus):
    """Quotes, brackets, entities, backslashes, dollar signs and markup in every view come out as written."""
    root, ws, G = corpus
    outputs = [o for o in OUTPUTS if o.kind == "mermaid"]
    assert len(outputs) >= 5
    for output in outputs:
        _check(mermaid, output, root, ws, G)


def test_mermaid_draws_the_example(mermaid):
    from orgmodel.graph import build_graph

    ws = load_workspace(EXAMPLE)
    G = build_graph(ws)
    for output in [o for o in EXAMPLE_OUTPUTS if o.kind == "mermaid"]:
        argv = tuple(a.replace("bornholm", "silkeborg") for a in output.argv)  # the example's kommune
        _check(mermaid, dataclasses.replace(output, argv=argv), EXAMPLE, ws, G)


def test_a_broken_text_is_refused(mermaid):
    """The check can fail: Mermaid refuses a label followed by raw brackets, which orgmodel never writes."""
    drawn = draw_in_mermaid(mermaid, 'flowchart TB\n    a["x"]]]\n')
    assert not drawn["drawn"] and "Parse error" in drawn["error"], json.dumps(drawn)


def test_the_library_is_the_pinned_one():
    require([] if MERMAID_JS.exists() else [str(MERMAID_JS)], "`make mermaid` fetches it")
    assert Path(MERMAID_JS).stat().st_size > 1_000_000
    assert "MERMAID_VERSION := 12.3.0" in (ROOT / "Makefile").read_text(encoding="utf-8")
