"""Action plans ("Handleplan for udmøntning af politisk aftale om …"), the ``action_plan`` kind.

A letter to the committee that says how an agreement is carried out: the agreement's principles
("Princip 1: …") and target groups ("Gruppe 1: …", "Herudover er der en fjerde gruppe: …") as goals, then one
section per group with "Supplerende initiativer … for gruppe N" listing what the administration adds.

What counts as an initiative (the domain guide's rule for ``action_plan``, spelled out):

- every paragraph (or list item) under a "Supplerende initiativer …" heading is one initiative; its title is
  its bold lead-in if it has one, else the noun phrase its first sentence sets up ("Forvaltningen nedsætter
  en tværfaglig taskforce, der …" -> "tværfaglig taskforce"), else that first sentence, without a trailing
  parenthesis or full stop; a paragraph ending in a colon that introduces a list is not one;
- anywhere else, a sentence whose main clause sets something up in the administration's voice ("Der vil
  blive udviklet en visitationsmodel til brug for inddelingen") names an initiative: the noun phrase;
- a paragraph that only refers back to initiatives already named ("Taskforcen og praksisundersøgelsen
  beskrives …") is no new initiative; what it says (offices, target groups) is added to those it names.

Responsibility: the administration that writes the letter (its letterhead) is responsible for what the text
says it does itself ("Forvaltningen nedsætter …", "Forvaltningens progressionsredskab …") and for what is
set up in the passive voice of the letter ("igangsættes en praksisundersøgelse"); a body the text names as
the actor ("Jobcentret etablerer …", "SOF er tovholder", "varetages af …") is responsible; every other office
named is a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planarkiv.schema import (
    Document,
    DocumentKind,
    Extraction,
    Goal,
    GoalKind,
    Initiative,
    InitiativeStatus,
    Office,
    OfficeKind,
    OfficeRole,
    RelationType,
    TargetGroup,
)

from ..blocks import Block
from ..danish import offices as office_finder
from ..danish import target_groups as group_finder
from ..danish.nlp import sentences
from ..danish.text import clean_title, collapsed
from ..layout import Layout
from ..prose import (
    body_paragraphs,
    bold_lead,
    document_title,
    document_year,
    is_body,
    is_heading,
    letterhead_lines,
)
from ..records import RecordBuilder


def author_office(layout: Layout, paras: list[Block]) -> Office | None:
    """The administration that writes the document: its letterhead's, else the first one the text names."""
    for text in (" ".join(line.text for line in letterhead_lines(layout)), " ".join(b.text for b in paras)):
        for mention in office_finder.find_offices(text):
            if mention.office.kind is OfficeKind.ADMINISTRATION:
                return mention.office
    return None


def target_groups_in(text: str) -> list[TargetGroup]:
    """The target groups a title or heading names ("… aftale om udsatte borgere")."""
    return group_finder.find_target_groups(text)


# ---------------------------------------------------------------------------------------------------------
# Goals: "Princip 3: …", "Gruppe 2: …", "Herudover er der en fjerde gruppe: …"
# ---------------------------------------------------------------------------------------------------------

_GOAL_KINDS = {"princip": GoalKind.PRINCIPLE, "gruppe": GoalKind.GROUP, "målgruppe": GoalKind.GROUP}
_NUMBERED_GOAL = re.compile(r"^(?P<kind>princip|gruppe|målgruppe)\s+(?P<number>\d{1,2})"
                            r"\s*(?::|\.\s|\s[–-]\s)\s*(?P<text>\S.*)$", re.IGNORECASE | re.DOTALL)
_ORDINALS = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
             "syvende": 7, "ottende": 8, "niende": 9, "tiende": 10}
_ORDINAL_GOAL = re.compile(rf"(?:^|\s)(?P<ordinal>{'|'.join(_ORDINALS)})\s+"
                           r"(?P<kind>princip|gruppe|målgruppe)\s*:\s*(?P<text>\S.*)$",
                           re.IGNORECASE | re.DOTALL)


def goal_of(block: Block) -> tuple[GoalKind, str, str] | None:
    """(kind, number, text) when the block states a principle or a target group of the agreement."""
    text = collapsed(block.text)
    m = _NUMBERED_GOAL.match(text)
    if m:
        return _GOAL_KINDS[m["kind"].casefold()], m["number"], m["text"].rstrip(". ")
    if not block.bullet or not text:
        return None
    m = _ORDINAL_GOAL.search(text)  # in a list item: "Herudover er der en fjerde gruppe: Borgere, der …"
    if m is None or m.start() >= len(sentences(text)[0]):
        return None
    return _GOAL_KINDS[m["kind"].casefold()], str(_ORDINALS[m["ordinal"].casefold()]), m["text"].rstrip(". ")


# ---------------------------------------------------------------------------------------------------------
# Initiatives: a sentence that sets something up
# ---------------------------------------------------------------------------------------------------------

_SETUP_VERB = (
    r"nedsæt(?:te|ter|tes)|nedsat(?:te|tes)?|igangsæt(?:te|ter|tes)|igangsat(?:te|tes)?"
    r"|iværksæt(?:te|ter|tes)|iværksat(?:te|tes)?|søsæt(?:te|ter|tes)|søsat(?:te)?"
    r"|udvikl(?:e|er|es|et|ede|edes)|etabler(?:e|er|es|et|ede|edes)|opret(?:te|ter|tes|tet|tede)"
    r"|foretag(?:e|er|es|et)|foretog|gennemfør(?:e|er|es|t|te|tes)|udarbejd(?:e|er|es|et|ede)"
    r"|indfør(?:e|er|es|t|te)|lancer(?:e|er|es|et|ede)|afprøv(?:e|er|es|et|ede)|opstart(?:e|er|es|et|ede)"
    r"|arbejd(?:e|er|es)\s+på"
)
_ADVERB = r"også|derfor|desuden|nu|snarest|samtidig|endvidere|yderligere|hurtigst\s+muligt"
# the subject after the verb when an adverbial comes first ("Herudover etablerer forvaltningen et netværk")
_INVERTED_SUBJECT = r"forvaltningen|forvaltningerne|kommunen|vi|jobcentret|jobcentrene|administrationen|der"
_SETUP = re.compile(rf"(?<![\wæøå])(?P<verb>{_SETUP_VERB})\s+(?:(?P<subject>{_INVERTED_SUBJECT})\s+)?"
                    rf"(?:(?:{_ADVERB})\s+)*(?:en|et)\s+(?P<np>[^,.;:()]+)", re.IGNORECASE)
_NP_END = re.compile(r"\s(?:der|som|hvor|hvilke[nt]?|så|hvis|når)\s.*$", re.IGNORECASE | re.DOTALL)
_SUBORDINATE = re.compile(r"^(?:hvor|der|som|at|når|hvis|da|fordi|så|mens|idet|såfremt|selvom|hvilket|"
                          r"hvorved|hvorfor|og\s+at|om|end|før|efter\s+at|indtil)\b", re.IGNORECASE)
_SENTENCE_SUBORDINATE = re.compile(r"^(?:hvis|når|fordi|selvom|såfremt|idet|mens|hvor|om)\b", re.IGNORECASE)
_PASSIVE_AUX = re.compile(r"\b(?:blive|bliver|blev|blevet|vil\s+blive)\b", re.IGNORECASE)
# who may set something up in the letter's own voice: the administration itself, or nobody named
_ACTOR_WORDS = {"der", "forvaltningen", "forvaltningerne", "kommunen", "vi", "jobcentret", "jobcentrene",
                "administrationen"}
_INFINITIVE = re.compile(r"\bat\s*$", re.IGNORECASE)
_PREPOSITIONS = {"til", "af", "for", "med", "om", "på", "i", "mellem", "over", "under", "fra", "ved", "hos",
                 "inden", "mod", "efter", "uden", "gennem"}


@dataclass
class Setup:
    title: str
    head: str  # the noun the title is about ("taskforce"), to recognise later references to it
    actor: str  # the clause before the verb ("Forvaltningen", "Der vil i 2016 blive")
    passive: bool


def _clause_before(sentence: str, start: int) -> str:
    """The clause the verb at ``start`` belongs to, up to the verb: after the last comma before it."""
    before = sentence[:start]
    return before[before.rfind(",") + 1:].strip() if "," in before else before.strip()


def find_setup(sentence: str) -> Setup | None:
    """The initiative a sentence sets up in its main clause with an indefinite article, if any."""
    for m in _SETUP.finditer(sentence):
        clause = _clause_before(sentence, m.start())
        whole_clause = "," not in sentence[:m.start()]
        if (_SENTENCE_SUBORDINATE if whole_clause else _SUBORDINATE).match(clause):
            continue  # a subordinate clause ("…, hvor der skal etableres en virksomhedsplacering")
        if _INFINITIVE.search(sentence[:m.start()]):
            continue
        verb = m["verb"].casefold()
        passive = verb.endswith("es") or bool(_PASSIVE_AUX.search(clause))
        if m["subject"]:
            clause = m["subject"]
        first = re.sub(r"[^\wæøå]", "", clause.split()[0].casefold()) if clause.split() else ""
        named = bool(clause) and bool(office_finder.find_offices(clause))
        if not (passive or not clause or first in _ACTOR_WORDS or named):
            continue  # someone else does it ("Taskforcen skal bl.a. udarbejde en tjekliste"): nothing new
        np = _NP_END.sub("", m["np"]).strip()
        title = clean_title(np)
        if not title:
            continue
        return Setup(title=title, head=head_noun(title), actor=clause, passive=passive)
    return None


def head_noun(phrase: str) -> str:
    """The noun a phrase is about: its last word before a preposition ("visitationsmodel til brug …")."""
    words = []
    for word in phrase.split():
        if word.casefold() in _PREPOSITIONS and words:
            break
        words.append(word)
    return re.sub(r"[^\wæøå-]", "", words[-1].casefold()) if words else ""


_DEFINITE = ("en", "n", "et", "t", "ne", "erne", "ene", "ens", "ns", "ets", "ts", "nes", "ernes")
_BACK_REFERENCE = {"ovennævnte", "førnævnte", "nævnte"}
_DEMONSTRATIVE = {"disse", "denne", "dette", "begge", "de"}
_INITIATIVE_NOUN = re.compile(r"^(?:initiativ|tiltag|indsats|projekt|forsøg)", re.IGNORECASE)


def refers_to(word: str, head: str) -> bool:
    """``word`` is the definite form of ``head`` ("taskforcen", "visitationsmodellen")."""
    word = re.sub(r"[^\wæøå-]", "", word.casefold())
    if not head or not word.startswith(head) or word == head:
        return word == head and bool(head)
    rest = word[len(head):]
    if len(rest) > 1 and rest[0] == head[-1] and head[-1] not in "aeiouyæøå":
        rest = rest[1:]
    return rest in _DEFINITE


# ---------------------------------------------------------------------------------------------------------
# Who is responsible
# ---------------------------------------------------------------------------------------------------------

_SELF = re.compile(r"^(?:\S+\s+){0,2}?forvaltningens?\b", re.IGNORECASE)
_BARE_SELF = re.compile(r"(?<![\wæøå-])forvaltningens?\b", re.IGNORECASE)
_SELF_SUBJECT = re.compile(r"^(?:[^,]*,\s*)?forvaltningens?\b|^[^,]{0,60}?\b(?:vil|skal|kan|har|må|bør)\s+"
                           r"forvaltningen\b", re.IGNORECASE)


def _self_subject(sentence: str) -> bool:
    """The sentence's subject is the administration itself: "Forvaltningen vil …", "Forvaltningens …",
    "I denne forbindelse vil forvaltningen …"."""
    return bool(_SELF_SUBJECT.match(sentence))


# ---------------------------------------------------------------------------------------------------------
# The parser
# ---------------------------------------------------------------------------------------------------------

# a heading over what the plan adds: "Supplerende initiativer …", "Nye initiativer for …", "Indsatser"
_SUPPLEMENTARY = re.compile(r"^(?:(?:supplerende|nye|yderligere|øvrige|konkrete|flere)\s+)?"
                            r"(?:initiativer|indsatser|tiltag)\b", re.IGNORECASE)
_LABEL_WORDS = 15  # a plain-text line that announces them ("Supplerende initiativer for gruppe 2:")
_GROUP_IN_HEADING = re.compile(r"\b(?:mål)?gruppe\s+(\d{1,2})\b", re.IGNORECASE)
_ALL_GROUPS = re.compile(r"\b(?:grupper|målgrupper|grupperne|målgrupperne)\b", re.IGNORECASE)
_PLAN_TITLE = re.compile(r"^\s*handleplan\b", re.IGNORECASE)


@dataclass
class Section:
    heading: Block | None
    title: str | None
    groups: list[str]  # numbers of the group goals the section is about
    supplementary: bool
    paras: list[Block] = field(default_factory=list)
    item: str | None = None  # the initiative a sub-heading under a supplementary heading names


def heading_text(block: Block) -> str:
    return collapsed(block.text).rstrip(":. ")


def _label(block: Block) -> bool:
    """A plain-text line that announces the initiatives below it ("Supplerende initiativer for gruppe 2:")."""
    text = collapsed(block.text)
    return (not block.bullet and text.endswith(":") and len(text.split()) <= _LABEL_WORDS
            and bool(_SUPPLEMENTARY.match(text)))


def _sections(paras: list[Block], body_size: float, document_title: str | None) -> list[Section]:
    """The document cut at its headings, each with the group(s) it is about (inherited by sub-headings).

    The document's own title is no section heading: the text under it is the introduction. Under a
    supplementary heading, a smaller heading names one initiative (an item section); so does one of the
    same size when the first such heading follows the supplementary heading directly, with no text
    between (the template sets the items at its level); a larger heading ends them."""
    sections = [Section(None, None, [], False)]
    group_level: tuple[float, list[str]] | None = None  # size of the heading that set the group, its groups
    supplementary: Section | None = None
    items_at_its_size = False
    for block in paras:
        label = _label(block)
        if not (is_heading(block) or label):
            if is_body(block, body_size):
                sections[-1].paras.append(block)
            continue
        title = heading_text(block)
        if document_title is not None and title == document_title.rstrip(":. "):
            document_title = None
            continue
        if supplementary is not None and supplementary.heading is not None and not label and not (
                _SUPPLEMENTARY.match(title) or _GROUP_IN_HEADING.search(title)):
            size = supplementary.heading.size
            same = abs(block.size - size) < 0.1 and (items_at_its_size or (sections[-1] is supplementary
                                                     and not supplementary.paras))
            if block.size < size - 0.1 or same:
                items_at_its_size = items_at_its_size or same
                sections.append(Section(block, supplementary.title, supplementary.groups, True, item=title))
                continue
        numbers = list(dict.fromkeys(_GROUP_IN_HEADING.findall(title)))
        groups: list[str]
        if numbers:
            groups = numbers
        elif group_level and block.size < group_level[0] - 0.1:
            groups = group_level[1]  # a sub-heading of a group's section
        elif _ALL_GROUPS.search(title):
            groups = ["*"]
        else:
            groups = []
        if not (group_level and block.size < group_level[0] - 0.1):
            group_level = (block.size, groups)
        section = Section(block, title, groups, bool(_SUPPLEMENTARY.match(title)))
        supplementary, items_at_its_size = (section if section.supplementary else None), False
        sections.append(section)
    return sections


class ActionPlanParser:
    kind = DocumentKind.ACTION_PLAN

    def detect(self, layout: Layout) -> float:
        paras = body_paragraphs(layout)
        title = document_title(paras) or ""
        starts = [collapsed(b.text) for b in paras]
        principles = {m["number"] for t in starts if (m := _NUMBERED_GOAL.match(t)) and m["kind"].casefold()
                      == "princip"}
        groups = {m["number"] for t in starts if (m := _NUMBERED_GOAL.match(t)) and m["kind"].casefold()
                  == "gruppe"}
        supplementary = sum(1 for b in paras if is_heading(b) and _SUPPLEMENTARY.match(b.text))
        score = 0.35 if _PLAN_TITLE.match(title) else 0.0
        score += 0.25 if len(principles) >= 2 else 0.1 if principles else 0.0
        score += 0.2 if len(groups) >= 2 else 0.05 if groups else 0.0
        score += 0.2 if supplementary else 0.0
        return min(score, 1.0)

    def parse(self, layout: Layout, document: Document) -> Extraction:
        return _ActionPlan(layout, document).run()


class _ActionPlan:
    def __init__(self, layout: Layout, document: Document) -> None:
        self.layout = layout
        self.paras = body_paragraphs(layout)
        self.body_size = layout.body_size
        self.title = document_title(self.paras) or document.title
        self.year, self.period_start, self.period_end = document_year(
            self.title, "\n".join(b.text for b in self.paras))
        self.author = author_office(layout, self.paras)
        self.plan_groups = group_finder.find_target_groups(self.title)
        self.own_kind = head_noun(self.title.split()[0]) if self.title.split() else ""
        self.builder = RecordBuilder(document)
        self.goals: dict[tuple[GoalKind, str], Goal] = {}
        self.heads: dict[str, str] = {}  # initiative id -> head noun
        self.owner: dict[int, Initiative] = {}  # id(block) -> the initiative whose money it holds

    # -- goals ------------------------------------------------------------------------------------------

    def read_goals(self) -> None:
        target = self.plan_groups[0].name if self.plan_groups else None
        for block in self.paras:
            found = goal_of(block)
            if found is None:
                continue
            kind, number, text = found
            if (kind, number) in self.goals or not text:
                continue
            self.goals[kind, number] = self.builder.goal(
                kind, text, block.page, block.bbox, number=number, target_group=target)

    def group_goals(self, section: Section) -> list[Goal]:
        if "*" in section.groups:
            return [g for (kind, _), g in self.goals.items() if kind is GoalKind.GROUP]
        return [self.goals[GoalKind.GROUP, n] for n in section.groups if (GoalKind.GROUP, n) in self.goals]

    # -- initiatives ------------------------------------------------------------------------------------

    def new_initiative(self, title: str, section: Section, block: Block, head: str = "") -> Initiative:
        initiative = self.builder.initiative(
            title, InitiativeStatus.PLANNED, block.page, block.bbox, section=section.title,
            description=collapsed(block.text))
        self.heads[initiative.id] = head
        for goal in self.group_goals(section):
            self.builder.relate(initiative.id, goal.id, RelationType.SUPPORTS, section.title, block.page)
        for group in self.plan_groups:  # the plan's own target group is every initiative's
            self.builder.target_groups.setdefault(group.id, group)
            self.builder.relate(initiative.id, group.id, RelationType.TARGETS, self.title, block.page)
        return initiative

    def responsible(self, initiative: Initiative, office: Office | None, evidence: str, page: int) -> None:
        if office is not None:
            self.builder.office(initiative, office, OfficeRole.RESPONSIBLE, evidence, page)

    def link(self, initiative: Initiative, block: Block) -> None:
        """Offices and target groups of a paragraph, with the roles its sentences give the offices; the
        author is responsible where a sentence's subject is the administration itself."""
        text = collapsed(block.text)
        self.builder.link_text(initiative, text, block.page)
        if self.author is not None and _BARE_SELF.search(text):
            self.builder.office(initiative, self.author, OfficeRole.MENTIONS, text, block.page)
        for sentence in sentences(text):
            if _self_subject(sentence):
                self.responsible(initiative, self.author, sentence, block.page)

    def link_setup(self, initiative: Initiative, setup: Setup, sentence: str, page: int) -> None:
        """The actor of the set-up sentence is responsible; the letter's passive voice is its author's."""
        named = office_finder.find_offices(setup.actor) if setup.actor else []
        for mention in named:
            self.responsible(initiative, mention.office, sentence, page)
        if not named and (setup.passive or not setup.actor or _SELF.match(setup.actor)
                          or setup.actor.split()[0].casefold() in _ACTOR_WORDS):
            self.responsible(initiative, self.author, sentence, page)

    def referred(self, block: Block, known: list[Initiative], in_section: list[Initiative]
                 ) -> list[Initiative] | None:
        """The initiatives a paragraph only refers back to ("Taskforcen og praksisundersøgelsen beskrives
        …", "Ovennævnte initiativer …"), or None when it is not such a paragraph."""
        said = sentences(collapsed(block.text))
        words = said[0].split() if said else []
        if not words or not known or find_setup(said[0]):
            return None
        first = re.sub(r"[^\wæøå]", "", words[0].casefold())
        by_head = [i for i in known if self.heads.get(i.id) and refers_to(words[0], self.heads[i.id])]
        back = first in _BACK_REFERENCE or (first in _DEMONSTRATIVE and len(words) > 1
                                            and bool(_INITIATIVE_NOUN.match(words[1])))
        if not by_head and not back:
            return None
        named = [i for i in known if self.heads.get(i.id) and any(
            refers_to(w, self.heads[i.id]) for w in re.findall(r"[\wæøå-]+", block.text.casefold()))]
        return named or by_head or in_section or None

    def run(self) -> Extraction:
        self.read_goals()
        sections = _sections(self.paras, self.body_size, self.title)
        known: list[Initiative] = []
        for section in sections:
            in_section: list[Initiative] = []
            if section.item is not None and section.heading is not None:
                known.extend(self.item(section, section.heading, section.item))
                continue
            for i, block in enumerate(section.paras):
                following = section.paras[i + 1] if i + 1 < len(section.paras) else None
                referred = self.referred(block, known, in_section)
                if referred is not None:
                    for initiative in referred:
                        self.link(initiative, block)
                    self.owner[id(block)] = referred[0]
                    continue
                if section.supplementary:
                    made = self.supplementary(section, block, following)
                else:
                    made = self.named(section, block)
                in_section.extend(made)
                known.extend(made)
        for block in self.paras:
            self.builder.money(block.text, block.page, block.bbox, self.owner.get(id(block)))
        return self.builder.result(kind=DocumentKind.ACTION_PLAN, title=self.title, year=self.year,
                                   period_start=self.period_start, period_end=self.period_end)

    def supplementary(self, section: Section, block: Block, following: Block | None) -> list[Initiative]:
        """One paragraph (or list item) under "Supplerende initiativer …"."""
        text = collapsed(block.text)
        if text.endswith(":") and following is not None and following.bullet:
            return []  # it introduces the list below
        raw_lead = collapsed(bold_lead(block))
        lead = clean_title(raw_lead)
        said = sentences(text[len(raw_lead):].lstrip(" :–-") if lead else text)
        setup = find_setup(said[0]) if said else None
        if lead:  # an item with a bold lead-in ("Jobklub for akademikere: …") is named by it
            title, head = lead, head_noun(lead)
        elif setup is not None:
            title, head = setup.title, setup.head
        else:
            title, head = clean_title(said[0] if said else text), ""
        if not title:
            return []
        initiative = self.new_initiative(title, section, block, head)
        self.link(initiative, block)
        if setup is not None:
            self.link_setup(initiative, setup, said[0], block.page)
        self.owner[id(block)] = initiative
        return [initiative]

    def item(self, section: Section, heading: Block, title: str) -> list[Initiative]:
        """The initiative a sub-heading names; the paragraphs under it are its text (what they set up is
        the same initiative: "Taskforce for …" / "Forvaltningen nedsætter en taskforce, der …")."""
        title = clean_title(title)
        if not title:
            return []
        initiative = self.new_initiative(title, section, heading, head_noun(title))
        self.builder.link_text(initiative, title, heading.page)  # the heading may name who runs it
        for block in section.paras:
            self.link(initiative, block)
            for sentence in sentences(collapsed(block.text)):
                setup = find_setup(sentence)
                if setup is not None:
                    self.link_setup(initiative, setup, sentence, block.page)
            self.owner[id(block)] = initiative
        return [initiative]

    def sets_up(self, block: Block) -> bool:
        """The paragraph sets up an initiative of its own in one of its sentences."""
        return any((setup := find_setup(sentence)) is not None and setup.head != self.own_kind
                   for sentence in sentences(collapsed(block.text)))

    def named(self, section: Section, block: Block) -> list[Initiative]:
        """Initiatives a paragraph outside the supplementary lists sets up in one of its sentences."""
        text = collapsed(block.text)
        made = []
        for sentence in sentences(text):
            setup = find_setup(sentence)
            if setup is None or setup.head == self.own_kind:
                continue  # nothing set up, or the document itself ("… har udarbejdet en handleplan")
            initiative = self.new_initiative(setup.title, section, block, setup.head)
            for para in section.paras:  # the section says what it is for and who is involved, except in
                if para is block or not self.sets_up(para):  # what it says of its other initiatives
                    self.builder.link_text(initiative, collapsed(para.text), para.page)
            self.link_setup(initiative, setup, sentence, block.page)
            made.append(initiative)
        if made:
            self.owner[id(block)] = made[0]
        return made


VERSION = 1
PARSER = ActionPlanParser()
