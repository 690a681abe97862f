"""Decisions people make about the records: a lineage link confirmed or rejected, a field corrected.

The extractor improves and documents are extracted again; what a person decided must outlive that. The
decisions live in a table of their own, ``decisions``, the one table no publish rebuilds from the
extractions: a publish writes its new database into a copy of the old one (``corpus/publish.py``), so
the rows carry over, and each publish applies every decision again once the records and relations have
been rewritten, in the order they were made (a later correction of a field wins):

- a confirmed link becomes a ``continues`` relation from the later initiative to the earlier, score 1,
  with the reason "bekræftet af <who>" (and why);
- a rejected link removes the ``continues`` relations between the two, also after every re-extraction;
- a correction overwrites the field of the published record (and the search lemmas it feeds); an
  office's role on an initiative becomes the type of their relation (added when the extractor missed
  the office). The stored extraction stays as read, so the lineage is computed from what the documents
  say and a new extraction is corrected again.

A decision whose record no longer exists (an initiative a re-extraction no longer finds) is kept, its
``status`` says so, and ``apply_decisions`` returns it so ``ingest`` reports it; it applies again if the
record returns. Decided pairs leave the list of link candidates.

A decision is checked when it is made (``check``): the records exist, a link joins initiatives of two
years, a field is one a record has and the value fits it; one line says what is wrong.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

import sqlite_utils
from pydantic import TypeAdapter, ValidationError

from planarkiv.schema import Decision, DecisionAction, OfficeRole, RelationType
from planarkiv.schema.columns import columns, labelled, value_type
from planarkiv.schema.enums import Labelled

from .search import lemmatize, lemmatize_all
from .tables import TABLES

TABLE = "decisions"
CANDIDATES = "link_candidates"
APPLIED = "anvendt"
ROLE = "role"  # the field of an office's role on an initiative (the office in ``other_id``)
# The tables whose records a person may correct, in the order an id is looked up.
CORRECTABLE = ("initiatives", "goals", "amounts", "documents", "sections", "offices", "target_groups")
# Fields that say which record it is or where it comes from, not what it says.
FIXED = frozenset({"id", "sha256", "source_file"})
SCALARS = (str, int, float, bool)
CONTINUES = RelationType.CONTINUES.value


class DecisionError(ValueError):
    """A decision that cannot be made; the message is one line naming what is wrong."""


def fields(table: str) -> dict[str, Any]:
    """The fields a person may correct in ``table``, with their types: the record's own values, not its id,
    its file or a link to another record."""
    model = TABLES[table].model
    found = {}
    for name, (kind, column) in columns(model).items():
        scalar = labelled(kind) or (isinstance(kind, type) and issubclass(kind, SCALARS))
        if scalar and name not in FIXED and not column.references:
            found[name] = model.model_fields[name].annotation
    return found


def _table_of(conn: sqlite3.Connection, record_id: str) -> str | None:
    for table in CORRECTABLE:
        if conn.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone():
            return table
    return None


def _year(conn: sqlite3.Connection, initiative_id: str) -> int | None:
    """The year of the initiative's document, from ``documents``: during a publish the decisions are
    applied before the initiatives' own ``year`` column is filled in."""
    row = conn.execute("SELECT d.year FROM initiatives AS i JOIN documents AS d ON d.id = i.document_id "
                       "WHERE i.id = ?", [initiative_id]).fetchone()
    if row is None:
        raise DecisionError(f"no initiative with id {initiative_id!r}")
    return row[0]


def _value(table: str, field: str, value: str) -> Any:
    """``value`` as the field's type (a code given by its Danish name too), in its database form."""
    annotation = fields(table)[field]
    kind = value_type(annotation)
    if labelled(kind):
        with contextlib.suppress(ValueError):  # else the validation below says what is wrong
            value = kind.parse(value).value
    try:
        parsed = TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"]
        codes = f" ({', '.join(m.value for m in kind)})" if labelled(kind) else ""
        raise DecisionError(f"{value!r} is no value for {field}{codes}: {reason}") from exc
    return parsed.value if isinstance(parsed, Labelled) else parsed


def check(conn: sqlite3.Connection, action: DecisionAction, record_id: str, other_id: str | None = None,
          field: str | None = None, value: str | None = None) -> tuple[str, str | None, str | None]:
    """The ids and value of a decision as stored: a link's later initiative first, a code rather than its
    Danish name. Raises ``DecisionError``."""
    if action is not DecisionAction.CORRECT:
        if other_id is None or other_id == record_id:
            raise DecisionError("a link joins two different initiatives")
        years = _year(conn, record_id), _year(conn, other_id)
        if years[0] == years[1]:
            raise DecisionError(f"{record_id} and {other_id} are both of {years[0]}: neither continues the "
                                "other")
        later_first = (years[0] or 0) > (years[1] or 0)
        return (record_id, other_id, None) if later_first else (other_id, record_id, None)
    table = _table_of(conn, record_id)
    if table is None:
        raise DecisionError(f"no record with id {record_id!r}")
    if field == ROLE and table == "initiatives":
        if other_id is None:
            raise DecisionError("a role is an office's role on the initiative: name the office (--office)")
        if not conn.execute("SELECT 1 FROM offices WHERE id = ?", [other_id]).fetchone():
            raise DecisionError(f"no office with id {other_id!r}")
        if value not in {role.value for role in OfficeRole}:
            raise DecisionError(f"{value!r} is no role: " + ", ".join(role.value for role in OfficeRole))
        return record_id, other_id, value
    known = fields(table)
    if field not in known:
        extra = f", {ROLE} (with an office)" if table == "initiatives" else ""
        raise DecisionError(f"{table} have no field {field!r} to correct; fields: {', '.join(known)}{extra}")
    parsed = _value(table, field, value or "")
    return record_id, None, parsed if isinstance(parsed, str) else (value or "").strip()


def _missing(conn: sqlite3.Connection, decision: Decision) -> list[str]:
    """The ids the decision names that the database no longer holds."""
    if decision.action is DecisionAction.CORRECT:
        wanted = [(decision.record_id, None)]
        if decision.field == ROLE:
            wanted = [(decision.record_id, "initiatives"), (decision.other_id, "offices")]
    else:
        wanted = [(decision.record_id, "initiatives"), (decision.other_id, "initiatives")]
    missing = []
    for record_id, table in wanted:
        found = _table_of(conn, record_id) if table is None else conn.execute(
            f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone()
        if not found:
            missing.append(record_id)
    return missing


def _link(db: sqlite_utils.Database, decision: Decision) -> None:
    """Remove the ``continues`` between the two; for a confirmed link, add it from the later (by the years
    the documents have now) to the earlier."""
    later, earlier = decision.record_id, decision.other_id
    if (_year(db.conn, later) or 0) < (_year(db.conn, earlier) or 0):
        later, earlier = earlier, later
    db.execute(f"DELETE FROM relations WHERE type = '{CONTINUES}' AND ((source_id = ? AND target_id = ?) "
               "OR (source_id = ? AND target_id = ?))", [later, earlier, earlier, later])
    if decision.action is DecisionAction.LINK_CONFIRM:
        evidence = f"bekræftet af {decision.who}" + (f": {decision.why}" if decision.why else "")
        page = db.execute("SELECT page FROM initiatives WHERE id = ?", [later]).fetchone()[0]
        db["relations"].insert({"source_id": later, "target_id": earlier, "type": CONTINUES, "score": 1.0,
                                "evidence": evidence, "page": page})


def _correct(db: sqlite_utils.Database, decision: Decision) -> str | None:
    """Apply a correction; why it cannot be applied, if the field is no longer one to correct."""
    if decision.field == ROLE:
        db.execute("DELETE FROM relations WHERE source_id = ? AND target_id = ? AND type IN (?, ?)",
                   [decision.record_id, decision.other_id, *(role.value for role in OfficeRole)])
        db["relations"].insert({"source_id": decision.record_id, "target_id": decision.other_id,
                                "type": decision.value, "evidence": f"rettet af {decision.who}"})
        return None
    table = _table_of(db.conn, decision.record_id)
    if decision.field not in fields(table):
        return f"feltet {decision.field} findes ikke længere"
    row = db[table].get(decision.record_id) | {decision.field: _value(table, decision.field, decision.value)}
    spec = TABLES[table]
    if decision.field == spec.label and "title_lemmas" in spec.columns:
        row["title_lemmas"] = lemmatize(row[decision.field])
    elif decision.field in spec.lemmatised() and "text_lemmas" in spec.columns and table != "documents":
        row["text_lemmas"] = lemmatize_all(row.get(name) for name in spec.lemmatised())
    db[table].update(decision.record_id, row)
    return None


def apply_decisions(db: sqlite_utils.Database) -> list[Decision]:
    """Apply every decision to the records and relations of ``db`` (in a transaction of the caller), set
    each one's status, drop decided pairs from the candidates; the decisions that could not be applied."""
    not_applied = []
    for row in db[TABLE].rows_where(order_by="id"):
        decision = Decision.model_validate(row)
        missing = _missing(db.conn, decision)
        if missing:
            status = "posten findes ikke længere: " + ", ".join(missing)
        elif decision.action is DecisionAction.CORRECT:
            status = _correct(db, decision) or APPLIED
        else:
            _link(db, decision)
            status = APPLIED
        if status != APPLIED:
            not_applied.append(decision.model_copy(update={"status": status}))
        db.execute(f"UPDATE {TABLE} SET status = ? WHERE id = ?", [status, decision.id])
    db.execute(f"""DELETE FROM {CANDIDATES} WHERE EXISTS (SELECT 1 FROM {TABLE} AS d
        WHERE d.action != '{DecisionAction.CORRECT.value}'
        AND ((d.record_id = later_id AND d.other_id = earlier_id)
             OR (d.record_id = earlier_id AND d.other_id = later_id)))""")
    return not_applied
