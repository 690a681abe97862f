"""The pages staff read, served as ``planarkiv serve`` serves them (the package's templates and
metadata.yml) from the ingested bundled corpus: an initiative's whole story on one page, in Danish; no
English of Datasette's own left on the pages staff use; money in Danish; the export for a Danish Excel."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from planarkiv.corpus.search import fts_query
from planarkiv.formats import amount, kroner, number
from planarkiv.pages import BATCH, ExportStopped, each_batch
from planarkiv.serve import METADATA, SETTINGS, TEMPLATES

TITLE_2010 = "Job og uddannelse til dømte unge"
TITLE_2027 = "Videreførelse af job og uddannelse til dømte og varetægtsfængslede"

# Datasette 0.65's own interface text (its templates), none of which may be left on the pages staff use.
ENGLISH = (
    "rows", "row ", "sorted by", "descending", "Search:", "Apply", "Links from other tables",
    "Custom SQL query", "returning", "This data as", "Advanced export", "CSV options", "download file",
    "expand labels", "stream all rows", "Export CSV", "JSON shape", "Next page", "Query parameters",
    "Run SQL", "Format SQL", "View and edit SQL", "Edit SQL", "Powered by", "Queries took", "Tables",
    "Queries", "Views", "hidden table", "Download SQLite DB", "remove filter", "- column -", "Sort by",
    "0 records", "0 results", "Table actions", "home", "Data license", "Data source", "(view)", "Many rows",
    "These facets timed out", "Suggested facets", "Log out", "where ", " matches ", "CREATE TABLE",
)


class _Text(HTMLParser):
    """The text a person sees: outside script, style and closed <details>, plus the buttons' words."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag in {"script", "style"} or (tag == "details" and "open" not in attributes):
            self.hidden += 1
        if tag == "input" and attributes.get("type") == "submit" and not self.hidden:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "details"} and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.fixture(scope="module")
def site(ingested_corpus: Path) -> Datasette:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    settings = {name: int(value) if value.isdigit() else value for name, value in SETTINGS.items()}
    return Datasette(immutables=[str(ingested_corpus)], metadata=metadata, template_dir=str(TEMPLATES),
                     settings={**settings, "suggest_facets": False})


def get(site: Datasette, path: str) -> tuple[int, str, dict, bytes]:
    async def fetch() -> tuple[int, str, dict, bytes]:
        await site.invoke_startup()
        response = await site.client.get(path)
        return response.status_code, response.text, dict(response.headers), response.content

    return asyncio.run(fetch())


def initiative_id(site: Datasette, title: str) -> str:
    with sqlite3.connect(site.databases["planarkiv"].path) as conn:
        return conn.execute("select id from initiatives where title = ?", [title]).fetchone()[0]


def test_danish_money() -> None:
    assert number(1234.5) == "1.234,5" and kroner(11_500_000) == "11,5 mio. kr."
    assert kroner(100_000) == "100.000 kr." and kroner(2_000_000_000) == "2 mia. kr."
    assert amount({"value_dkk": 11_500_000, "year_from": 2027, "year_to": 2030, "per_year": True}) == (
        "11,5 mio. kr. årligt 2027–2030")
    assert amount({"value_dkk": 40_000_000, "value_dkk_max": 50_000_000}) == "40–50 mio. kr."


def test_the_initiatives_page_tells_its_whole_story(site: Datasette) -> None:
    status, html, _, _ = get(site, f"/planarkiv/initiatives/{initiative_id(site, TITLE_2010)}")
    assert status == 200
    text = visible(html)
    assert f"Indsatser: {TITLE_2010}" in text
    assert "Bilag 1, udmøntningsplan for 2010" in text and "Planlagt" in text and "nr. 2.6" in text
    assert "10 mio. kr." in text and "heraf 9 mio. kr." in text
    assert "Jobcenter Skelbækgade" in text and "dømte" in text
    assert "Procentsatsen af de unge" in text  # the result target it supports
    # Lineage: the budget-2027 card that continues it, with its money, score and reason, linked.
    later = html[html.index("planarkiv-later"):]
    assert TITLE_2027 in later and "11,5 mio. kr. årligt 2027–2030" in later and "sikkerhed 1,00" in later
    assert f'/planarkiv/initiatives/{initiative_id(site, TITLE_2027)}"' in later
    # Evidence: the text of the highlighted rectangle, read once although printed bold twice over.
    assert "Formål: At intensivere en kriminalpræventiv indsats" in text
    assert "PDF s. 7" in text
    image = re.search(r'<img class="planarkiv-page" src="([^"]+)"', html).group(1)
    status, _, headers, body = get(site, image)
    assert status == 200 and headers["content-type"] == "image/png" and body.startswith(b"\x89PNG")


def test_the_card_shows_granted_and_proposed_money_per_year(site: Datasette) -> None:
    _, html, _, _ = get(site, f"/planarkiv/initiatives/{initiative_id(site, TITLE_2027)}")
    text = visible(html)
    assert "10,1 mio. kr. årligt 2023–2026 – bevilget" in text
    assert "11,5 mio. kr. årligt 2027–2030 – foreslået" in text
    assert "Videreføres med justeringer" in text
    years = re.findall(r"<tr><td>(\d{4})</td><td class=\"kr\">([^<]+)</td><td>(\w+)</td></tr>", html)
    assert years[0] == ("2023", "10,1 mio. kr.", "bevilget")
    assert years[-1] == ("2030", "11,5 mio. kr.", "foreslået")
    assert TITLE_2010 in html[html.index("planarkiv-earlier"):]


@pytest.mark.parametrize("path", [
    "/", "/planarkiv", "/planarkiv/initiatives", "/planarkiv/initiatives?_search=dømte&year=2010",
    "/planarkiv/initiatives?_sort_desc=total_dkk", "/planarkiv/relations", "/planarkiv/amounts",
    "/planarkiv/soeg?q=jobklub", "/planarkiv/videreforte_indsatser", "/planarkiv?sql=select+1",
    "/planarkiv/initiatives/{2010}", "/planarkiv/offices/office-bif",
])
def test_no_english_on_the_pages_staff_use(site: Datasette, path: str) -> None:
    status, html, _, _ = get(site, path.replace("{2010}", initiative_id(site, TITLE_2010)))
    assert status == 200
    text = visible(html)
    assert not [word for word in ENGLISH if word in text], text[:2000]


def test_tables_read_as_staff_read_them(site: Datasette) -> None:
    _, html, _, _ = get(site, "/planarkiv/initiatives?_search=dømte")
    text = visible(html)
    assert "2 rækker hvor søgningen finder »dømte«, sorteret efter År" in text
    headers = re.findall(r'<th [^>]*data-column="([^"]+)"[^>]*>\s*(?:<a [^>]*>)?([^<&]+)', html)
    names = [name.strip() for _, name in headers]
    assert "Beløb i alt" in names and len(set(names)) == len(names)
    # No near-duplicates: one name the other with an ending ("Målgruppe", "Målgrupper").
    assert not any(a.startswith(b) and len(a) - len(b) <= 2 for a in names for b in names if a != b), names
    assert "86,4 mio. kr." in text  # the card's money over 2023-2030, sortable as a number
    assert "Udmøntningsplan (initiativark)" in text and "initiative_sheet" not in text  # codes as names
    _, html, _, _ = get(site, "/planarkiv/relations?type=continues")
    cells = re.findall(r'<td class="col-(?:source|target)_id[^>]*>(.*?)</td>', html)
    ends = [visible(cell).strip() for cell in cells]
    assert f"{TITLE_2010} (2010)" in ends and not [end for end in ends if re.search(r"-[ig]\d+$", end)], ends
    assert ">1,00<" in html  # the score, two decimals
    _, html, _, _ = get(site, "/planarkiv/initiatives")
    assert html.index("Tabellens definition (SQL)") < html.index("CREATE TABLE")


def test_csv_for_a_danish_excel(site: Datasette) -> None:
    status, _, headers, body = get(site, "/planarkiv/relations.excel?type=continues")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Fra", "Til", "Relationstype", "Sikkerhed"]
    assert {row[2] for row in rows[1:]} == {"Viderefører"}
    assert all(re.fullmatch(r"\d+(,\d+)?", row[3]) for row in rows[1:]), rows


def test_csv_for_excel_holds_every_row_of_the_search_not_only_the_page(ingested_corpus: Path) -> None:
    # Datasette's pages of 15 rows at most; the export is every row of the search, each once, in the
    # page's order, asked from its first page or a later one.
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    small = Datasette(immutables=[str(ingested_corpus)], metadata=metadata, template_dir=str(TEMPLATES),
                      settings={"max_returned_rows": 15, "suggest_facets": False})

    def exported(page: str) -> list[list[str]]:
        _, html, _, _ = get(small, page)
        link = re.search(r'href="([^"]*initiatives\.excel[^"]*)"', html)
        assert link, "the page links to the export"
        status, _, headers, body = get(small, link.group(1).replace("&amp;", "&"))
        if status == 302:
            status, _, headers, body = get(small, headers["location"])
        assert status == 200 and headers["content-type"].startswith("text/csv")
        assert body.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))

    with sqlite3.connect(ingested_corpus) as conn:
        job = [row[0] for row in conn.execute(
            "select id from initiatives where rowid in (select rowid from initiatives_fts "
            "where initiatives_fts match ?) order by year, id", [fts_query("job")])]  # the pages' order
        total = conn.execute("select count(*) from initiatives").fetchone()[0]
    searched = exported("/planarkiv/initiatives?_search=job&_size=5")
    assert searched[0][:2] == ["Indsats-id", "Titel"]
    assert len(job) > 15 and [row[0] for row in searched[1:]] == job
    _, text, _, _ = get(small, "/planarkiv/initiatives.json?_search=job&_size=5")
    later = json.loads(text)["next"]
    assert exported(f"/planarkiv/initiatives?_search=job&_size=5&_next={later}") == searched
    everything = exported("/planarkiv/initiatives?_size=5")
    assert len(everything) - 1 == total and len({row[0] for row in everything[1:]}) == total
    assert "Eksporten stoppede" not in str(everything)


class _Database:
    """A database whose thread runs ``fn`` on an in-memory connection, or fails before it (a file replaced
    by a newer one meanwhile)."""

    def __init__(self, fails: bool) -> None:
        self.fails = fails

    async def execute_fn(self, fn: Callable) -> object:
        def run() -> object:
            if self.fails:
                raise sqlite3.OperationalError("the database was replaced")
            return fn(sqlite3.connect(":memory:"))

        return await asyncio.to_thread(run)


def test_an_export_is_read_in_batches_and_says_so_when_it_cannot_be_read_to_the_end() -> None:
    numbers = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 2500) select i from n"

    async def export(db: _Database) -> list[list]:
        written: list[list] = []

        async def write(rows: list) -> None:
            written.append([row[0] for row in rows])

        await asyncio.wait_for(each_batch(db, numbers, {}, 1000, write), 10)
        return written

    batches = asyncio.run(export(_Database(fails=False)))
    assert [len(batch) for batch in batches] == [BATCH, BATCH, 500]
    assert [n for batch in batches for n in batch] == list(range(1, 2501))
    with pytest.raises(ExportStopped, match="replaced"):
        asyncio.run(export(_Database(fails=True)))


def test_templates_and_metadata_are_package_data() -> None:
    names = {path.name for path in Path(TEMPLATES).glob("*.html")}
    assert {"table.html", "_table.html", "row.html", "query.html", "database.html", "index.html",
            "base.html", "_initiative.html"} <= names
