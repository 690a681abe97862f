"""The Python API: ``lib = planarkiv.open("planarkiv.db")`` and the questions analysts ask across years.

``documents``, ``initiatives``, ``goals`` and ``amounts`` return typed records (``planarkiv.schema.views``)
in a ``Records`` list (``.to_dataframe()`` with pandas); their keyword filters combine (AND).
``lineage`` follows ``continues`` relations both ways; ``compare`` puts two documents or years side by
side; ``graph`` is the NetworkX graph of the database.

The database is opened read-only, one connection per call: a call sees one whole database, and an
ingest that swaps in a new one (``corpus/publish.py`` renames it into place) is seen by the next call.
Only the decisions write (``confirm``, ``reject``, ``correct``): each is an explicit call that makes its
own write, as a publish does, into a copy renamed into place under the database's lock
(``corpus.publish.decide``), so no connection of the library is ever a writing one and browsing cannot
change the file. The decisions are staff's own record (who, when, why); an analyst reading the
database never needs to say it may be written.
Search is the Danish lemma-and-compound search of Datasette's search box (``corpus.search.fts_query``);
office and target-group names are resolved through the extractor's gazetteers, so "BIF",
"Beskæftigelses- og Integrationsforvaltningen" and "Arbejdsmarkedscenteret" all work.

Opening a database and reading records needs only sqlite3 and pydantic: the gazetteers (and through
them spaCy) are loaded when a name must be resolved, NetworkX when lineages are followed or the graph
is asked for.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_origin

from planarkiv.corpus.search import fts_query
from planarkiv.schema import (
    Decision,
    DecisionAction,
    Document,
    DocumentKind,
    FundingKind,
    GoalKind,
    RelationType,
)
from planarkiv.schema.records import Model
from planarkiv.schema.views import (
    AmountView,
    CandidateView,
    Comparison,
    Continuation,
    ContinuedPair,
    GoalView,
    InitiativeView,
    LineageStep,
    Records,
)

if TYPE_CHECKING:
    import networkx as nx

M = TypeVar("M", bound=Model)
IN_DOCUMENT = "d.title AS document_title, d.year AS document_year, d.kind AS document_kind"
CONTINUES = RelationType.CONTINUES.value


def open(path: str | Path) -> Library:
    """The planarkiv database at ``path``, for reading (``planarkiv.open``; the name follows the builtin's
    use: ``planarkiv.open("planarkiv.db")``)."""
    return Library(path)


def _id(record: str | Model) -> str:
    return record if isinstance(record, str) else record.id


class _Where:
    """SQL conditions and their parameters, AND-ed."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def _continues(conn: sqlite3.Connection) -> tuple[dict[tuple[str, str], sqlite3.Row], dict[str, int]]:
    """The ``continues`` relations by (later, earlier) id, and the lineage of each initiative they link (a
    number): a lineage is the same effort across years, a connected component of the relations followed
    either way, also through others."""
    import networkx as nx

    links = {(row["source_id"], row["target_id"]): row for row in conn.execute(
        "SELECT source_id, target_id, score, evidence FROM relations WHERE type = ? ORDER BY target_id",
        [CONTINUES])}
    components = nx.connected_components(nx.Graph(list(links)))
    return links, {node: n for n, nodes in enumerate(components) for node in nodes}


def _record(model: type[M], row: sqlite3.Row, **extra: Any) -> M:
    """A view record from a database row and ``extra`` fields: the row's columns that are fields of
    ``model``, page and document as provenance."""
    data = {key: value for key, value in dict(row).items() if key in model.model_fields and value is not None}
    data.update(extra)
    for key, value in data.items():
        if isinstance(value, str) and get_origin(model.model_fields[key].annotation) is list:
            data[key] = json.loads(value)  # the JSON arrays of the browsing columns (offices, funding, …)
    if "provenance" in model.model_fields:
        data["provenance"] = {"document_id": row["document_id"], "page": row["page"]}
    return model.model_validate(data)


class Library:
    """A planarkiv database, read-only. Made by ``planarkiv.open``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._graph: tuple[tuple[int, int], nx.MultiDiGraph] | None = None
        if not self.path.is_file():
            raise FileNotFoundError(f"no planarkiv database at {self.path} (make one: planarkiv ingest)")

    def __repr__(self) -> str:
        return f"planarkiv.open({str(self.path)!r})"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.row_factory = sqlite3.Row
            yield conn

    # -- names people write -> ids in the database ---------------------------------------------------

    @staticmethod
    def _office_ids(conn: sqlite3.Connection, office: str) -> list[str]:
        """The offices ``office`` names: an id, name or abbreviation as the database has it, else any
        spelling the office gazetteer resolves (variants, "Arbejdsmarkedscenteret", close misspellings)."""
        wanted = office.strip().casefold()
        stored = conn.execute("SELECT id, name, abbreviation FROM offices").fetchall()
        found = [row["id"] for row in stored
                 if wanted in (row["id"], row["name"].casefold(), (row["abbreviation"] or "").casefold())]
        if found:
            return found
        from planarkiv.extract.danish.offices import offices as gazetteer_offices
        from planarkiv.extract.danish.offices import resolve_office

        resolved = resolve_office(office)
        if resolved is None or resolved.id not in {*gazetteer_offices(), *(row["id"] for row in stored)}:
            raise ValueError(f"unknown office {office!r}")
        return [resolved.id]

    @staticmethod
    def _target_group_ids(target_group: str) -> set[str]:
        """The target group ``target_group`` names (its gazetteer name or id, or any inflection the
        gazetteer recognises: "akademiker") and every narrower group ("unge" -> "aktivitetsparate unge")."""
        from planarkiv.extract.danish.target_groups import broader, find_target_groups, target_groups

        known = target_groups()
        wanted = target_group.strip().casefold()
        ids = {g.id for g in known.values() if wanted in (g.id, g.name.casefold())}
        ids = ids or {g.id for g in find_target_groups(target_group)}
        if not ids:
            raise ValueError(f"unknown target group {target_group!r}; known: "
                             + ", ".join(g.name for g in known.values()))
        return ids | {narrower for narrower, wider in broader().items() if wider & ids}

    def _initiative_filters(self, conn: sqlite3.Connection, where: _Where, column: str, office: str | None,
                            target_group: str | None, search: str | None) -> None:
        """Restrict ``column`` (an initiative id) by office, target group and search."""
        if office is not None:
            ids = self._office_ids(conn, office)
            where.add(f"{column} IN (SELECT initiative_id FROM initiative_offices WHERE office_id IN "
                      "(SELECT value FROM json_each(?)))", json.dumps(ids))
        if target_group is not None:
            ids = sorted(self._target_group_ids(target_group))
            where.add(f"{column} IN (SELECT source_id FROM relations WHERE type = ? AND target_id IN "
                      "(SELECT value FROM json_each(?)))", RelationType.TARGETS.value, json.dumps(ids))
        if search is not None:
            where.add(f"{column} IN (SELECT id FROM initiatives WHERE rowid IN "
                      "(SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH ?))", fts_query(search))

    @staticmethod
    def _document_filters(where: _Where, kind: str | None, year: int | None,
                          document: str | Document | None) -> None:
        if kind is not None:
            where.add("d.kind = ?", DocumentKind.parse(kind).value)
        if year is not None:
            where.add("d.year = ?", int(year))
        if document is not None:
            where.add("d.id = ?", _id(document))

    # -- records ----------------------------------------------------------------------------------------

    def documents(self, kind: str | None = None, year: int | None = None,
                  search: str | None = None) -> Records[Document]:
        """The documents, by year; ``kind`` is the document kind, ``search`` searches title and text."""
        where = _Where()
        self._document_filters(where, kind, year, None)
        if search is not None:
            where.add("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
                      fts_query(search))
        with self._connect() as conn:
            rows = conn.execute(f"SELECT d.* FROM documents AS d{where.sql()} ORDER BY d.year, d.id",
                                where.params)
            return Records(_record(Document, row) for row in rows)

    def initiatives(self, kind: str | None = None, year: int | None = None,
                    document: str | Document | None = None, office: str | None = None,
                    target_group: str | None = None, search: str | None = None) -> Records[InitiativeView]:
        """The initiatives, by year and place in their document.

        ``kind`` and ``year`` are those of the document (the kind as its code or Danish name: "plan" or
        "Beskæftigelsesplan"); ``office`` any office linked to the initiative
        (responsible or mentioned), by name or abbreviation; ``target_group`` includes its narrower groups;
        ``search`` searches title and text fields (every word in its own form or its lemma, also as a
        part of compounds).
        """
        where = _Where()
        self._document_filters(where, kind, year, document)
        with self._connect() as conn:
            self._initiative_filters(conn, where, "i.id", office, target_group, search)
            return self._initiatives(conn, where)

    def goals(self, kind: str | None = None, year: int | None = None, document: str | Document | None = None,
              target_group: str | None = None, search: str | None = None) -> Records[GoalView]:
        """The goals, by year and place in their document.

        ``kind`` is the goal kind (vision, minister, principle, group, theme, result_target, or its Danish
        name: "Ministermål"), ``year`` the
        document's year (the ministermål of the 2018 plan: ``kind="minister", year=2018``).
        """
        where = _Where()
        self._document_filters(where, None, year, document)
        if kind is not None:
            where.add("g.kind = ?", GoalKind.parse(kind).value)
        if target_group is not None:
            from planarkiv.extract.danish.target_groups import target_groups

            names = [target_groups()[i].name for i in sorted(self._target_group_ids(target_group))]
            where.add("g.target_group IN (SELECT value FROM json_each(?))", json.dumps(names))
        if search is not None:
            where.add("g.rowid IN (SELECT rowid FROM goals_fts WHERE goals_fts MATCH ?)", fts_query(search))
        sql = (f"SELECT g.*, {IN_DOCUMENT} FROM goals AS g JOIN documents AS d ON d.id = g.document_id"
               f"{where.sql()} ORDER BY d.year, d.id, g.page, g.rowid")
        with self._connect() as conn:
            return Records(_record(GoalView, row) for row in conn.execute(sql, where.params))

    def amounts(self, kind: str | None = None, year: int | None = None,
                document: str | Document | None = None, initiative: str | InitiativeView | None = None,
                funding: str | None = None, office: str | None = None, target_group: str | None = None,
                search: str | None = None) -> Records[AmountView]:
        """The amounts of money as written, by year and place in their document.

        ``kind`` and ``year`` are those of the document; ``office``, ``target_group`` and ``search`` select
        the amounts of the initiatives ``initiatives()`` gives for them. Every amount is listed, also unit
        prices and "heraf" parts; ``InitiativeView.dkk_per_year`` is the money that counts.
        """
        where = _Where()
        self._document_filters(where, kind, year, document)
        if initiative is not None:
            where.add("a.initiative_id = ?", _id(initiative))
        if funding is not None:
            where.add("a.funding = ?", FundingKind(funding.strip().casefold()).value)
        with self._connect() as conn:
            self._initiative_filters(conn, where, "a.initiative_id", office, target_group, search)
            sql = (f"SELECT a.*, {IN_DOCUMENT} FROM amounts AS a JOIN documents AS d ON d.id = a.document_id"
                   f"{where.sql()} ORDER BY d.year, d.id, a.page, a.rowid")
            return Records(_record(AmountView, row) for row in conn.execute(sql, where.params))

    @staticmethod
    def _initiatives(conn: sqlite3.Connection, where: _Where, model: type[InitiativeView] = InitiativeView,
                     extra: Mapping[str, dict[str, Any]] | None = None) -> Records[InitiativeView]:
        """The initiatives ``where`` selects as ``model`` records with their money per year (and the
        ``extra`` fields given per initiative id)."""
        sql = (f"SELECT i.*, {IN_DOCUMENT} FROM initiatives AS i JOIN documents AS d ON d.id = i.document_id"
               f"{where.sql()} ORDER BY d.year, d.id, i.page, i.rowid")
        rows = conn.execute(sql, where.params).fetchall()
        money: dict[str, dict[int, int]] = defaultdict(dict)
        ids = json.dumps([row["id"] for row in rows])
        for row in conn.execute("SELECT initiative_id, year, sum(value_dkk) AS dkk FROM amount_years "
                                "WHERE initiative_id IN (SELECT value FROM json_each(?)) "
                                "GROUP BY initiative_id, year ORDER BY year", [ids]):
            money[row["initiative_id"]][row["year"]] = row["dkk"]
        extra = extra or {}
        return Records(_record(model, row, dkk_per_year=money[row["id"]], **extra.get(row["id"], {}))
                       for row in rows)

    # -- across years -----------------------------------------------------------------------------------

    def lineage(self, initiative: str | InitiativeView) -> Records[LineageStep]:
        """The same effort across years: every initiative linked to this one by ``continues`` relations
        (either way, also through others), ordered by year, each with its money per year and the earlier
        steps it continues (with score and reason)."""
        initiative_id = _id(initiative)
        with self._connect() as conn:
            if conn.execute("SELECT 1 FROM initiatives WHERE id = ?", [initiative_id]).fetchone() is None:
                raise KeyError(f"no initiative {initiative_id!r} in {self.path}")
            links, lineage_of = _continues(conn)
            lineage = lineage_of.get(initiative_id)
            chain = {i for i, n in lineage_of.items() if n == lineage} if lineage is not None \
                else {initiative_id}
            earlier: dict[str, list[Continuation]] = defaultdict(list)
            for (later, earlier_id), row in links.items():
                if later in chain:
                    earlier[later].append(
                        Continuation(earlier_id=earlier_id, score=row["score"], evidence=row["evidence"]))
            where = _Where()
            where.add("i.id IN (SELECT value FROM json_each(?))", json.dumps(sorted(chain)))
            return self._initiatives(conn, where, LineageStep, {i: {"continues": earlier[i]} for i in chain})

    def _side(self, side: int | str | Document) -> Records[Document]:
        """The documents of one side of a comparison: a year's documents, or one document."""
        if isinstance(side, int) and not isinstance(side, bool):
            found = self.documents(year=side)
        else:
            found = Records(d for d in self.documents() if d.id == _id(side))
        if not found:
            raise ValueError(f"no document for {side!r} in {self.path}")
        return found

    def compare(self, a: int | str | Document, b: int | str | Document) -> Comparison:
        """Two documents or years (record, id or year) side by side, ``a`` the earlier.

        An initiative of ``a`` is continued when one of ``b`` is in its lineage (``continues`` relations
        either way); ``new`` are the initiatives of ``b`` that continue none of ``a``, ``gone`` those of
        ``a`` not continued in ``b``. The money is per side and per continued pair, per year.
        """
        docs_a, docs_b = self._side(a), self._side(b)
        if {d.id for d in docs_a} & {d.id for d in docs_b}:
            raise ValueError(f"{a!r} and {b!r} share a document; compare two different documents or years")
        with self._connect() as conn:
            sides = []
            for docs in (docs_a, docs_b):
                where = _Where()
                where.add("i.document_id IN (SELECT value FROM json_each(?))",
                          json.dumps([d.id for d in docs]))
                sides.append(self._initiatives(conn, where))
            links, lineage_of = _continues(conn)
        initiatives_a, initiatives_b = sides
        pairs = []
        for x in initiatives_a:
            for y in initiatives_b:
                if x.id in lineage_of and lineage_of[x.id] == lineage_of.get(y.id):
                    link = links.get((y.id, x.id)) or links.get((x.id, y.id))
                    pairs.append(ContinuedPair(a=x, b=y, score=link["score"] if link else None,
                                               evidence=link["evidence"] if link else None))
        continued_a, continued_b = {p.a.id for p in pairs}, {p.b.id for p in pairs}
        return Comparison(
            a=docs_a, b=docs_b, continued=pairs,
            new=[y for y in initiatives_b if y.id not in continued_b],
            gone=[x for x in initiatives_a if x.id not in continued_a],
            dkk_per_year_a=_money(initiatives_a), dkk_per_year_b=_money(initiatives_b),
        )

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The NetworkX graph of the database (``planarkiv.graph.build.load_graph``), loaded again only when a
        publish has replaced the database file."""
        stat = self.path.stat()
        stamp = (stat.st_ino, stat.st_mtime_ns)
        if self._graph is None or self._graph[0] != stamp:
            from planarkiv.graph.build import load_graph

            self._graph = (stamp, load_graph(self.path))
        return self._graph[1]

    # -- decisions: the review of links and corrections (the only calls that write) --------------------

    def _rows(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        """The rows of ``sql``; none from a database published before its table existed."""
        with self._connect() as conn:
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return []
                raise

    def candidates(self, limit: int | None = None) -> Records[CandidateView]:
        """The links under the automatic threshold for a person to confirm or reject, best first: for each
        later initiative its best few earlier counterparts (``graph.lineage.candidates``), with both titles
        and years, the score and the reason. Decided pairs are not among them."""
        sql = ("SELECT c.*, l.title AS later_title, l.year AS later_year, e.title AS earlier_title, "
               "e.year AS earlier_year FROM link_candidates AS c JOIN initiatives AS l ON l.id = c.later_id "
               "JOIN initiatives AS e ON e.id = c.earlier_id ORDER BY c.score DESC, c.later_id, c.rank "
               "LIMIT ?")
        rows = self._rows(sql, [-1 if limit is None else limit])
        return Records(CandidateView.model_validate(dict(row)) for row in rows)

    def decisions(self) -> Records[Decision]:
        """Every decision, in the order made, with its status at the last publish ("anvendt", or the record
        that no longer exists)."""
        rows = self._rows("SELECT * FROM decisions ORDER BY id", [])
        return Records(Decision.model_validate(dict(row)) for row in rows)

    def _decide(self, action: DecisionAction, record_id: str, other_id: str | None = None,
                **details: str | None) -> Decision:
        from planarkiv.corpus.publish import decide

        who = details.pop("who") or getpass.getuser()
        return decide(self.path, action, record_id, other_id, who=who, **details)

    def confirm(self, a: str | InitiativeView, b: str | InitiativeView, why: str | None = None,
                who: str | None = None) -> Decision:
        """Confirm that one of two initiatives of different years continues the other (either order): a
        ``continues`` relation from now on, through every re-ingest. ``who`` defaults to the OS user.
        Raises ``DecisionError`` (a ``ValueError``) naming an unknown id."""
        return self._decide(DecisionAction.LINK_CONFIRM, _id(a), _id(b), why=why, who=who)

    def reject(self, a: str | InitiativeView, b: str | InitiativeView, why: str | None = None,
               who: str | None = None) -> Decision:
        """Reject a link between two initiatives (either order): no ``continues`` between them from now
        on, whatever the automatic lineage finds."""
        return self._decide(DecisionAction.LINK_REJECT, _id(a), _id(b), why=why, who=who)

    def correct(self, record: str | Model, field: str, value: str, office: str | None = None,
                why: str | None = None, who: str | None = None) -> Decision:
        """Correct a field of a record (``lib.correct(id, "title", "…")``), or with ``field="role"`` and
        ``office`` (id, name or abbreviation) the office's role on an initiative ("responsible",
        "mentions"). Raises ``DecisionError`` naming an unknown id, field or a value that does not fit."""
        from planarkiv.corpus.decisions import DecisionError

        office_id = None
        if office is not None:
            with self._connect() as conn:
                try:
                    found = self._office_ids(conn, office)
                except ValueError as exc:
                    raise DecisionError(str(exc)) from exc
            if len(found) != 1:
                raise DecisionError(f"{office!r} names {len(found)} offices: {', '.join(found)}")
            office_id = found[0]
        return self._decide(DecisionAction.CORRECT, _id(record), office_id, field=field, value=value, why=why,
                            who=who)


def _money(initiatives: Records[InitiativeView]) -> dict[int, int]:
    total: dict[int, int] = defaultdict(int)
    for initiative in initiatives:
        for year, dkk in initiative.dkk_per_year.items():
            total[year] += dkk
    return dict(sorted(total.items()))
