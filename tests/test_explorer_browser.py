"""The explorer page of the example's report in a real headless Chromium, opened from the disk (tests/browser.py)."""

import json
import time
from pathlib import Path

import pytest

from orgmodel import graph as g
from orgmodel.graph import build_graph
from orgmodel.queries import gaps_coverage, path_between
from orgmodel.workspace import load_workspace

from .browser import example_report, network_requests
from .conftest import EXAMPLE, TODAY

ENTITY_KINDS = ("council", "forum", "organisation", "role", "goal", "document", "policy")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return example_report(tmp_path_factory.mktemp("explorer-browser"))


@pytest.fixture(scope="module")
def graph():
    return build_graph(load_workspace(EXAMPLE), as_of=TODAY)


def wait_ready(driver, timeout: float = 20) -> float:
    """Wait for the page's script to say it is ready; the time from navigation to ready in seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        mark = driver.execute_script("var m = performance.getEntriesByName('orgmodel-explorer-ready');"
                                     "return m.length ? m[0].startTime : null;")
        if mark is not None:
            return mark / 1000
        time.sleep(0.05)
    raise AssertionError("the explorer page never became ready")


@pytest.fixture
def page(browser, report):
    """The explorer page, freshly loaded (the logs of earlier pages read and dropped)."""
    browser.get("about:blank")
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get((report / "explorer.html").as_uri())
    wait_ready(browser)
    return browser


def choose(driver, select: str, value: str) -> None:
    """Choose an option as a reader does (the value, then the change event); selenium's clicks on the options
    of one select after another are not reliable in headless Chromium."""
    driver.execute_script("var s = document.getElementById(arguments[0]); s.value = arguments[1];"
                          "if (s.value !== arguments[1]) { throw new Error('no option ' + arguments[1]); }"
                          "s.dispatchEvent(new Event('change', {bubbles: true}));", select, value)


def _drawn(driver) -> list[str]:
    return driver.execute_script("return window.orgmodelExplorer.cy.nodes(':visible').map(n => n.id()).sort();")


def settled(read, wanted, timeout: float = 5):
    """What ``read()`` gives once it equals ``wanted`` or ``timeout`` seconds have passed: cytoscape applies a
    change of style in its next frames, which a loaded machine may delay."""
    end = time.monotonic() + timeout
    value = read()
    while value != wanted and time.monotonic() < end:
        time.sleep(0.05)
        value = read()
    return value


def _listed(driver) -> list[str]:
    return sorted(driver.execute_script(
        "return [...document.querySelectorAll('#explorer-nodes [role=option]')].map(e => e.dataset.node);"))


def _card(driver) -> str:
    return driver.execute_script("return document.getElementById('explorer-card-body').dataset.node || null;")


def test_every_node_of_the_graph_is_drawn_without_console_errors_or_requests_outside(page, report, graph):
    wanted = sorted([n for n, d in graph.nodes(data=True) if d["kind"] in ENTITY_KINDS] + [
        "herning", "holstebro", "ikast-brande", "lemvig", "morsoe", "ringkoebing-skjern", "silkeborg", "skive",
        "struer", "thisted", "viborg"])
    assert _drawn(page) == wanted
    assert _listed(page) == wanted
    assert page.execute_script("return window.orgmodelExplorer.cy.edges().length") == len(
        [1 for u, v in graph.edges() if u in set(wanted) and v in set(wanted)])
    assert [e for e in page.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    requests = []
    for entry in page.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    resources = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    folder = report.as_uri() + "/"
    assert (report / "assets" / "cytoscape.min.js").as_uri() in requests
    assert [u for u in requests + resources if not u.startswith(folder) and not u.startswith("data:")] == []


def _click_on_canvas(driver, node: str) -> None:
    """A real mouse click on ``node`` in the drawing, zoomed in and centred so nothing else is under it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.ID, "explorer-canvas")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                          "var cy = window.orgmodelExplorer.cy, n = cy.getElementById(arguments[1]);"
                          "cy.zoom(3); cy.center(n);", canvas, node)
    ActionChains(driver).move_to_element(canvas).click().perform()


def test_a_click_on_a_node_opens_its_card_and_lights_up_its_neighbours(page, graph):
    from selenium.webdriver.common.by import By

    _click_on_canvas(page, "ssp-silkeborg")
    assert _card(page) == "ssp-silkeborg"
    title = page.find_element(By.ID, "explorer-card-title").text
    assert title == "SSP Silkeborg Forum"
    link = page.find_element(By.CSS_SELECTOR, "#explorer-card-body a")
    assert link.get_attribute("href").endswith("/bodies/ssp-silkeborg.html")
    lit = page.execute_script("return window.orgmodelExplorer.cy.nodes('.near').map(n => n.id()).sort()")
    shown = set(_drawn(page))
    assert lit == sorted({*graph.successors("ssp-silkeborg"), *graph.predecessors("ssp-silkeborg")} & shown)
    relations = page.execute_script("return [...document.querySelectorAll('.explorer-relations li')]"
                                    ".map(li => li.textContent)")
    assert "→ under: Lokalrådet i Silkeborg Kommune" in relations


def test_a_filter_hides_exactly_the_nodes_that_do_not_match(page, graph):
    choose(page, "filter-kommune", "silkeborg")
    wanted = sorted([n for n, d in graph.nodes(data=True) if d["kind"] in ENTITY_KINDS
                     and d.get("area") == "silkeborg"] + ["silkeborg"])
    assert settled(lambda: _drawn(page), wanted) == wanted and _listed(page) == wanted
    choose(page, "filter-type", "ssp")
    wanted = sorted(n for n in wanted if graph.nodes[n]["kind"] == "forum" and graph.nodes[n]["type"] == "ssp")
    assert wanted == ["ssp-silkeborg"] and settled(lambda: _drawn(page), wanted) == wanted
    assert _listed(page) == wanted
    total = sum(1 for _, d in graph.nodes(data=True) if d["kind"] in ENTITY_KINDS) + 11  # and the 11 kommuner
    assert page.find_element("id", "explorer-shown").text == f"Knuder vist: 1 af {total}."
    choose(page, "filter-kommune", "")
    choose(page, "filter-type", "")
    choose(page, "filter-category", "politi")
    vocabulary = g.vocabulary(graph)
    police = sorted(n for n, d in graph.nodes(data=True) if d["kind"] in ("organisation", "role")
                            and vocabulary.category_ancestors(graph.nodes[g.organisation_of(graph, n)]["type"])[-1]
                            == "politi")
    assert settled(lambda: _drawn(page), police) == police
    assert "silkeborg-lokalpoliti" in police and "ssp-silkeborg" not in police


def test_the_search_box_focuses_the_node(page):
    box = page.find_element("id", "explorer-find-input")
    box.send_keys("lokalrådet silkeborg\n")
    assert _card(page) == "lokalraad-silkeborg"
    def off_centre():  # the view moves to the node in 200 ms
        return page.execute_script("var cy = window.orgmodelExplorer.cy, p = cy.getElementById("
                                   "'lokalraad-silkeborg').renderedPosition(), x = p.x - cy.width() / 2,"
                                   "y = p.y - cy.height() / 2; return Math.abs(x) < 10 && Math.abs(y) < 10;")

    assert settled(off_centre, True)
    assert page.execute_script("return window.orgmodelExplorer.cy.nodes('.focus').map(n => n.id())") == [
        "lokalraad-silkeborg"]
    box.clear()
    box.send_keys("no such thing\n")
    assert page.find_element("id", "explorer-find-status").text == "Ingen knude passer til »no such thing«."


@pytest.mark.parametrize("source, target", [
    ("borgmester-silkeborg", "psp-viborg"), ("silkeborg-lokalpoliti", "mvj-2026-indbrud"),
    ("ssp-silkeborg", "psp-viborg"), ("kredsraad-mvj", "silkeborg-skole-them")])
def test_the_path_tool_shows_the_path_orgmodel_path_finds(page, source, target):
    expected = path_between(load_workspace(EXAMPLE), source, target, as_of=TODAY).rows
    assert expected
    page.find_element("id", "path-from").send_keys(source)
    page.find_element("id", "path-to").send_keys(target)
    page.find_element("css selector", "#explorer-path button").click()
    steps = page.execute_script("return [...document.querySelectorAll('.explorer-steps li')].map(li => "
                                "[li.dataset.from, li.dataset.relation, li.dataset.direction, li.dataset.to])")
    assert steps == expected


def test_the_keyboard_moves_through_the_list_and_the_neighbours(page):
    from selenium.webdriver.common.keys import Keys

    listbox = page.find_element("id", "explorer-nodes")
    listbox.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    first, second = page.execute_script("return [...document.querySelectorAll('#explorer-nodes [role=option]')]"
                                        ".slice(0, 2).map(e => e.dataset.node)")
    assert listbox.get_attribute("aria-activedescendant") == f"node-{second}"
    listbox.send_keys(Keys.ARROW_UP, Keys.ENTER)
    assert _card(page) == first
    assert page.switch_to.active_element.get_attribute("id") == "explorer-card-title"
    page.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    neighbour = page.switch_to.active_element.get_attribute("data-node")
    assert neighbour and "explorer-neighbour" in page.switch_to.active_element.get_attribute("class")
    page.switch_to.active_element.send_keys(Keys.ENTER)
    assert _card(page) == neighbour


def test_coverage_mode_colours_kommuner_as_gaps_says_and_says_it_as_text(page):
    from selenium.webdriver.support.ui import Select

    choose(page, "coverage-dimension", "groups")
    item = Select(page.find_element("id", "coverage-item")).first_selected_option.text
    table = gaps_coverage(load_workspace(EXAMPLE), "groups", as_of=TODAY)
    first = sorted({row[1] for row in table.rows})[0]
    assert item == [row[2] for row in table.rows if row[1] == first][0]
    wanted = {row[0]: row[3] for row in table.rows if row[1] == first}
    shown = page.execute_script("return Object.fromEntries([...document.querySelectorAll('#coverage-result tbody tr')]"
                                ".map(tr => [tr.dataset.kommune, tr.dataset.status]))")
    assert shown == wanted
    colours = page.execute_script("var cy = window.orgmodelExplorer.cy; return Object.fromEntries("
                                  "Object.keys(arguments[0]).map(k => [k, cy.getElementById(k).data('status')]))",
                                  wanted)
    palette = page.execute_script("return window.ORGMODEL_EXPLORER.status_colour")
    assert colours == {k: palette[status] for k, status in wanted.items()}


@pytest.fixture(scope="module")
def nation(tmp_path_factory) -> tuple[Path, object]:
    """The national report of three districts (tests/districts.py), and the national graph."""
    from orgmodel.report import build_report
    from orgmodel.workspace import open_workspaces

    from .districts import national

    ws = open_workspaces([national(tmp_path_factory.mktemp("land") / "national")])
    out = tmp_path_factory.mktemp("national-explorer-browser") / "report"
    build_report(ws, out, today=TODAY)
    return out, build_graph(ws, as_of=TODAY)


def _requests(driver) -> list[str]:
    """Every address the page asked for: the network log and the page's own resource timings."""
    return network_requests(driver) + driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")


def test_the_national_explorer_opens_a_nodes_card_linked_into_its_district(browser, nation):
    from urllib.parse import unquote, urlsplit

    from selenium.webdriver.common.by import By

    out, graph = nation
    browser.get("about:blank")
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get((out / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, 'nav a[href="explorer.html"]').click()
    assert browser.current_url == (out / "explorer.html").as_uri()
    wait_ready(browser)
    drawn = _drawn(browser)
    entities = sorted(n for n, d in graph.nodes(data=True) if d["kind"] in ENTITY_KINDS)
    assert [n for n in drawn if graph.nodes[n]["kind"] != "area"] == entities and len(drawn) == len(entities) + 22
    assert [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    folder = out.as_uri() + "/"
    assert [u for u in _requests(browser) if not u.startswith(folder) and not u.startswith("data:")] == []
    _click_on_canvas(browser, "psp-bornholm")
    assert _card(browser) == "psp-bornholm"
    href = browser.find_element(By.CSS_SELECTOR, "#explorer-card-body a").get_attribute("href")
    target = Path(unquote(urlsplit(href).path))
    assert target == out / "bornholm" / "bodies" / "psp-bornholm.html" and target.is_file()
    choose(browser, "filter-district", "fyn")
    wanted = sorted(n for n in _drawn(browser) if graph.nodes[n].get("workspace") == "fyn" or n in (
        "aeroe", "assens", "faaborg-midtfyn", "kerteminde", "langeland", "middelfart", "nordfyns", "nyborg",
        "odense", "svendborg"))
    assert settled(lambda: _drawn(browser), wanted) == wanted and len(wanted) == 48 + 10
    browser.find_element(By.CSS_SELECTOR, '#explorer-nodes [data-node="lokalraad-odense"]').click()
    href = browser.find_element(By.CSS_SELECTOR, "#explorer-card-body a").get_attribute("href")
    target = Path(unquote(urlsplit(href).path))
    assert target == out / "fyn" / "bodies" / "lokalraad-odense.html" and target.is_file()


def test_axe_finds_no_wcag_violation_on_the_national_explorer(browser, nation):
    from .browser import require
    from .test_report_accessibility import AXE_JS, AXE_VERSION, RUN_AXE, WCAG_TAGS, _readable

    require([] if AXE_JS.exists() else [str(AXE_JS)], "`make axe` fetches it")
    out, _ = nation
    browser.get((out / "explorer.html").as_uri())
    wait_ready(browser)
    browser.execute_script(AXE_JS.read_text(encoding="utf-8"))
    assert browser.execute_script("return axe.version") == AXE_VERSION
    assert browser.find_element("id", "filter-district").is_displayed()
    found = _readable("explorer.html", browser.execute_async_script(RUN_AXE, WCAG_TAGS))
    assert found == [], "axe found WCAG 2.1 A/AA violations:\n" + "\n".join(found)
