"""An initiative's whole story, for its page in Datasette (``templates/_initiative.html``).

Staff ask "have we tried X before, what did it cost, who ran it, and was it continued?". The row page of
``initiatives`` answers it on one page: the initiative in its document, its money (each amount in words
and a total per year), who ran it and for whom, the goals it supports (and the ministermål they align
with), its lineage both ways through ``continues`` relations, and where in the PDF it stands.

``story(conn, id)`` reads all of it with one connection (a page sees one database), as plain dicts.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from planarkiv.formats import amount, kroner, score

CONTINUES = "continues"
# The lineage of one initiative is short (one effort over a few plans); a bound keeps a strange graph cheap.
MAX_LINEAGE = 50


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return [dict(row) for row in cursor.execute(sql, params)]


def amounts(conn: sqlite3.Connection, initiative_id: str) -> list[dict]:
    """The initiative's amounts in document order, each in words (``11,5 mio. kr. årligt 2027–2030``)
    with its role, funding and whether it is part of another amount ("heraf")."""
    rows = _rows(conn, """
        select a.*, l.name as role_label from amounts as a left join labels as l on l.id = a.role
        where a.initiative_id = ? order by a.page, a.rowid""", [initiative_id])
    for row in rows:
        row["words"] = amount(row)
    return rows


def per_year(conn: sqlite3.Connection, initiative_id: str) -> list[dict]:
    """Money per year (the view ``amount_years``: an annual amount in each year of its period, unit prices
    and "heraf" parts left out), granted and proposed apart."""
    rows = _rows(conn, """
        select y.year, coalesce(l.name, '') as role, sum(y.value_dkk) as dkk
        from amount_years as y left join labels as l on l.id = y.role
        where y.initiative_id = ? group by 1, 2 order by 1, 2""", [initiative_id])
    for row in rows:
        row["kroner"] = kroner(row["dkk"])
    return rows


def money_summary(conn: sqlite3.Connection, initiative_id: str) -> str:
    """The initiative's money in one line, for a list: its amounts that are not part of another."""
    whole = [a["words"] for a in amounts(conn, initiative_id) if not a["part_of"]]
    return "; ".join(whole)


def _lineage_ids(conn: sqlite3.Connection, initiative_id: str) -> list[str]:
    """Every initiative linked to this one by ``continues`` relations, either way, also through others."""
    rows = _rows(conn, f"""
        with recursive chain(id) as (
            select ?
            union
            select case when r.source_id = chain.id then r.target_id else r.source_id end
            from relations as r join chain on r.source_id = chain.id or r.target_id = chain.id
            where r.type = '{CONTINUES}'
            limit {MAX_LINEAGE}
        ) select id from chain""", [initiative_id])
    return [row["id"] for row in rows if row["id"] != initiative_id]


def lineage(conn: sqlite3.Connection, initiative: dict) -> dict[str, list[dict]]:
    """The earlier and the later initiatives of the same effort, by year, each with its money and the
    ``continues`` link that ties it into the lineage (to this initiative where there is one)."""
    ids = _lineage_ids(conn, initiative["id"])
    if not ids:
        return {"earlier": [], "later": []}
    members = _rows(conn, """
        select i.id, i.title, i.year, i.page, i.source, d.title as document_title
        from initiatives as i join documents as d on d.id = i.document_id
        where i.id in (select value from json_each(?)) order by i.year, d.title, i.page""", [json.dumps(ids)])
    links = _rows(conn, f"""
        select source_id, target_id, score, evidence from relations
        where type = '{CONTINUES}' and (source_id in (select value from json_each(:ids))
                                        or target_id in (select value from json_each(:ids)))""",
                  {"ids": json.dumps([*ids, initiative["id"]])})
    by_member: dict[str, list[dict]] = defaultdict(list)
    for link in links:
        by_member[link["source_id"]].append(link)
        by_member[link["target_id"]].append(link)
    found: dict[str, list[dict]] = {"earlier": [], "later": []}
    for member in members:
        own = by_member[member["id"]]
        direct = [link for link in own if initiative["id"] in (link["source_id"], link["target_id"])]
        link = (direct or own)[0]
        member["score"] = score(link["score"]) if link["score"] is not None else None
        member["reason"] = link["evidence"]
        member["direct"] = bool(direct)
        member["money"] = money_summary(conn, member["id"])
        # A direct relation says which of the two continues the other; through others, the years do.
        if direct:
            later = link["source_id"] == member["id"]
        else:
            later = (member["year"] or 0) > (initiative["year"] or 0)
        found["later" if later else "earlier"].append(member)
    return found


def goals(conn: sqlite3.Connection, initiative: dict) -> list[dict]:
    """The goals the initiative supports or belongs under (its theme), each with the ministermål that
    align with it."""
    rows = _rows(conn, """
        select g.id, g.number, g.text, g.year, g.source, l.name as kind_label, rl.name as link
        from relations as r join goals as g on g.id = r.target_id
            left join labels as l on l.id = g.kind left join labels as rl on rl.id = r.type
        where r.source_id = :id and r.type in ('supports', 'part_of')
        union
        select g.id, g.number, g.text, g.year, g.source, l.name, 'Tema'
        from goals as g left join labels as l on l.id = g.kind where g.id = :theme
        order by 2""", {"id": initiative["id"], "theme": initiative.get("theme_id")})
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row["id"], row)
    for goal in seen.values():
        goal["ministers"] = _rows(conn, """
            select m.id, m.number, m.text, m.year from relations as r
                join goals as m on m.id = case when r.source_id = :id then r.target_id else r.source_id end
            where r.type = 'aligns_with' and (r.source_id = :id or r.target_id = :id) and m.kind = 'minister'
            order by cast(m.number as integer)""", {"id": goal["id"]})
    return list(seen.values())


def offices(conn: sqlite3.Connection, initiative_id: str) -> dict[str, list[dict]]:
    """Responsible and mentioned offices (an office responsible is not listed again as mentioned)."""
    rows = _rows(conn, """
        select o.id, o.name, o.abbreviation, io.role from initiative_offices as io
            join offices as o on o.id = io.office_id
        where io.initiative_id = ? order by io.role = 'mentions', o.name""", [initiative_id])
    responsible = [r for r in rows if r["role"] == "responsible"]
    named = {r["id"] for r in responsible}
    return {"responsible": responsible,
            "mentioned": [r for r in rows if r["role"] != "responsible" and r["id"] not in named]}


def target_groups(conn: sqlite3.Connection, initiative_id: str) -> list[dict]:
    return _rows(conn, """
        select t.id, t.name from relations as r join target_groups as t on t.id = r.target_id
        where r.source_id = ? and r.type = 'targets' order by t.name""", [initiative_id])


def bbox(conn: sqlite3.Connection, initiative: dict) -> dict | None:
    """The initiative's rectangle on its page (PDF points), from its document's stored extraction."""
    rows = _rows(conn, """
        select json_extract(i.value, '$.provenance.bbox') as bbox
        from extractions as e, json_each(e.json, '$.initiatives') as i
        where e.document_id = ? and json_extract(i.value, '$.id') = ?""",
                 [initiative["document_id"], initiative["id"]])
    return json.loads(rows[0]["bbox"]) if rows and rows[0]["bbox"] else None


def story(conn: sqlite3.Connection, initiative_id: str) -> dict | None:
    """Everything the initiative's page shows, or None when there is no such initiative."""
    found = _rows(conn, """
        select i.*, d.title as document_title, d.year as document_year, d.sha256,
            dk.name as document_kind, s.name as status_label, a.name as assessment_label
        from initiatives as i join documents as d on d.id = i.document_id
            left join labels as dk on dk.id = d.kind left join labels as s on s.id = i.status
            left join labels as a on a.id = i.assessment
        where i.id = ?""", [initiative_id])
    if not found:
        return None
    initiative = found[0]
    return {
        "initiative": initiative,
        "amounts": amounts(conn, initiative_id),
        "per_year": per_year(conn, initiative_id),
        "offices": offices(conn, initiative_id),
        "target_groups": target_groups(conn, initiative_id),
        "goals": goals(conn, initiative),
        "lineage": lineage(conn, initiative),
        "bbox": bbox(conn, initiative),
    }
