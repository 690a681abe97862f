"""How alike two initiatives are: the one similarity behind cross-year lineage and the version diff.

Each initiative becomes a profile once: the lemmas of its title and of its title and description fields
without stop words, and the named partners it mentions (units, providers and national bodies; not the
administrations and committees that appear everywhere). Two profiles compare on

- title: rapidfuzz ``token_set_ratio`` of the lemmatised titles ("Job og uddannelse til dømte unge" and
  "Videreførelse af job og uddannelse til dømte og varetægtsfængslede" share "job uddannelse dømt");
- text: the cosine of their TF-IDF vectors (title words count twice, a named partner as two words), the
  words weighted by how rare they are among the initiatives compared (smoothed IDF as scikit-learn's
  ``TfidfVectorizer`` computes it), so that "taskforce" or "Settlementet" counts and "indsats" hardly;
  a cosine of ``FULL_TEXT_COSINE`` counts in full;
- continuation wording in the later initiative ("Videreførelse af …", "videreføres", "forankring"),
  a small bonus;
- what one of them says it continues ("videreførelse og styrkelse af karrierecenter for akademikere"):
  the first content lemmas of the clause after the continuation word, weighted by rarity, and the share
  of them the other initiative has (a long lemma also counts when rapidfuzz finds it near: the lookup
  table lemmatises "karrierecentret" to "karrierecentrum", "karrierecenter" to itself); from half, up to
  ``OBJECT_WEIGHT``, whichever initiative is the earlier (a 2012 proposal to continue the centre names
  the centre the 2018 plan reports on);
- a name or an earmarked sum (>= 1 mio. kr.) the two share, when every document that has it has it in
  one initiative only: the name of one effort or provider ("Settlementet", "TEC") or its pot, not a place,
  an administration or a round sum many initiatives mention; ``NAME_BONUS``, ``AMOUNT_BONUS``.

The score is ``TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * text`` plus those bonuses, at most 1; the
reason names the continued phrase, the shared names and sums, the figures, the shared words and partners
that weigh most, the shared target groups and the wording. Pairs are one to one and mutual best matches
(``Comparison.best_pairs``).

Texts are compared for every pair at once, as one matrix product (n x n float32: 100 MB for 5 000
initiatives); titles only where the text and the bonuses leave the threshold within reach
(``Comparison``), so thousands of initiatives compare in seconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process
from spacy.lang.da.stop_words import STOP_WORDS

from planarkiv.extract.danish.lemmas import lemmatize
from planarkiv.schema import Extraction, Initiative, OfficeKind, RelationType
from planarkiv.schema.columns import columns

# Fields of an initiative that say what it does (not its economy or the assessment of its future): those
# whose ``Column`` says ``similar``.
CONTENT_FIELDS = tuple(name for name, (_, column) in columns(Initiative).items() if column.similar)
CONTINUATION = re.compile(
    r"\b(videreføre\w*|videreført\w*|fortsættelse|fortsætte\w*|forankring|forlænge\w*)\b", re.IGNORECASE)
# Lemmas of continuation wording: left out of the words compared (every renewal says them), counted apart.
CONTINUATION_LEMMAS = frozenset(
    {"videreførelse", "videreføre", "fortsættelse", "forankring", "forankre", "forlængelse"})
WORD = re.compile(r"[^\W\d_][\w\-]*")
# Dotted abbreviations ("f.eks.", "m.fl.", "bl.a."): not words; split up they become false lemmas ("ekse").
DOTTED_ABBREVIATION = re.compile(r"(?<!\w)(?:[^\W\d_]{1,4}\.){2,}")
PARTNER_KINDS = frozenset({OfficeKind.UNIT, OfficeKind.PROVIDER, OfficeKind.NATIONAL})
PARTNER_MARK = "§"  # partner terms are kept apart from words

TITLE_WEIGHT = 0.5
FULL_TEXT_COSINE = 0.3
TITLE_TERM_WEIGHT = 1  # title words counted this many times more than words of the text
PARTNER_WEIGHT = 2
CONTINUATION_BONUS = 0.05
SHOWN_WORDS = 4
# What a continuation says it continues: the words after "videreførelse af" up to the end of the clause.
CONTINUED_OBJECT = re.compile(
    r"\b(?:videreførelse|fortsættelse|forlængelse|forankring)(?:\s+og\s+\w+)?\s+(?:af|med)\s+", re.IGNORECASE)
CLAUSE_END = re.compile(r"[;:,(]|\.(?=\s+[A-ZÆØÅ\d]|\s*$)|\si\ssamarbejde\b|\n")
OBJECT_WORDS = 4  # content words of the continued object compared: its head and what qualifies it
OBJECT_WEIGHT = 0.6  # the score a fully matched object adds
OBJECT_MIN_COVERAGE = 0.5
NEAR_WORD = 88  # rapidfuzz ratio from which two long lemmas count as one word ("karrierecenter", "-centrum")
NEAR_WORD_LENGTH = 8
# A name: a capitalised word not starting its sentence, or an abbreviation in capitals ("TEC", "HRS").
SENTENCE_BREAK = re.compile(r"(?<=[.!?:;•])\s+|\n")
NAME_BONUS = 0.25
AMOUNT_BONUS = 0.25
SIGNIFICANT_AMOUNT = 1_000_000  # kr.; smaller sums (unit prices, a few thousand kroner) say nothing


@dataclass(frozen=True, eq=False)
class InitiativeProfile:
    """What the similarity compares of one initiative, prepared once."""

    id: str
    document_id: str
    year: int | None
    title: str
    title_lemmas: str  # content words of the title, lemmatised, lower case
    terms: dict[str, int]  # content lemmas of title and text, and partner names, with their counts
    target_groups: frozenset[str]  # names
    continuation: bool  # the initiative says it continues or anchors an earlier effort
    page: int
    objects: tuple[tuple[str, tuple[str, ...]], ...] = ()  # what it says it continues: (phrase, lemmas)
    marks: frozenset[str] = frozenset()  # names ("navn:TEC") and earmarked sums ("beløb:120 mio. kr.")


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    reason: str  # in Danish, for the relation's evidence


def content_lemmas(text: str) -> list[str]:
    """The lemmas of ``text``'s words that are neither stop words nor continuation wording."""
    words = [w for w in WORD.findall(DOTTED_ABBREVIATION.sub(" ", text))
             if len(w) > 1 and w.lower() not in STOP_WORDS]
    lemmas = lemmatize(" ".join(words)).split() if words else []
    return [w for w in lemmas if w not in STOP_WORDS and w not in CONTINUATION_LEMMAS]


def continued_objects(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What ``text`` says is continued ("videreførelse og styrkelse af karrierecenter for akademikere i
    samarbejde med …" -> "karrierecenter for akademikere"), each with its first ``OBJECT_WORDS`` content
    lemmas."""
    found = []
    for start in CONTINUED_OBJECT.finditer(text):
        rest = text[start.end():]
        end = CLAUSE_END.search(rest)
        phrase = " ".join(rest[:end.start() if end else len(rest)].split())
        lemmas = tuple(content_lemmas(phrase)[:OBJECT_WORDS])
        if lemmas:
            found.append((phrase, lemmas))
    return tuple(dict.fromkeys(found))  # a title and a description often say it alike


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence, and abbreviations in capitals: the names of
    projects, providers, places and units ("Trædesten", "Settlementet", "TEC")."""
    found = set()
    for sentence in SENTENCE_BREAK.split(text):
        for n, word in enumerate(WORD.findall(sentence)):
            abbreviation = len(word) > 1 and word.isupper()
            if abbreviation or (n and word[:1].isupper() and word[1:].islower()):
                found.add(word)
    return found


def _millions(value: float) -> str:
    return f"{value / 1_000_000:g}".replace(".", ",") + " mio. kr."


def profiles(extraction: Extraction) -> list[InitiativeProfile]:
    """One profile per initiative of ``extraction``, with the target groups and partners of its relations."""
    offices = {o.id: o for o in extraction.offices}
    groups = {t.id: t.name for t in extraction.target_groups}
    group_names: dict[str, set[str]] = {}
    partners: dict[str, set[str]] = {}
    for rel in extraction.relations:
        if rel.type is RelationType.TARGETS and rel.target_id in groups:
            group_names.setdefault(rel.source_id, set()).add(groups[rel.target_id])
        elif rel.type in (RelationType.RESPONSIBLE, RelationType.MENTIONS) and rel.target_id in offices:
            office = offices[rel.target_id]
            if office.kind in PARTNER_KINDS:
                partners.setdefault(rel.source_id, set()).add(office.name)
    sums: dict[str, set[str]] = {}
    for amount in extraction.amounts:
        if amount.initiative_id and amount.value_dkk >= SIGNIFICANT_AMOUNT and not amount.unit_price:
            sums.setdefault(amount.initiative_id, set()).add("beløb:" + _millions(amount.value_dkk))
    doc = extraction.document
    found = []
    for initiative in extraction.initiatives:
        fields = (initiative.title, *(getattr(initiative, f) for f in CONTENT_FIELDS))
        text = "\n".join(t for t in fields if t)
        title = content_lemmas(initiative.title)
        terms = Counter(content_lemmas(text))
        terms.update({w: TITLE_TERM_WEIGHT for w in title})
        terms.update({PARTNER_MARK + name: PARTNER_WEIGHT for name in partners.get(initiative.id, ())})
        found.append(InitiativeProfile(
            id=initiative.id, document_id=doc.id, year=doc.year, title=initiative.title,
            title_lemmas=" ".join(title), terms=dict(terms),
            target_groups=frozenset(group_names.get(initiative.id, ())),
            continuation=bool(CONTINUATION.search(text)), page=initiative.provenance.page,
            objects=continued_objects(text),
            marks=frozenset({*("navn:" + name for name in names(text)), *sums.get(initiative.id, ())}),
        ))
    return found


def rarity(population: Sequence[InitiativeProfile]) -> dict[str, float]:
    """Each term's weight by how rare it is among ``population``: smoothed IDF, ln((1+n)/(1+df)) + 1."""
    df = Counter(term for p in population for term in p.terms)
    return {term: math.log((1 + len(population)) / (1 + count)) + 1 for term, count in df.items()}


def _weights(profile: InitiativeProfile, idf: Mapping[str, float]) -> dict[str, float]:
    """The profile's TF-IDF weights (sublinear term frequency), unit length."""
    raw = {term: (1 + math.log(count)) * idf.get(term, 1.0) for term, count in profile.terms.items()}
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    return {term: w / norm for term, w in raw.items()}


def _decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _reason(a: InitiativeProfile, b: InitiativeProfile, title: float, text: float,
            va: dict[str, float], vb: dict[str, float]) -> str:
    shared = sorted(set(va) & set(vb), key=lambda t: (-va[t] * vb[t], t))[:SHOWN_WORDS]
    words = [t.removeprefix(PARTNER_MARK) for t in shared]
    reasons = [f"titel {_decimal(title)}", f"tekst {_decimal(text)}"
               + (f" (fælles: {', '.join(words)})" if words else "")]
    groups = sorted(a.target_groups & b.target_groups)
    if groups:
        reasons.append("fælles målgrupper: " + ", ".join(groups))
    if b.continuation:
        reasons.append("ordlyd om videreførelse")
    return "; ".join(reasons)


class Comparison:
    """A set of profiles prepared for comparing any two of them.

    The TF-IDF cosines of the profiles two callers compare (``best_pairs``: one document against another)
    are one matrix product over the terms both sides have, so memory grows with the two documents, not with
    the whole population (an n x n matrix of 30 000 initiatives would be 3.6 GB). A title can add at most
    ``TITLE_WEIGHT``, so titles
    are compared (rapidfuzz) only for the pairs whose text similarity leaves the threshold within reach,
    and for the pairs that share a name, a sum or a continued phrase (``evidence``, found once, through
    indexes of who holds which mark and word: the names and sums of the population compared decide
    which are one effort's, so ``similarity`` of two profiles alone counts every shared name).
    """

    def __init__(self, profiles: Sequence[InitiativeProfile], idf: Mapping[str, float] | None = None) -> None:
        idf = idf if idf is not None else rarity(profiles)
        self.profiles = list(profiles)
        self.weights = [_weights(p, idf) for p in self.profiles]
        self.bonus = np.array([CONTINUATION_BONUS * p.continuation for p in self.profiles], dtype=np.float32)
        # (lower index, higher index) -> {kind of evidence: (bonus, reason)}, each kind at its strongest
        self.evidence: dict[tuple[int, int], dict[str, tuple[float, str]]] = {}
        self.evidenced: dict[int, set[int]] = {}  # profile -> the profiles it has such evidence with
        self._add_shared_marks()
        self._add_continued_objects(idf)

    def _add(self, i: int, j: int, kind: str, bonus: float, reason: str) -> None:
        found = self.evidence.setdefault((min(i, j), max(i, j)), {})
        self.evidenced.setdefault(i, set()).add(j)
        self.evidenced.setdefault(j, set()).add(i)
        if bonus > found.get(kind, (0.0, ""))[0]:
            found[kind] = (bonus, reason)

    def _add_shared_marks(self) -> None:
        """Names and sums that two initiatives of different documents share, when every document that has
        one has it in a single initiative: the name of one effort ("Trædesten", "TEC"), not of a place or
        an administration many initiatives mention."""
        holders: dict[str, list[int]] = {}
        for n, profile in enumerate(self.profiles):
            for mark in profile.marks:
                holders.setdefault(mark, []).append(n)
        shared: dict[tuple[int, int], list[str]] = {}
        for mark, found in holders.items():
            documents = [self.profiles[n].document_id for n in found]
            if 1 < len(found) == len(set(documents)):
                for i, j in combinations(found, 2):
                    shared.setdefault((i, j), []).append(mark)
        for (i, j), marks in shared.items():
            for kind, bonus, label in (("navn:", NAME_BONUS, "fælles navn"),
                                       ("beløb:", AMOUNT_BONUS, "samme beløb")):
                values = sorted(m.removeprefix(kind) for m in marks if m.startswith(kind))
                if values:
                    self._add(i, j, kind, bonus, f"{label}: {', '.join(values)}")

    def _add_continued_objects(self, idf: Mapping[str, float]) -> None:
        """Pairs where one initiative says what it continues and the other's words hold most of it (by
        rarity, and at least two of its words; a long lemma also counts when near: "karrierecenter" and
        "karrierecentrum"). The holders of each word are looked up, not every initiative scanned."""
        holders: dict[str, set[int]] = {}
        for n, profile in enumerate(self.profiles):
            for term in profile.terms:
                holders.setdefault(term, set()).add(n)
        long_terms = sorted(t for t in holders if len(t) >= NEAR_WORD_LENGTH)
        rarest = max(idf.values(), default=1.0)
        held_by: dict[str, set[int]] = {}
        for n, profile in enumerate(self.profiles):
            for phrase, lemmas in profile.objects:
                for word in lemmas:
                    if word not in held_by:
                        near = process.extract(word, long_terms, scorer=fuzz.ratio, score_cutoff=NEAR_WORD,
                                               limit=None) if len(word) >= NEAR_WORD_LENGTH else []
                        held_by[word] = set().union(holders.get(word, set()), *(holders[t] for t, *_ in near))
                weights = {word: idf.get(word, rarest) for word in lemmas}
                held: Counter[int] = Counter()
                words: Counter[int] = Counter()
                for word, weight in weights.items():
                    for m in held_by[word]:
                        held[m] += weight
                        words[m] += 1
                total = sum(weights.values())
                for m, weight in held.items():
                    coverage = weight / total
                    if (coverage >= OBJECT_MIN_COVERAGE and words[m] >= min(2, len(weights))
                            and self.profiles[m].document_id != profile.document_id):
                        self._add(n, m, "object", OBJECT_WEIGHT * coverage, f"fortsætter '{phrase}'")

    def _text(self, i: int, j: int) -> float:
        """The text similarity of profiles ``i`` and ``j``: their cosine, counting in full from
        ``FULL_TEXT_COSINE``."""
        a, b = sorted((self.weights[i], self.weights[j]), key=len)
        return min(1.0, sum(weight * b[term] for term, weight in a.items() if term in b) / FULL_TEXT_COSINE)

    def _text_block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """``_text`` of every row against every column at once (float32, a filter before ``_scores``)."""
        col_terms = set().union(*(self.weights[j] for j in cols))
        column = {term: n for n, term in enumerate(
            sorted({term for i in rows for term in self.weights[i] if term in col_terms}))}

        def vectors(indexes: Sequence[int]) -> np.ndarray:
            found = np.zeros((len(indexes), len(column)), dtype=np.float32)
            for row, n in enumerate(indexes):
                for term, weight in self.weights[n].items():
                    if term in column:
                        found[row, column[term]] = weight
            return found

        return np.minimum(1.0, (vectors(rows) @ vectors(cols).T) / FULL_TEXT_COSINE)

    def score_block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """``_scores`` of every row against every column at once (float32; titles through rapidfuzz's
        ``cdist``), the bonus of continuation wording going to the later of each pair. A pair of one year
        scores 0: neither continues the other."""
        rows, cols = list(rows), list(cols)
        title = process.cdist([self.profiles[i].title_lemmas for i in rows],
                              [self.profiles[j].title_lemmas for j in cols],
                              scorer=fuzz.token_set_ratio, dtype=np.float32) / 100
        row_years = np.array([self.profiles[i].year or 0 for i in rows])[:, None]
        col_years = np.array([self.profiles[j].year or 0 for j in cols])[None, :]
        bonus = np.where(row_years < col_years, self.bonus[cols][None, :], self.bonus[rows][:, None])
        score = TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * self._text_block(rows, cols) + bonus
        at = {j: c for c, j in enumerate(cols)}
        for r, i in enumerate(rows):
            for j in self.evidenced.get(i, set()) & at.keys():
                score[r, at[j]] += self._extra(i, j)
        score = np.minimum(1.0, score)
        score[row_years == col_years] = 0.0
        return score

    def _extra(self, i: int, j: int) -> float:
        """The bonus of names, sums and continued objects of profiles ``i`` and ``j``."""
        if j not in self.evidenced.get(i, ()):
            return 0.0
        return sum(bonus for bonus, _ in self.evidence[min(i, j), max(i, j)].values())

    def _scores(self, i: int, j: int) -> tuple[float, float, float]:
        """Score, title and text similarity of profile ``i`` and the later profile ``j``."""
        title = fuzz.token_set_ratio(self.profiles[i].title_lemmas, self.profiles[j].title_lemmas) / 100
        text = self._text(i, j)
        score = TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * text + float(self.bonus[j]) + self._extra(i, j)
        return min(1.0, score), title, text

    def found(self, i: int, j: int) -> Match:
        """The match of profile ``i`` with the later profile ``j``."""
        score, title, text = self._scores(i, j)
        reason = _reason(self.profiles[i], self.profiles[j], title, text, self.weights[i], self.weights[j])
        extra = [reason for _, reason in self.evidence.get((min(i, j), max(i, j)), {}).values()]
        return Match(score=round(score, 3), reason="; ".join([*extra, reason]))

    def best_pairs(self, rows: Sequence[int], cols: Sequence[int],
                   threshold: float) -> list[tuple[int, int, Match]]:
        """One-to-one pairs (row, col, match) of the profiles ``rows`` and the later ``cols`` scoring at
        least ``threshold``, each the best match of both its ends: an initiative whose best counterpart is
        taken by a better pair is left unpaired rather than paired with its runner-up."""
        rows, cols = list(rows), list(cols)
        if not rows or not cols:
            return []
        text = self._text_block(rows, cols)
        reachable = TITLE_WEIGHT + (1 - TITLE_WEIGHT) * text + self.bonus[cols][None, :]
        within_reach = {(rows[r], cols[c]) for r, c in np.argwhere(reachable >= threshold - 1e-6)}
        col_set = set(cols)
        within_reach.update((i, j) for i in rows for j in self.evidenced.get(i, ()) if j in col_set)
        candidates = []
        for i, j in within_reach:
            score = self._scores(i, j)[0]
            if score >= threshold:
                candidates.append((score, i, j))
        candidates.sort(key=lambda found: (-found[0], found[1], found[2]))
        best: dict[int, float] = {}
        for score, i, j in candidates:
            best[i] = max(best.get(i, 0.0), score)
            best[j] = max(best.get(j, 0.0), score)
        used_rows: set[int] = set()
        used_cols: set[int] = set()
        pairs = []
        for score, i, j in candidates:
            if score >= best[i] and score >= best[j] and i not in used_rows and j not in used_cols:
                used_rows.add(i)
                used_cols.add(j)
                pairs.append((i, j, self.found(i, j)))
        return pairs


def similarity(a: InitiativeProfile, b: InitiativeProfile, idf: Mapping[str, float] | None = None) -> Match:
    """How alike ``a`` and the later ``b`` are, with the reason in Danish; terms are weighted by ``idf``
    (``rarity`` of the initiatives compared; default: of the two)."""
    return Comparison([a, b], idf).found(0, 1)


def match(
    old: Sequence[InitiativeProfile], new: Sequence[InitiativeProfile], threshold: float,
    idf: Mapping[str, float] | None = None,
) -> list[tuple[InitiativeProfile, InitiativeProfile, Match]]:
    """One-to-one best matches of ``old`` and ``new`` scoring at least ``threshold``, best pair first
    (greedy). Terms are weighted by ``idf`` (``rarity`` of the initiatives compared; default: of old and
    new together)."""
    compared = Comparison([*old, *new], idf)
    pairs = compared.best_pairs(range(len(old)), range(len(old), len(old) + len(new)), threshold)
    return [(compared.profiles[i], compared.profiles[j], found) for i, j, found in pairs]
