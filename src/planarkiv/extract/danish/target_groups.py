"""Target groups (dagpengemodtagere, akademikere, jobparate kontanthjælpsmodtagere, …) recognised in
Danish text across inflections. The gazetteer is data: ``data/target_groups.json`` (its "about" says how a
term is written); the entity-ruler patterns in ``data/patterns/target_groups.jsonl`` (label TARGET, id =
target-group id) are generated from it (``python -m planarkiv.extract.target_groups``).

Inflection and compounding are spelled out in the patterns (regular expressions over the token text:
"akademiker*" = akademiker, akademikere, akademikerne, …) rather than left to the lemma table, which knows
"akademikerne" but not "fleksjobvisiterede". The entity ruler keeps the longest match, so the most specific
group wins for the same words: "jobparate kontanthjælpsmodtagere" is that group only; and a group is not
reported beside a narrower group of it in the same text (the gazetteer's "broader").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planarkiv.schema import TargetGroup

from .nlp import PATTERNS_DIR, entities, write_patterns

GAZETTEER = Path(__file__).parent / "data" / "target_groups.json"
PATTERNS_FILE = PATTERNS_DIR / "target_groups.jsonl"
LABEL = "TARGET"
# Danish noun and adjective endings (plural, definite, genitive, -t/-te participles).
ENDINGS = "(?:e|en|ene|enes|ens|er|ere|erne|ernes|es|et|ets|n|ne|nes|ns|r|rne|rnes|s|t|te|tes)?"
COMPOUND = "[^\\W\\d_]{3,}"


@dataclass(frozen=True)
class TargetGroupMention:
    group: TargetGroup
    text: str
    start: int
    end: int


@cache
def _gazetteer() -> dict:
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


@cache
def target_groups() -> dict[str, TargetGroup]:
    """Every target group by id, in the gazetteer's order."""
    return {g["id"]: TargetGroup(id=g["id"], name=g["name"]) for g in _gazetteer()["target_groups"]}


def word_regex(word: str) -> str:
    """One gazetteer word as a regular expression over a token's text: "ung*" -> ^[Uu]ng(?:e|en|…)?$."""
    stem, ending = (word[:-1], ENDINGS) if word[-1] == "*" else (word[:-1], COMPOUND) if word[-1] == "+" \
        else (word, "")
    first = f"[{stem[0].upper()}{stem[0]}]" if stem[0].isalpha() else re.escape(stem[0])
    return f"^{first}{re.escape(stem[1:])}{ending}$"


def _tokens(term: str) -> list[dict]:
    return [{"TEXT": {"REGEX": word_regex(word)}} for word in term.split()]


def patterns() -> list[dict]:
    """The entity-ruler patterns of the gazetteer: every term, alone and after each modifier."""
    modifiers = [_tokens(m) for m in _gazetteer()["modifiers"]]
    result = []
    for group in _gazetteer()["target_groups"]:
        for term in group["terms"]:
            tokens = _tokens(term)
            for pattern in (tokens, *(modifier + tokens for modifier in modifiers)):
                result.append({"label": LABEL, "pattern": pattern, "id": group["id"]})
    return result


@cache
def _not_followed_by() -> dict[str, re.Pattern[str]]:
    return {g["id"]: re.compile("|".join(word_regex(w) for w in g["not_followed_by"]))
            for g in _gazetteer()["target_groups"] if g.get("not_followed_by")}


def target_group_mentions(text: str) -> list[TargetGroupMention]:
    """Every mention of a target group in ``text``, in order, with offsets in ``text``."""
    groups, stop = target_groups(), _not_followed_by()
    found = []
    for entity in entities(text):
        if entity.label != LABEL or entity.id not in groups:
            continue
        following = re.match(r"\s*([^\W\d_][\w-]*)", text[entity.end:])
        if entity.id in stop and following and stop[entity.id].match(following.group(1)):
            continue
        found.append(TargetGroupMention(groups[entity.id], entity.text, entity.start, entity.end))
    return found


@cache
def broader() -> dict[str, frozenset[str]]:
    """Target-group id -> ids of the groups it is part of ("aktivitetsparate unge" -> "unge")."""
    by_name = {g.name: g.id for g in target_groups().values()}
    return {g["id"]: frozenset(by_name[name] for name in g.get("broader", ()))
            for g in _gazetteer()["target_groups"]}


def find_target_groups(text: str) -> list[TargetGroup]:
    """The target groups ``text`` speaks of, each once, in order of first mention; a group is left out
    when the text also speaks of a narrower group of it (then "de unge" are the "aktivitetsparate unge")."""
    found: dict[str, TargetGroup] = {}
    for mention in target_group_mentions(text):
        found.setdefault(mention.group.id, mention.group)
    covered = set().union(*(broader()[group_id] for group_id in found))
    return [group for group_id, group in found.items() if group_id not in covered]


if __name__ == "__main__":
    print(write_patterns("target_groups", patterns()))
