"""The dashboard in a real headless Chromium (Debian's chromium and chromium-driver),
over the example articles served by uvicorn on 127.0.0.1. Screenshots go to
``build/screenshots/``. In CI (``CI=true``) a missing browser fails; elsewhere it skips."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from apistore import coded_examples

from whowhom.api.main import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--window-size=1280,1000")


def _need_browser() -> None:
    missing = [name for name, path in (("chromium", CHROMIUM), ("chromedriver", DRIVER))
               if path is None]
    if not missing:
        return
    message = (f"{' and '.join(missing)} not found; install Debian's chromium and "
               "chromium-driver (.ci/install-browser.sh)")
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    _need_browser()
    port = _free_port()
    config = uvicorn.Config(create_app(coded_examples()), host="127.0.0.1", port=port,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(0)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait_for(driver, css: str, timeout: float = 15, count: int = 1) -> list:
    """The elements matching ``css`` once at least ``count`` are there; an error shown by
    the page fails at once with its message."""
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while True:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        if len(found) >= count:
            return found
        errors = driver.find_elements(By.CSS_SELECTOR, ".error")
        if errors:
            pytest.fail(f"the page shows an error: {errors[0].text}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {css!r} on {driver.current_url} after {timeout} s")
        time.sleep(0.1)


def open_page(driver, url: str) -> None:
    driver.get(url)
    # A hash change alone does not reload the page; make every visit start clean.
    driver.refresh()


def test_overview_shows_timeline_dyads_and_latest_events(browser, base_url: str) -> None:
    open_page(browser, f"{base_url}/#/")
    assert wait_for(browser, "svg.chart rect", count=3)
    assert wait_for(browser, "table.events tbody tr.row", count=3)
    dyads = wait_for(browser, "a[href^='#/dyad/']")
    assert "–" in dyads[0].text
    browser.save_screenshot(str(SHOTS / "overview.png"))


def test_a_filter_narrows_the_event_table(browser, base_url: str) -> None:
    open_page(browser, f"{base_url}/#/events")
    every = wait_for(browser, "table.events tbody tr.row", count=5)
    form = browser.find_element("css selector", "form.filters")
    form.find_element("name", "country").send_keys("ARM")
    form.find_element("css selector", "button[type=submit]").click()
    time.sleep(0.3)
    narrowed = wait_for(browser, "table.events tbody tr.row")
    assert 0 < len(narrowed) < len(every)
    for row in narrowed:
        assert "ARM" in row.text
    browser.save_screenshot(str(SHOTS / "events-filtered.png"))


def test_clicking_an_event_shows_its_highlighted_evidence(browser, base_url: str) -> None:
    open_page(browser, f"{base_url}/#/events?country=TUR")
    rows = wait_for(browser, "table.events tbody tr.row")
    rows[0].click()
    wait_for(browser, ".evidence .sentence mark.trigger")
    marks = {m.get_attribute("class") for m in
             browser.find_elements("css selector", ".evidence .sentence mark")}
    assert {"source", "trigger", "target"} <= marks
    link = browser.find_element("css selector", ".evidence a.doc-link")
    assert "#/documents/" in link.get_attribute("href")
    browser.save_screenshot(str(SHOTS / "event-evidence.png"))
    link.click()
    assert wait_for(browser, ".doc-text mark.event")
    browser.save_screenshot(str(SHOTS / "document.png"))


def test_dyad_view_draws_the_timeline_and_lists_a_periods_events(browser, base_url: str
                                                                 ) -> None:
    open_page(browser, f"{base_url}/#/dyad/TUR/ARM?interval=week")
    points = wait_for(browser, "svg.dyad-chart g.point")
    assert wait_for(browser, "svg.dyad-chart polyline.goldstein")
    busy = [p for p in points if p.find_elements("css selector", "rect:not(.hit)")]
    busy[0].click()
    rows = wait_for(browser, "table.events tbody tr.row")
    assert all("TUR" in r.text and "ARM" in r.text for r in rows)
    browser.save_screenshot(str(SHOTS / "dyad.png"))


def test_network_view_draws_and_an_edge_opens_its_dyad(browser, base_url: str) -> None:
    open_page(browser, f"{base_url}/#/network")
    assert wait_for(browser, "svg.network-chart g.node", count=3)
    edges = wait_for(browser, "svg.network-chart path.edge")
    browser.save_screenshot(str(SHOTS / "network.png"))
    a, b = edges[0].get_attribute("data-dyad").split("-", 1)
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edges[0])
    wait_for(browser, "svg.dyad-chart g.point")
    assert browser.current_url.endswith(f"#/dyad/{a}/{b}")


def test_errors_and_empty_results_are_shown(browser, base_url: str) -> None:
    open_page(browser, f"{base_url}/#/dyad/ISL/NZL")
    empty = wait_for(browser, ".empty")
    assert "No dated events" in empty[0].text
    open_page(browser, f"{base_url}/#/documents/no-such-document")
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + 10
    while not browser.find_elements(By.CSS_SELECTOR, ".error"):
        assert time.monotonic() < deadline, "no error shown for a missing document"
        time.sleep(0.1)
    assert "no document" in browser.find_element(By.CSS_SELECTOR, ".error").text
    browser.save_screenshot(str(SHOTS / "error.png"))
