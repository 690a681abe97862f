"""Cross-year lineage (``continues``) against the hand-written ``tests/gold/lineage/efforts.json``, measured
two ways: the automatic links and the candidates a person reviews.

A predicted link is right when both ends belong to one gold effort, wrong when they belong to different
efforts or one end to none, and ignored when the pair is listed as uncertain. Recall counts the
consecutive members of each effort that the predicted links connect by a path (direction ignored).
A gold pair (consecutive members) is found for review when the automatic links join the later member to
the earlier, or the earlier is among the first ``REVIEWED`` candidates of the later.
Gold members are found among the extracted initiatives of their document by exact, else near-exact title.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx
import pytest
from rapidfuzz import fuzz, process

from conftest import GOLD_DIR, LINEAGE_TABLE
from planarkiv.graph.lineage import THRESHOLD, candidates, continues
from planarkiv.graph.similarity import PARTNER_MARK, content_lemmas, match, profiles, rarity, similarity
from planarkiv.schema import Amount, Extraction

TARGET_PRECISION = 0.9
TARGET_REVIEWED = 0.9  # share of gold pairs linked, or among the first REVIEWED candidates of the later
REVIEWED = 3
NEAR_EXACT = 90  # rapidfuzz ratio of folded titles
CURVE = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def _fold(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


@dataclass
class Score:
    right: int
    wrong: int
    ignored: int
    connected: int
    pairs: int

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.connected / self.pairs if self.pairs else 1.0

    def row(self, threshold: float) -> str:
        return (f"| {threshold:.2f} | {self.precision:.3f} | {self.recall:.3f} | {self.right} | {self.wrong} "
                f"| {self.ignored} | {self.connected}/{self.pairs} |")


class Gold:
    """lineage/efforts.json with its members resolved to extracted initiative ids."""

    def __init__(self, extractions: dict[str, Extraction]) -> None:
        data = json.loads((GOLD_DIR / "lineage" / "efforts.json").read_text(encoding="utf-8"))
        self.extractions = extractions
        self.efforts = [[self.resolve(m) for m in effort["members"]] for effort in data["efforts"]]
        self.effort_of = {member: n for n, effort in enumerate(self.efforts) for member in effort}
        self.uncertain = {frozenset((self.resolve(u["a"]), self.resolve(u["b"]))) for u in data["uncertain"]}

    def resolve(self, member: dict) -> str:
        initiatives = self.extractions[member["file"]].initiatives
        titles = [_fold(i.title) for i in initiatives]
        found = process.extractOne(_fold(member["title"]), titles, scorer=fuzz.ratio, score_cutoff=NEAR_EXACT)
        assert found, f"gold initiative not extracted: {member['file']} {member['title']!r}"
        return initiatives[found[2]].id

    def score(self, links: list[tuple[str, str]]) -> Score:
        right = wrong = ignored = 0
        for a, b in links:
            if frozenset((a, b)) in self.uncertain:
                ignored += 1
            elif a in self.effort_of and self.effort_of.get(a) == self.effort_of.get(b):
                right += 1
            else:
                wrong += 1
        linked = nx.Graph(links)
        consecutive = self.pairs()
        connected = sum(a in linked and b in linked and nx.has_path(linked, a, b) for a, b in consecutive)
        return Score(right, wrong, ignored, connected, len(consecutive))

    def pairs(self) -> list[tuple[str, str]]:
        """(earlier, later) of each effort's consecutive members."""
        return [(e[i], e[i + 1]) for e in self.efforts for i in range(len(e) - 1)]


@pytest.fixture(scope="module")
def gold(bundled_extractions: dict[str, Extraction]) -> Gold:
    return Gold(bundled_extractions)


@pytest.fixture(scope="module")
def curve(gold: Gold, request: pytest.FixtureRequest) -> dict[float, Score]:
    extractions = list(gold.extractions.values())
    scores = {}
    for threshold in sorted({*CURVE, THRESHOLD}):
        links = [(r.source_id, r.target_id) for r in continues(extractions, threshold)]
        scores[threshold] = gold.score(links)
    rows = ["| threshold | precision | recall | right | wrong | uncertain | pairs connected |",
            "|---|---|---|---|---|---|---|", *(s.row(t) for t, s in scores.items())]
    request.config.stash[LINEAGE_TABLE] = f"chosen threshold {THRESHOLD:.2f}\n" + "\n".join(rows)
    return scores


def test_automatic_links_are_precise_and_reach_what_they_reach_now(curve: dict[float, Score]) -> None:
    """The automatic links at their target precision, their recall not below the 4 of 7 gold pairs reached
    (issue #5: the rest are joined by synonyms and world knowledge no lexical signal reaches, so a person
    decides them from the candidates, below)."""
    score = curve[THRESHOLD]
    assert score.precision >= TARGET_PRECISION, f"precision {score.precision:.3f}: {score}"
    assert score.connected >= 4, f"recall fell: {score}"


def test_a_reviewer_finds_the_true_earlier_initiative_among_the_first_candidates(
        gold: Gold, request: pytest.FixtureRequest) -> None:
    extractions = list(gold.extractions.values())
    links = continues(extractions)
    linked = {(r.source_id, r.target_id) for r in links}
    ranks = {(c.later_id, c.earlier_id): c.rank for c in candidates(extractions, links)}
    found = [(earlier, later) for earlier, later in gold.pairs()
             if (later, earlier) in linked or ranks.get((later, earlier), REVIEWED + 1) <= REVIEWED]
    share = len(found) / len(gold.pairs())
    table = request.config.stash.get(LINEAGE_TABLE, "")
    request.config.stash[LINEAGE_TABLE] = (f"{table}\nlinked or among the first {REVIEWED} candidates: "
                                           f"{len(found)}/{len(gold.pairs())} gold pairs ({share:.3f})")
    missed = sorted(set(gold.pairs()) - set(found))
    assert share >= TARGET_REVIEWED, f"{len(found)}/{len(gold.pairs())}; missed (earlier, later): {missed}"


def test_candidates_leave_out_linked_pairs_and_rank_each_later_initiative_best_first(gold: Gold) -> None:
    extractions = list(gold.extractions.values())
    links = continues(extractions)
    found = candidates(extractions, links)
    assert found and {(c.later_id, c.earlier_id) for c in found}.isdisjoint(
        (r.source_id, r.target_id) for r in links)
    years = {i.id: ex.document.year for ex in extractions for i in ex.initiatives}
    by_later: dict[str, list[int]] = {}
    for c in found:
        assert years[c.later_id] > years[c.earlier_id] and c.reason
        by_later.setdefault(c.later_id, []).append(c.rank)
    assert all(sorted(ranks) == list(range(1, len(ranks) + 1)) for ranks in by_later.values())
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_links_go_from_later_to_earlier_with_score_and_reason(gold: Gold) -> None:
    years = {i.id: ex.document.year for ex in gold.extractions.values() for i in ex.initiatives}
    relations = continues(list(gold.extractions.values()))
    assert relations
    for rel in relations:
        assert years[rel.source_id] > years[rel.target_id]
        assert rel.score is not None and THRESHOLD <= rel.score <= 1
        assert rel.evidence and "titel" in rel.evidence


def _extraction(year: int, *initiatives: tuple[str, str]) -> Extraction:
    """A document of ``year`` with initiatives given as (title, description)."""
    doc_id = f"doc{year}"
    return Extraction.model_validate({
        "document": {"id": doc_id, "kind": "plan", "title": f"Plan {year}", "year": year,
                     "source_file": f"plan-{year}.pdf", "sha256": "0" * 64, "pages": 1},
        "initiatives": [{"id": f"{doc_id}-i{n}", "title": title, "description": text, "status": "ongoing",
                         "provenance": {"document_id": doc_id, "page": 1}}
                        for n, (title, text) in enumerate(initiatives, start=1)],
    })


DOMAIN = (  # initiatives of a year without a counterpart, so that words are weighed in a population
    ("Jobklubber for ledige akademikere", "Ledige akademikere mødes ugentligt i jobklubber."),
    ("Fremmedsprogstolke", "Bevillingen dækker tolkeydelser til borgere i jobcentret."),
)


def test_continued_effort_scores_above_threshold_and_unrelated_below() -> None:
    old = profiles(_extraction(2010, ("Job og uddannelse til dømte unge",
                                      "Indsatte unge får en uddannelsesplan inden løsladelse."), *DOMAIN))
    new = profiles(_extraction(2027, ("Videreførelse af job og uddannelse til dømte og varetægtsfængslede",
                                      "Løsladelsessamtaler med indsatte giver en plan for uddannelse."),
                               ("Grønne job", "Ledige opkvalificeres til grøn omstilling.")))
    idf = rarity([*old, *new])
    continued = similarity(old[0], new[0], idf)
    assert continued.score >= THRESHOLD
    assert "ordlyd om videreførelse" in continued.reason and "dømme" in continued.reason
    assert all(similarity(o, new[1], idf).score < THRESHOLD for o in old)


def test_match_is_one_to_one_and_keeps_the_best_pair() -> None:
    old = profiles(_extraction(
        2010, ("Bedre samarbejde med a-kasser via jobklubber", "Jobklubber i a-kasser."),
        ("Køb af pladser på produktionsskoler", "Unge på produktionsskoler.")))
    new = profiles(_extraction(
        2012, ("Jobklubber for nyuddannede akademikere", "Jobklubber for akademikere."),
        ("Bedre samarbejde med a-kasser om jobklubber", "Jobklubber i a-kasser.")))
    pairs = match(old, new, threshold=0.3)
    assert len({o.id for o, _, _ in pairs}) == len(pairs) == len({n.id for _, n, _ in pairs})
    assert (old[0].id, new[1].id) in {(o.id, n.id) for o, n, _ in pairs}
    assert all(found.score == similarity(o, n, rarity([*old, *new])).score for o, n, found in pairs)


def test_profiles_carry_target_groups_and_partners(bundled_extractions: dict[str, Extraction]) -> None:
    """The 2010 sheet's "Involverede" column names partners such as TEC; its rows have target groups."""
    sheet = bundled_extractions["bilag-1-udmoentningsplan-2010.pdf"]
    found = profiles(sheet)
    assert len(found) == len(sheet.initiatives)
    assert any(term.startswith(PARTNER_MARK) for p in found for term in p.terms)
    assert any(p.target_groups for p in found)


def _pairs(old: Extraction, new: Extraction) -> dict[tuple[str, str], str]:
    """The reasons of the matches of two documents at the lineage threshold, by (old title, new title)."""
    return {(o.title, n.title): found.reason
            for o, n, found in match(profiles(old), profiles(new), threshold=THRESHOLD)}


def test_named_continued_phrase_links_a_proposal_to_the_centre_it_names() -> None:
    """A 2012 proposal to continue "karrierecenter for akademikere" is the centre a 2018 plan reports on,
    though the lookup table lemmatises "Karrierecentret" to another word ("karrierecentrum")."""
    old = _extraction(2012, ("Nyuddannede", "Initiativer kan omfatte jobsøgningsforløb og videreførelse og "
                             "styrkelse af karrierecenter for akademikere i samarbejde med a-kasser."),
                      *DOMAIN)
    new = _extraction(2018, ("Karrierecentret", "Med etableringen af Karrierecentret som et selvstændigt "
                             "jobcenter er alle ledige akademikere tilknyttet centret."),
                      ("Grønne job", "Ledige opkvalificeres til grøn omstilling."))
    assert _pairs(old, new).keys() == {("Nyuddannede", "Karrierecentret")}
    assert "fortsætter 'karrierecenter for akademikere'" in next(iter(_pairs(old, new).values()))


def test_shared_name_counts_only_when_each_document_gives_it_to_one_initiative() -> None:
    """Settlementet runs one effort in each document; Tingbjerg is a district two initiatives work in."""
    old = _extraction(2018, ("Metodeudviklingsprojekt for udsatte borgere",
                             "Et projekt i samarbejde med Settlementet i Tingbjerg."),
                      ("Familieindsats", "Udsatte familier i Tingbjerg får hjælp."), *DOMAIN)
    new = _extraction(2027, ("Forankring af metoder",
                             "Indsatsen for udsatte borgere varetages af Settlementet i Tingbjerg."),
                      ("Grønne job", "Ledige opkvalificeres til grøn omstilling."))
    reason = _pairs(old, new)[("Metodeudviklingsprojekt for udsatte borgere", "Forankring af metoder")]
    assert "fælles navn: Settlementet;" in reason


def test_same_earmarked_sum_is_evidence() -> None:
    def with_sum(year: int, title: str, text: str, value: int) -> Extraction:
        found = _extraction(year, (title, text), *DOMAIN)
        doc_id = found.document.id
        return found.model_copy(update={"amounts": [Amount.model_validate({
            "id": f"{doc_id}-a1", "text": "120 mio. kr.", "value_dkk": value, "initiative_id": f"{doc_id}-i1",
            "provenance": {"document_id": doc_id, "page": 1}})]})

    old = with_sum(2016, "Virksomhedskonsulenter", "Udvalget prioriterer de 120 mio. kr.", 120_000_000)
    new = with_sum(2018, "Ekstra midler til virksomhedskonsulenter", "Midlerne tredobles.", 120_000_000)
    other = with_sum(2018, "Ekstra midler til virksomhedskonsulenter", "Midlerne tredobles.", 90_000_000)
    same = _pairs(old, new)[("Virksomhedskonsulenter", "Ekstra midler til virksomhedskonsulenter")]
    assert "samme beløb: 120 mio. kr." in same
    assert all("samme beløb" not in reason for reason in _pairs(old, other).values())


def test_runner_up_is_not_paired_when_its_best_match_is_taken() -> None:
    """An initiative whose best counterpart is taken by a better pair stays unlinked rather than taking its
    second choice (the 2018 'Helhedsorienteret indsats for unge' and the 2027 family effort)."""
    old = profiles(_extraction(
        2018, ("Pilotprojekt for udsatte familier i Tingbjerg",
               "Helhedsorienteret indsats for udsatte familier i Tingbjerg."),
        ("Helhedsorienteret indsats for unge",
         "Udsatte unge og deres familier får en helhedsorienteret indsats."),
        *DOMAIN))
    new = profiles(_extraction(
        2027, ("Videreførelse af pilotprojekt for udsatte familier i Tingbjerg",
               "Helhedsorienteret indsats for udsatte familier i Tingbjerg."),
        ("Familieindsats på Nørrebro", "Familier på Nørrebro får hjælp fra flere forvaltninger.")))
    idf = rarity([*old, *new])
    second_choice = similarity(old[1], new[1], idf).score
    assert 0.3 <= second_choice < similarity(old[1], new[0], idf).score
    assert {(o.id, n.id) for o, n, _ in match(old, new, threshold=0.3)} == {(old[0].id, new[0].id)}


def test_dotted_abbreviations_are_not_words() -> None:
    """"f.eks." and "m.fl." split at their dots would be compared as the false lemmas "ekse" and "fl"."""
    assert content_lemmas("partnerskaber om f.eks. introduktionsforløb med HRS, TEC m.fl.") == [
        "partnerskab", "introduktionsforløb", "hrs", "tec"]


def test_a_step_between_two_linked_years_is_proposed_through_the_step_it_resembles() -> None:
    """2018 continues 2010 (linked); the 2012 paragraph shares the 2010 words, not the 2018 ones: it is
    proposed for the 2018 initiative as well, with the linked initiative it was found through."""
    first = _extraction(2010, ("Introforløb til erhvervsuddannelser",
                               "Unge får introforløb på tekniske skoler i samarbejde med TEC."), *DOMAIN)
    between = _extraction(2012, ("Unge på kanten",
                                 "Flere unge skal på tekniske skoler, fx gennem introforløb og praktik."),
                          ("Grønne job", "Ledige opkvalificeres til grøn omstilling."))
    last = _extraction(2018, ("Brobygning til erhvervsuddannelser med TEC",
                              "Erhvervsuddannelser og brobygningsforløb i samarbejde med TEC."),
                       ("Tolke", "Bevillingen dækker tolkeydelser."))
    extractions = [first, between, last]
    assert {(r.source_id, r.target_id) for r in continues(extractions)} == {("doc2018-i1", "doc2010-i1")}
    proposed = {(c.later_id, c.earlier_id): c for c in candidates(extractions)}
    step = proposed[("doc2018-i1", "doc2012-i1")]
    assert step.rank == 1 and step.score == proposed[("doc2012-i1", "doc2010-i1")].score
    assert step.reason.startswith("via den koblede 'Introforløb til erhvervsuddannelser' (2010): ")
    old, new = profiles(between), profiles(last)
    assert similarity(old[0], new[0], rarity([*profiles(first), *old, *new])).score < step.score


def test_an_earlier_initiative_taken_by_a_better_pair_is_proposed_after_a_free_one() -> None:
    """The 2027 club for sygemeldte resembles the 2010 club most, but that club continues as the 2027 club
    of the same name; the 2010 network for sygemeldte, whose best match it is, comes first."""
    old = _extraction(2010, DOMAIN[0], ("Netværk for sygemeldte", "Sygemeldte akademikere mødes i netværk."),
                      DOMAIN[1])
    new = _extraction(2027, DOMAIN[0], ("Jobklubber for sygemeldte akademikere",
                                        "Sygemeldte akademikere mødes i jobklubber."))
    assert {(r.source_id, r.target_id) for r in continues([old, new])} == {("doc2027-i1", "doc2010-i1")}
    proposed = [(c.earlier_id, c.rank, c.score) for c in candidates([old, new]) if c.later_id == "doc2027-i2"]
    (free, first, free_score), (taken, second, taken_score) = sorted(proposed, key=lambda c: c[1])
    assert (free, first, taken, second) == ("doc2010-i2", 1, "doc2010-i1", 2)
    assert taken_score > free_score
