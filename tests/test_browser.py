"""Browsing as staff do: ``planarkiv serve`` on a free port, driven in headless Chromium.

The staff question, "have we tried it before, what did it cost, who ran it, and was it continued?": open
Indsatser, search ``dømte``, facet by year, open the 2010 initiative, see its money and who ran it, see the
evidence (its PDF page with the initiative highlighted), follow its lineage to the budget-2027 card that
continues it, and open that card's PDF; then the chart of money by year; then ingest a new document while
the server runs and see it appear. Every request the
browser makes goes to the local server (the chart's JavaScript is
served by Datasette, not fetched from a CDN). Screenshots: ``test-artifacts/browser/``.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make test`` installs them) and selenium (the test
extra). Without them the test is skipped, except in CI, where it fails.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import wait_for_server

# A real browser against a running server.
pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--window-size=1400,1000", "--lang=da",
)
TITLE_2010 = "Job og uddannelse til dømte unge"
TITLE_2027 = "Videreførelse af job og uddannelse til dømte og varetægtsfængslede"
# Datasette's English the pages must not show (tests/test_pages.py checks the full list in the HTML).
ENGLISH = ("rows", "Search:", "Apply", "Links from other tables", "This data as", "Powered by")


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is missing (make test installs Debian's chromium and chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is missing (pip install -e '.[test]')"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def served_db(tmp_path_factory: pytest.TempPathFactory, ingested_corpus: Path) -> Path:
    """A copy of the ingested bundled corpus (with its PDFs), for the server and an ingest while it runs."""
    source = ingested_corpus
    db_path = tmp_path_factory.mktemp("served") / source.name
    shutil.copyfile(source, db_path)
    shutil.copytree(source.with_name(f"{source.stem}.pdfs"), db_path.with_name(f"{db_path.stem}.pdfs"))
    return db_path


@pytest.fixture(scope="module")
def server(served_db: Path) -> Iterator[str]:
    """``planarkiv serve`` on the ingested bundled corpus; its base URL."""
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    db_path = served_db
    port = _free_port()
    planarkiv = Path(sys.executable).with_name("planarkiv")
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below, after the server)
    process = subprocess.Popen([str(planarkiv), "serve", "--db", str(db_path), "--port", str(port)],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(process, base, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="planarkiv-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _shot(driver, name: str, full_page: bool = True) -> None:
    """A screenshot of the whole page (at most 5000 px high), or of the window (the PDF viewer)."""
    path = ARTIFACTS / f"{name}.png"
    if not full_page:
        driver.save_screenshot(str(path))
        return
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 5000), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip})
    path.write_bytes(base64.b64decode(shot["data"]))


def _wait(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_have_we_tried_it_before_what_did_it_cost_and_was_it_continued(server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(f"{server}/planarkiv/initiatives")
    assert driver.find_element(By.CSS_SELECTOR, "h1").text.strip() == "Indsatser"
    _shot(driver, "01-indsatser")

    # Search as staff do: type into the search box and press Enter.
    box = driver.find_element(By.ID, "_search")
    box.send_keys("dømte", Keys.ENTER)
    _wait(driver, lambda d: "_search=" in d.current_url)
    _shot(driver, "02-soeg-doemte")
    assert "rækker hvor søgningen finder »dømte«" in driver.find_element(By.CSS_SELECTOR, "h3").text
    rows = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    titles = [r.find_element(By.CSS_SELECTOR, "td.col-title").text for r in rows]
    assert TITLE_2010 in titles and TITLE_2027 in titles, titles

    # Facet by year: the 2010 link of the year facet.
    facet = driver.find_element(By.CSS_SELECTOR, ".facet-info[data-column='year']")
    facet.find_element(By.XPATH, ".//a[normalize-space()='2010']").click()
    _wait(driver, lambda d: "year=2010" in d.current_url)
    _shot(driver, "03-facet-aar-2010")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert {r.find_element(By.CSS_SELECTOR, "td.col-year").text for r in rows} == {"2010"}

    # Open the initiative (its id links to its own page): its money, who, and its lineage.
    row = next(r for r in rows if r.find_element(By.CSS_SELECTOR, "td.col-title").text == TITLE_2010)
    row.find_element(By.CSS_SELECTOR, "td.col-id a").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".planarkiv-story"))
    body = driver.find_element(By.TAG_NAME, "body").text
    assert f"Indsatser: {TITLE_2010}" in body
    assert "10 mio. kr." in driver.find_element(By.CSS_SELECTOR, ".planarkiv-amounts").text
    assert "Jobcenter Skelbækgade" in body
    assert not [word for word in ENGLISH if word in body], body
    _shot(driver, "04-indsats-2010")

    # The evidence: the PDF page drawn with the initiative highlighted, and "PDF s. 7".
    image = driver.find_element(By.CSS_SELECTOR, "img.planarkiv-page")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", image)
    loaded = "return arguments[0].complete && arguments[0].naturalWidth"
    _wait(driver, lambda d: d.execute_script(loaded, image))
    assert image.size["width"] > 500
    _shot(driver, "05-belaeg", full_page=False)

    # Follow the lineage to the budget-2027 card that continues it.
    later = driver.find_element(By.CSS_SELECTOR, ".planarkiv-later")
    assert "11,5 mio. kr. årligt 2027–2030" in later.text and "sikkerhed 1,00" in later.text
    later.find_element(By.LINK_TEXT, TITLE_2027).click()
    _wait(driver, lambda d: TITLE_2027 in d.find_element(By.CSS_SELECTOR, "h1").text)
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Budget 2027: bevillinger der udløber" in body and "Videreføres med justeringer" in body
    assert "11,5 mio. kr. årligt 2027–2030 – foreslået" in body
    assert TITLE_2010 in driver.find_element(By.CSS_SELECTOR, ".planarkiv-earlier").text
    _shot(driver, "06-bevillingskort-2027")

    # Follow its PDF link: the PDF, served by Datasette, opened at the card's page.
    link = driver.find_element(By.CSS_SELECTOR, "a.planarkiv-source")
    page = link.text.split()[-1]
    link.click()
    _wait(driver, lambda d: ".pdf#page=" in d.current_url)
    assert driver.current_url.endswith(f".pdf#page={page}")
    _wait(driver, lambda d: d.execute_script("return document.contentType") == "application/pdf")
    status, content_type, magic = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(location.href).then(r => r.arrayBuffer().then(b => done([r.status,"
        " r.headers.get('content-type'), String.fromCharCode(...new Uint8Array(b).slice(0, 5))])));")
    assert (status, content_type, magic) == (200, "application/pdf", "%PDF-")
    time.sleep(2)  # let the PDF viewer draw the page
    _shot(driver, "07-pdf", full_page=False)

    assert all(url.startswith((server, "data:", "blob:", "chrome", "about:"))
               for url in _requested_urls(driver))


def test_money_by_year_chart_shows_every_year_in_danish(server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(f"{server}/planarkiv/penge_efter_aar_og_dokumentart")
    assert driver.find_element(By.CSS_SELECTOR, "h1").text.strip() == "Penge efter år og dokumentart"
    chart = driver.find_element(By.CSS_SELECTOR, "svg.planarkiv-chart")
    assert chart.size["width"] >= 900 and chart.size["height"] >= 400
    labels = [t.text for t in chart.find_elements(By.TAG_NAME, "text")]
    years = [int(t) for t in labels if t.isdigit() and len(t) == 4]
    assert years == list(range(min(years), max(years) + 1)) and len(years) > 10, years
    assert {"År", "Beløb (mio. kr.)", "Dokumentart"} <= set(labels)
    assert not [t for t in labels if re.fullmatch(r"\d+\.\d+", t)], labels  # decimal commas
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", chart)
    _shot(driver, "08-diagram-penge-pr-aar", full_page=False)


def test_a_document_ingested_while_serving_appears_without_a_restart(server: str, browser, served_db: Path,
                                                                        tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    title = "Notat om jobklubber til udvalget"
    # Made in a process of its own: a canvas made here would change reportlab's counters, and the corpus
    # builder (tests/test_diff.py) would no longer make the bundled PDFs byte for byte.
    script = ("import sys; from reportlab.pdfgen import canvas; pdf = canvas.Canvas(sys.argv[1]); "
              "pdf.setTitle(sys.argv[2]); pdf.drawString(72, 720, 'Jobklubberne fortsætter i 2027.'); "
              "pdf.showPage(); pdf.save()")
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "notat-jobklubber.pdf"), title], check=True,
                   timeout=60)
    driver.get(f"{server}/planarkiv/documents")
    assert title not in driver.find_element(By.TAG_NAME, "body").text
    result = subprocess.run([str(Path(sys.executable).with_name("planarkiv")), "ingest",
                             str(tmp_path / "notat-jobklubber.pdf"), "--db", str(served_db)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    deadline = time.monotonic() + 10
    while title not in driver.find_element(By.TAG_NAME, "body").text:
        assert time.monotonic() < deadline, "the running server does not show the new document"
        time.sleep(1)
        driver.refresh()
    _shot(driver, "09-nyt-dokument")
