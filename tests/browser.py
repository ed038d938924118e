"""Debian's Chromium, driven through its chromedriver by selenium, for tests of what a browser shows.

``make test`` installs Chromium (``make chromium``). Without it a browser test
is skipped, except when ``CI`` is set: then it fails, so a CI run never passes
without a browser.
"""

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def require(missing: list[str], install: str) -> None:
    """Skip (or under CI fail) a test when something it needs is missing; ``install`` says how to get it."""
    if missing:
        reason = f"the browser tests need {', '.join(missing)}; {install}"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)


def missing_browser() -> list[str]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    return missing


@contextlib.contextmanager
def chromium(lang: str = "da"):
    """A headless Chromium that logs the console and the network, closed on exit."""
    require(missing_browser(), "`make chromium` installs Chromium and its driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", f"--lang={lang}", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@contextlib.contextmanager
def report_browser():
    """Chromium for the report's pages, whose charts need Graphviz (both required as :func:`require` says)."""
    require([] if shutil.which("dot") else ["Graphviz (dot)"], "`make test` installs Graphviz")
    with chromium() as driver:
        yield driver


def example_report(folder: Path, **options) -> Path:
    """The example's report, as of the tests' day, written to ``folder/report``."""
    from orgmodel.report import build_report
    from orgmodel.workspace import load_workspace

    from .conftest import EXAMPLE, TODAY

    out = folder / "report"
    build_report(load_workspace(EXAMPLE), out, today=TODAY, **options)
    return out


def network_requests(driver) -> list[str]:
    """Every URL the page asked for since the performance log was last read, from the DevTools network events."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
