"""WCAG 2.1 AA of the example's report in a real headless Chromium (see tests/browser.py).

axe-core (``make axe`` fetches the pinned version from npm into .cache/) audits every page of the
report; it is put into each page through the WebDriver, because the report's Content-Security-Policy
lets no other script in. What axe cannot see is tested here too: reflow at 320 px (1.4.10), the focus
ring's contrast (1.4.11, 2.4.7), foreign-language text marked with ``lang`` (3.1.2), and the search
results closing when focus leaves and announcing their number (2.4.7, 4.1.3).
"""

from pathlib import Path

import pytest

from orgmodel.check import RULES, check
from orgmodel.report.text import glossary
from orgmodel.workspace import load_workspace

from .browser import example_report, require
from .conftest import EXAMPLE, ROOT, TODAY

AXE_VERSION = "4.14.1"
AXE_JS = ROOT / ".cache" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STATEMENT = "https://www.example.dk/tilgaengelighedserklaering"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return example_report(tmp_path_factory.mktemp("a11y"), statement=STATEMENT)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    return example_report(tmp_path_factory.mktemp("a11y-en"), statement=STATEMENT, lang="en")


def _pages(site: Path) -> list[Path]:
    """Every page of the report, found by walking its folder."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30 and site / "index.html" in pages and site / "check.html" in pages
    return pages


def _open(driver, page: Path, width: int = 1280) -> None:
    driver.set_window_size(width, 900)
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


RUN_AXE = """const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
     nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.slice(0, 120))}))))
  .catch(e => done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]));"""


def _readable(page: str, violations: list[dict]) -> list[str]:
    """One line per violation and element: page, rule, impact, what it asks, where."""
    return [f"{page}: {v['id']} ({v['impact']}): {v['help']}: {node}"
            for v in violations for node in v["nodes"] or [""]]


@pytest.mark.parametrize("language", ["da", "en"])
def test_axe_finds_no_wcag_2_1_a_or_aa_violation_on_any_page(browser, language, request):
    """Every page of the report in Danish and in English (``--lang en``): each has words and a ``lang`` of its own."""
    require([] if AXE_JS.exists() else [str(AXE_JS)], "`make axe` fetches it")
    site = request.getfixturevalue("site" if language == "da" else "english_site")
    axe = AXE_JS.read_text(encoding="utf-8")
    found, audited = [], 0
    for page in _pages(site):
        _open(browser, page)
        browser.execute_script(axe)
        assert browser.execute_script("return axe.version") == AXE_VERSION
        found += _readable(str(page.relative_to(site)), browser.execute_async_script(RUN_AXE, WCAG_TAGS))
        audited += 1
    assert found == [], "axe found WCAG 2.1 A/AA violations:\n" + "\n".join(found)
    assert audited == len(_pages(site))


def test_axe_in_this_test_finds_a_violation_when_there_is_one(browser, tmp_path):
    """The audit can fail: a page with an image without alt text and an unlabelled field."""
    require([] if AXE_JS.exists() else [str(AXE_JS)], "`make axe` fetches it")
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="da"><title>x</title><main><img src="data:,">'
                    '<input type="text"></main></html>', encoding="utf-8")
    _open(browser, page)
    browser.execute_script(AXE_JS.read_text(encoding="utf-8"))
    ids = {v["id"] for v in browser.execute_async_script(RUN_AXE, WCAG_TAGS)}
    assert {"image-alt", "label"} <= ids


def test_no_page_scrolls_sideways_at_320_px(browser, site):
    """WCAG 1.4.10: at 320 CSS px wide, long words and addresses wrap; only data tables and charts scroll
    inside their own frames."""
    wide = []
    for page in _pages(site):
        _open(browser, page, 320)
        assert browser.execute_script("return window.innerWidth") == 320
        scroll, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide.append(f"{page.relative_to(site)}: {scroll} px wide in a {client} px viewport")
    assert wide == []


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two sRGB colours (0-255 per channel).

    >>> round(contrast((240, 180, 0), (255, 255, 255)), 2)
    1.87
    >>> round(contrast((0, 0, 0), (255, 255, 255)), 1)
    21.0
    """
    def luminance(colour):
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUS_RINGS = """
function rgb(text) {  // [r, g, b], or null when fully transparent
  const m = text.match(/[\\d.]+/g).map(Number);
  return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3);
}
function backdrop(el) {  // the first opaque background at or above el
  for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c) return c; }
  return [255, 255, 255];
}
const seen = [];
const focusable = () => document.querySelectorAll('a[href], input, [tabindex]');  // again each time: the search
for (let i = 0; i < focusable().length; i++) {  // draws its results when its box gets focus
  const el = focusable()[i];
  el.focus();
  if (document.activeElement !== el) continue;
  const s = getComputedStyle(el);
  const offset = parseFloat(s.outlineOffset), width = parseFloat(s.outlineWidth);
  // A ring drawn inside the element (negative offset) lies on the element's own background.
  const behind = offset + width <= 0 ? backdrop(el) : backdrop(el.parentElement);
  seen.push({what: el.tagName + ' ' + (el.id || el.className || el.textContent.trim().slice(0, 30)),
             visible: el.matches(':focus-visible'), style: s.outlineStyle, width: width,
             ring: rgb(s.outlineColor), behind: behind, result: el.closest('#search-results') !== null});
}
return seen;"""


def test_the_focus_ring_has_3_to_1_contrast_against_what_it_is_drawn_on(browser, site):
    """WCAG 1.4.11 and 2.4.7: every link, field and scrollable chart of these pages shows a focus ring of at
    least 2 px whose colour has 3:1 or more against its background: the white page, the grey figure boxes and
    the blue header (the old ring, #f0b400, had 1.87:1 on white)."""
    from selenium.webdriver.common.by import By

    problems, backgrounds, checked, results = [], set(), 0, 0
    for name in ("index.html", "check.html", "bodies/lokalraad-silkeborg.html"):
        _open(browser, site / name)
        browser.find_element(By.ID, "search-input").send_keys("ssp")  # the results are links too
        for ring in browser.execute_script(FOCUS_RINGS):
            checked += 1
            results += ring["result"]
            backgrounds.add(tuple(ring["behind"]))
            ratio = contrast(ring["ring"] or (0, 0, 0), ring["behind"]) if ring["ring"] else 0
            if not (ring["visible"] and ring["style"] != "none" and ring["width"] >= 2 and ratio >= 3):
                problems.append(f"{name}: {ring['what']}: {ring['style']} {ring['width']} px {ring['ring']} "
                                f"on {ring['behind']}: {ratio:.2f}:1")
    assert problems == []
    assert checked > 100 and results >= 3
    assert {(255, 255, 255), (244, 246, 248), (31, 78, 154)} <= backgrounds  # white, the grey boxes, the header


def _text_languages(browser) -> list[tuple[str, str]]:
    """Each text of the page's main part with the language it is marked as (the nearest lang attribute)."""
    return browser.execute_script("""
const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
const found = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.replace(/\\s+/g, ' ').trim();
  if (text) found.push([text, node.parentElement.closest('[lang]').getAttribute('lang')]);
}
return found;""")


def test_english_text_on_danish_pages_is_marked_lang_en(browser, site):
    """WCAG 3.1.2: the check's rule titles, problems and fixes are English; on the Danish pages every one of
    them sits in an element with lang="en" (check.html and the findings on the pages of councils and forums),
    and the glossary marks each entry's English twin."""
    result = check(load_workspace(EXAMPLE), TODAY)
    english = {RULES[f.rule].title for f in result.findings} | {f.message for f in result.findings} | {
        f.fix for f in result.findings}
    english = {" ".join(text.split()) for text in english if text}
    unmarked, marked = [], 0
    for page in [site / "check.html", *sorted((site / "bodies").glob("*.html"))]:
        _open(browser, page)
        for text, lang in _text_languages(browser):
            if text in english:
                marked += lang == "en"
                if lang != "en":
                    unmarked.append(f"{page.relative_to(site)}: {text[:80]} (lang={lang})")
    assert unmarked == []
    assert marked >= len(english)
    _open(browser, site / "glossary.html")
    assert browser.execute_script("return document.querySelectorAll('.other-lang[lang=\"en\"]').length") == len(
        glossary())


def _status(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, "search-status").text


def test_search_says_how_many_results_and_closes_when_focus_leaves(browser, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, site / "bodies" / "ssp-silkeborg.html")
    status = browser.find_element(By.ID, "search-status")
    assert status.get_attribute("aria-live") == "polite"
    box = browser.find_element(By.ID, "search-input")
    results = browser.find_element(By.ID, "search-results")
    box.send_keys("psp viborg")
    assert len(results.find_elements(By.TAG_NAME, "a")) == 1 and _status(browser) == "1 resultat"
    box.clear()
    box.send_keys("lokalråd")
    shown = len(results.find_elements(By.TAG_NAME, "a"))
    assert shown > 1 and _status(browser) == f"{shown} resultater"
    box.send_keys(Keys.ARROW_DOWN)  # into the results: still open
    assert results.is_displayed()
    assert browser.execute_script("return document.activeElement.closest('#search-results') !== null")
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP)  # back to the box
    assert browser.switch_to.active_element == box and results.is_displayed()
    box.send_keys(Keys.SHIFT, Keys.TAB)  # out of the search, back into the menu
    assert browser.execute_script("return document.activeElement.closest('form.search') === null")
    assert not results.is_displayed()
    box.click()  # back into the box: the same results again
    assert results.is_displayed() and _status(browser) == f"{shown} resultater"
