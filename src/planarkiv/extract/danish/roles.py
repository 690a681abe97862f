"""The one grammar of office roles: whether a sentence makes an office responsible for what it speaks of,
or only mentions it.

Responsible, when the sentence says so in one of the ordinary Danish ways:

- the office is the subject of a predicate of responsibility: "X er tovholder", "X er (fælles)
  ansvarlig(e)", "X bliver projektejer", "X har (det overordnede) ansvaret", "X har tovholderrollen",
  also inverted after a fronted adverbial ("Derfor er X og Y fælles ansvarlige");
- the office is the subject of a doing-verb: "X afholder", "X står for", "X driver", "X udfører",
  "X leder", "X varetager", "X gennemfører", also with a modal or perfect ("X vil afholde", "X har
  gennemført");
- the office is the agent or the home of a passive: "varetages af X", "gennemføres af X", "forankres i X",
  "drives hos X", "ledet af X", or its partner: "i samarbejde med X", "i regi af X", "tilskud til X";
- a label: "Ansvarlig: X", "Tovholder: X".

Offices listed together share the role ("X og Y afholder …", "varetages af X, Y og Z"). Anything else is a
mention: "X er ikke ansvarlig", "i dialog med X", "X's ansvar", "X's leder".

Why regular expressions over the sentence rather than spaCy ``Matcher`` patterns: the pipeline has no
parser (``spacy.blank("da")``), so a token pattern knows no more than a regular expression does, and
every cue here is read relative to an office span the gazetteer's entity ruler has already found. A cue is
a fixed phrase in a few inflections right before or right after that span (or the list of offices it
stands in), which ``re.match`` at the span's edge expresses exactly and cheaply. spaCy gives what a regex
cannot: the sentence (``nlp.sentence_spans``, the sentencizer with the abbreviation exceptions), so a
cue never reaches into the next sentence across "bl.a." or "mio. kr.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planarkiv.schema import Office, OfficeRole

from .nlp import sentence_spans
from .offices import find_offices, is_compound, is_genitive

# Words that may stand between a subject and its verb, or a verb and its complement, without changing
# who does it. Negations ("ikke", "ej", "aldrig") are not among them: "X er ikke ansvarlig" is a mention.
_ADVERB = (r"(?:også|fortsat|fremover|fortsætter\s+med\s+at|derfor|dermed|således|nu|stadig|allerede|dog|"
           r"desuden|samtidig|primært|fremadrettet|i\s+fællesskab|sammen|selv|hver\s+især|"
           r"i\s+(?:\d{4}|år|dag|perioden\s+\d{4}\S*))")
_ADVERBS = rf"(?:\s+{_ADVERB})*"
_NOT = r"(?!\s+(?:ikke|ej|aldrig)\b)"

_PREDICATE = (r"(?:(?:den|det|de)\s+)?(?:(?:fælles|overordnet|overordnede|primære?|samlede?|daglige?)\s+)?"
              r"(?:hoved)?(?:ansvarlige?|tovholdere?n?|projektejere?n?|projektansvarlige?|projektledere?n?|"
              r"ejere?n?\s+af|driftsherre)\b")
_COPULA = r"(?:er|var|bliver|blev|har\s+været|vil\s+være|skal\s+være|vil\s+blive|skal\s+fungere\s+som|" \
          r"fungerer\s+som|som)"
_HAS = r"(?:har|havde|får|fik|vil\s+have|skal\s+have|bærer|påtager\s+sig|tager)"
_CHARGE = (r"(?:det\s+|den\s+)?(?:(?:fælles|overordnede|daglige|primære|samlede|politiske)\s+)?"
           r"(?:hovedansvar(?:et)?|ansvar(?:et)?|tovholderrollen|tovholderskabet|projektledelsen|"
           r"ledelsen|driften|ejerskab(?:et)?)\b")
# Doing-verbs, finite: a one-word verb, and a verb with its particle ("står for", "arbejder med").
_DOES = (r"(?:afholder|afholdt|driver|drev|udfører|udførte|leder(?!\s+efter)|ledede|varetager|varetog|"
         r"gennemfører|gennemførte|leverer|leverede|forestår|forestod|koordinerer|koordinerede|"
         r"overtager|overtog|tilrettelægger|tilrettelagde|igangsætter|igangsatte|etablerer|etablerede|"
         r"implementerer|implementerede|udbyder|organiserer|organiserede|tovholder)")
_PARTICLE_VERBS = (("står", r"for(?!\s+at\b)"), ("stod", "for"), ("arbejder", "med"), ("satser", "på"))
_FINITE = (rf"(?:{_DOES}|" + "|".join(rf"{verb}\s+{particle}" for verb, particle in _PARTICLE_VERBS)
           + r")\b")
_PARTICIPLE = (r"(?:afholdt|drevet|udført|ledet|varetaget|gennemført|leveret|koordineret|overtaget|"
               r"stået\s+for|tilrettelagt|igangsat|etableret|implementeret|organiseret)\b")
_INFINITIVE = (r"(?:afholde|drive|udføre|lede|varetage|gennemføre|levere|forestå|koordinere|stå\s+for|"
               r"overtage|tilrettelægge|igangsætte|etablere|implementere|organisere)\b")

# After the subject (the office, or the list it stands in).
_SUBJECT_OF = re.compile(
    rf"^{_ADVERBS}\s*(?:"
    rf"{_COPULA}{_ADVERBS}\s+{_PREDICATE}"
    rf"|{_HAS}{_ADVERBS}\s+{_CHARGE}"
    rf"|(?:{_FINITE}|(?:har|havde){_ADVERBS}\s+{_PARTICIPLE}|(?:vil|skal|skulle|ville){_ADVERBS}\s+{_INFINITIVE})"
    rf"{_NOT})",
    re.IGNORECASE)
# Inverted, the finite verb before the subject and the rest after it: after a fronted adverbial
# ("Derfor er X og Y fælles ansvarlige", "Med aftalen har X overtaget …", "I 2027 vil X afholde …",
# "Konkret arbejder X med …", "For at imødekomme aftalen satser X på følgende indsatser:"). A doing-verb
# before the office is read so only when the sentence starts with an adverbial, not with a noun that may
# be the subject ("Kommunen driver X": X is the object).
_FRONTED = (r"^\W*(?:i|med|for|fra|på|efter|under|ved|gennem|via|derfor|desuden|fremover|fremadrettet|"
            r"samtidig|herudover|derudover|endvidere|også|her|nu|konkret|dermed|således|hertil|"
            r"yderligere|endelig|først|dernæst|afslutningsvis|løbende|fortsat)\b[^.;!?]*?\s")
_INVERTED = tuple((re.compile(before, re.IGNORECASE), re.compile(rf"^{_ADVERBS}\s+{after}", re.IGNORECASE))
                  for before, after in (
                      (r"\b(?:er|var|bliver|blev)\s+$", _PREDICATE),
                      (r"\b(?:har|havde)\s+$", rf"(?:{_CHARGE}|{_PARTICIPLE}){_NOT}"),
                      (r"\b(?:vil|skal)\s+$", rf"{_INFINITIVE}{_NOT}"),
                      (rf"{_FRONTED}{_DOES}\s+$", r"(?!(?:ikke|ej|aldrig)\b)\S"),
                      *((rf"{_FRONTED}{verb}\s+$", rf"{particle}\b") for verb, particle in _PARTICLE_VERBS),
                  ))

# Before the office: it is the agent or the home of the effort, or the partner in it.
_AGENT_OF = re.compile(
    r"\b(?:varetages|varetaget|drives|drevet|udføres|udført|gennemføres|gennemført|ledes|ledet|forankres|"
    r"forankret|afholdes|afholdt|leveres|leveret|koordineres|koordineret|forestås|styres|styret|"
    r"tilrettelægges|tilrettelagt|igangsættes|igangsat|implementeres|placeres|placeret)"
    rf"{_ADVERBS}\s+(?:af|i|hos)\s+"
    r"|\bi\s+(?:et\s+)?(?:tæt\s+|tætt?e\s+)?samarbejde\s+(?:med|mellem)\s+|\bi\s+partnerskab\s+med\s+"
    r"|\bi\s+regi\s+af\s+|\bunder\s+ledelse\s+af\s+|\bi\s+drift\s+(?:på\s+tværs\s+af|i|hos)\s+"
    r"|\b(?:tilskud|driftstilskud)\s+til\s+|\boverdraget\s+til\s+"
    r"|\bansvar(?:et)?\b[^.;:]{0,60}?\b(?:ligger|placeres|er\s+placeret|forankres)\s+(?:hos|i)\s+"
    r"|\b(?:ansvarlige?|ansvar|tovholdere?|projektejere?|forankring)\s*:\s*",
    re.IGNORECASE)
# What ends the reach of a cue before the office it names ("varetages af medarbejdere fra X" reaches).
_CLAUSE_BREAK = re.compile(r"[.;:!?,\n]|\b(?:og|samt|men|der|som|hvor)\b", re.IGNORECASE)
MAX_CUE_GAP = 6  # words between a cue ("varetages af") and the office it names
# What joins offices named together into one list.
_LIST_GLUE = re.compile(r"^\s*(?:,|og|samt|&|,\s*(?:og|samt))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class OfficeRoleMention:
    office: Office
    role: OfficeRole
    text: str
    start: int
    end: int


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]`` (the whole text if none does)."""
    for s, e in sentence_spans(text):
        if s <= start and end <= e:
            return s, e
    return 0, len(text)


def _list_around(text: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The first and last index of the list of names ``spans[i]`` stands in ("X, Y og Z")."""
    first = last = i
    while first > 0 and _LIST_GLUE.match(text[spans[first - 1][1]:spans[first][0]]):
        first -= 1
    while last + 1 < len(spans) and _LIST_GLUE.match(text[spans[last][1]:spans[last + 1][0]]):
        last += 1
    return first, last


def _named_after_cue(text: str, sentence_start: int, spans: list[tuple[int, int]], first: int) -> bool:
    """A cue before the list starting at ``spans[first]`` names it: the list is the first name after the
    cue, in the same clause, at most ``MAX_CUE_GAP`` words on."""
    list_start = spans[first][0]
    previous_end = spans[first - 1][1] if first else sentence_start
    for cue in _AGENT_OF.finditer(text, sentence_start, list_start):
        if cue.end() < previous_end:
            continue  # another name stands between the cue and this list
        gap = text[cue.end():list_start]
        if not _CLAUSE_BREAK.search(gap) and len(gap.split()) <= MAX_CUE_GAP:
            return True
    return False


def _in_compound(text: str, start: int, end: int) -> bool:
    """The name is part of a compound word ("BIF/SUF/SOF-strategi", "SOF-indsatsen"): it qualifies the
    word's last part, it names no actor."""
    return (text[start - 1:start] == "/" or re.match(r"[/-]\w", text[end:end + 2]) is not None
            or is_compound(text[start:end]))


def _role(text: str, sentence: tuple[int, int], spans: list[tuple[int, int]], i: int) -> OfficeRole:
    if _in_compound(text, *spans[i]):
        return OfficeRole.MENTIONS
    first, last = _list_around(text, spans, i)
    begin, end = sentence
    list_start, list_end = spans[first][0], spans[last][1]
    after = text[list_end:end]
    subject = not any(is_genitive(text[s:e]) for s, e in spans[first:last + 1])
    if subject and _SUBJECT_OF.match(after):
        return OfficeRole.RESPONSIBLE
    if any(verb.search(text[begin:list_start]) and rest.match(after) for verb, rest in _INVERTED):
        return OfficeRole.RESPONSIBLE
    if _named_after_cue(text, begin, spans, first):
        return OfficeRole.RESPONSIBLE
    return OfficeRole.MENTIONS


def _spans_in(text: str, sentence: tuple[int, int],
              also: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """The gazetteer offices named in the sentence (and ``also``), in order."""
    spans = {(m.start, m.end) for m in find_offices(text) if sentence[0] <= m.start and m.end <= sentence[1]}
    if also:
        spans = {s for s in spans if s[1] <= also[0] or s[0] >= also[1]} | {also}
    return sorted(spans)


def role_at(text: str, start: int, end: int) -> OfficeRole:
    """The role of the office named at ``text[start:end]`` in its sentence (the span may be any name, not
    only a gazetteer office: "forvaltningen", a body the gazetteer does not know)."""
    sentence = _sentence_of(text, start, end)
    spans = _spans_in(text, sentence, (start, end))
    return _role(text, sentence, spans, spans.index((start, end)))


def office_roles(text: str, copenhagen: bool = True) -> list[OfficeRoleMention]:
    """Every gazetteer office named in ``text`` (``find_offices``, scoped by ``copenhagen``), in order,
    with its role."""
    mentions = find_offices(text, copenhagen)
    if not mentions:
        return []
    found = []
    sentences = sentence_spans(text)
    for mention in mentions:
        sentence = next(((s, e) for s, e in sentences if s <= mention.start and mention.end <= e),
                        (0, len(text)))
        spans = _spans_in(text, sentence)
        role = _role(text, sentence, spans, spans.index((mention.start, mention.end)))
        found.append(OfficeRoleMention(mention.office, role, mention.text, mention.start, mention.end))
    return found
