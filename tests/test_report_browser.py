"""The report of the example in a real headless Chromium, opened from the file system (see tests/browser.py)."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from orgmodel.report import build_report

from .browser import example_report, network_requests
from .conftest import ROOT, TODAY

SCREENSHOT = ROOT / "out" / "report-start.png"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return example_report(tmp_path_factory.mktemp("browser"))


def _open(driver, path: Path):
    """Load a page with fresh logs (what was logged before is read and dropped)."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"



READ_PAGE = """return {
  resources: performance.getEntriesByType('resource').map(e => e.name),
  broken: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
  styled: getComputedStyle(document.querySelector('header.site')).display === 'block',
  index: Array.isArray(window.ORGMODEL_SEARCH) && window.ORGMODEL_SEARCH.length,
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  links: [...document.querySelectorAll('a[href], img[src], link[href], script[src]')]
    .map(e => [e.tagName, e.href || e.src, e.rel || '']),
};"""


@pytest.fixture(scope="module")
def visits(browser, site) -> dict[Path, dict]:
    """Each page of the report loaded once: console messages, requests, images, ids and links."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        _open(browser, page)
        found[page] = {**browser.execute_script(READ_PAGE), "console": browser.get_log("browser"),
                       "requests": network_requests(browser)}
    return found


def test_every_page_loads_without_errors_or_network_requests(visits):
    assert len(visits) == 37  # with the status page (issue 16) and the explorer (issue 18)
    for page, seen in visits.items():
        assert [e for e in seen["console"] if e["level"] == "SEVERE"] == [], page
        assert page.as_uri() in seen["requests"]
        assert [u for u in seen["requests"] if not u.startswith(("file://", "data:"))] == [], page
        assert [u for u in seen["resources"] if not u.startswith(("file://", "data:"))] == [], page
        assert seen["broken"] == [], page
        assert seen["styled"] and seen["index"] == 140, page  # every entry: its 2 plans, the late action, 3 policies


def test_every_link_resolves_to_a_file_and_anchor(visits, site):
    ids = {page: set(seen["ids"]) for page, seen in visits.items()}
    checked = 0
    for page, seen in visits.items():
        for tag, url, rel in seen["links"]:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                assert tag == "A" and "external" in rel, (page, url)
                continue
            if parts.scheme == "data":
                continue
            assert parts.scheme == "file", (page, url)
            target = Path(unquote(parts.path))
            assert target.is_file() and site in target.parents, (page, url)
            if parts.fragment:
                assert parts.fragment in ids[target], (page, url)
            checked += 1
    assert checked > 1000


def _search(browser, text: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    box = browser.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys(text)
    WebDriverWait(browser, 5).until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#search-results a")))
    return browser.find_elements(By.CSS_SELECTOR, "#search-results a")


def test_search_finds_an_entity_by_name_and_opens_its_page(browser, site):
    from selenium.webdriver.common.by import By

    _open(browser, site / "index.html")
    results = _search(browser, "SSP Silkeborg")
    assert results[0].text.startswith("SSP Silkeborg")
    results[0].click()
    assert browser.current_url == (site / "bodies" / "ssp-silkeborg.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text == "SSP Silkeborg"
    results = _search(browser, "ældre nabohjælp")
    assert [r.text for r in results] == [
        "Flere ældre borgere kender og bruger indbrudsforebyggelse og Nabohjælp Mål",
        "Informationsmøder om indbrud, Nabohjælp og telefonsvindel for ældre Mål"]
    results[0].click()
    assert browser.current_url == (site / "goals.html").as_uri() + "#silkeborg-2026-indbrud"
    assert browser.find_element(By.ID, "silkeborg-2026-indbrud").is_displayed()


def test_search_by_id_from_a_page_in_a_subfolder(browser, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, site / "bodies" / "kredsraad-mvj.html")
    _search(browser, "psp-viborg")
    browser.find_element(By.ID, "search-input").send_keys(Keys.ENTER)
    assert browser.current_url == (site / "bodies" / "psp-viborg.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text == "PSP Viborg"
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("qqqxxz")
    assert browser.find_element(By.ID, "search-status").text == "Ingen resultater"


def test_screenshot_of_the_start_page(browser, site, tmp_path):
    _open(browser, site / "index.html")
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    title = browser.execute_script("const r = document.querySelector('h1').getBoundingClientRect();"
                                   "return [r.top, r.bottom, getComputedStyle(document.querySelector('h1')).fontSize]")
    assert 0 < title[0] < title[1] < 300 and float(title[2].removesuffix("px")) >= 24
    shot = tmp_path / "report-start.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.write_bytes(data)


@pytest.fixture(scope="module")
def national_site(tmp_path_factory) -> Path:
    from orgmodel.workspace import open_workspaces

    from .districts import national

    land = national(tmp_path_factory.mktemp("land") / "national")
    out = tmp_path_factory.mktemp("browser") / "national-report"
    build_report(open_workspaces([land]), out, today=TODAY)
    return out


def test_national_report_loads_links_and_searches_across_districts(browser, national_site):
    from selenium.webdriver.common.by import By

    front = national_site / "index.html"
    _open(browser, front)
    seen = {**browser.execute_script(READ_PAGE), "console": browser.get_log("browser")}
    assert [e for e in seen["console"] if e["level"] == "SEVERE"] == [] and seen["broken"] == []
    assert seen["styled"] and seen["index"] > 200
    files = [Path(unquote(urlsplit(url).path)) for _, url, _ in seen["links"] if url.startswith("file:")]
    assert len(files) > 40 and all(f.is_file() and national_site in f.parents for f in files)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    results = _search(browser, "SSP Silkeborg")
    results[0].click()
    assert browser.current_url == (national_site / "mvj" / "bodies" / "ssp-silkeborg.html").as_uri()
    # each district draws its own org chart, at its own size (scrolled in its frame, never squeezed to a strip)
    _open(browser, national_site / "mvj" / "index.html")
    size = browser.execute_script("const i = document.querySelector('figure.diagram img');"
                                  "return [i.naturalHeight, i.getBoundingClientRect().height]")
    assert size[0] > 150 and abs(size[1] - size[0]) < 2, size
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kredsrådet i Midt- og Vestjylland"


DIRECTION = """const links = [...document.querySelectorAll('dd a')];
const at = links.findIndex(a => a.textContent.includes('\\u202e'));
const next = links[at + 1], text = next.firstChild, range = document.createRange();
const x = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
return [at, x(0) < x(text.length - 1)];"""
"""Of the member links of a page: the index of the one holding U+202E, and whether the next reads left to right."""


def test_a_direction_mark_in_one_name_turns_no_other_name_around(browser, tmp_path):
    """An unclosed right-to-left override in one borgmester's title drew every name after it backwards."""
    import shutil

    from orgmodel.workspace import load_workspace

    from .conftest import EXAMPLE

    root = shutil.copytree(EXAMPLE, tmp_path / "ws")
    roles = root / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    assert "    title: Borgmester, Herning Kommune\n" in text
    roles.write_text(text.replace("    title: Borgmester, Herning Kommune\n",
                                  '    title: "Borgmester, Herning \\u202eKommune"\n', 1), encoding="utf-8")
    build_report(load_workspace(root), tmp_path / "report", today=TODAY)
    _open(browser, tmp_path / "report" / "index.html")
    at, left_to_right = browser.execute_script(DIRECTION)
    assert at >= 0 and left_to_right
