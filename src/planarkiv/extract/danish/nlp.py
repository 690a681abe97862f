"""The project's one Danish spaCy pipeline, built once, from ``spacy.blank("da")``: no model download.

Pipes: a ``sentencizer`` made to survive Danish abbreviations ("bl.a.", "mio. kr.", "jf.", "2. kvartal"),
and an ``entity_ruler`` whose patterns come from every ``data/patterns/*.jsonl`` file (ORG and TARGET,
generated from the office and target-group gazetteers: what the finders read; money and periods are read
by ``money`` and ``periods`` themselves).

The ruler is the costly pipe (~0.3 ms a token): ``entities`` gets its answer by running only the patterns
that can match, only where they can (``match_windows``), and remembers it per text, because the office and
target-group finders ask about the same text; ``extract`` forgets the answers after each document. Lemmas
are ``lemmas.py``'s, which needs no pipeline.

Text is matched with its whitespace collapsed (PDF line breaks inside a name) and typographic apostrophes
made plain ("BIF’s"); offsets returned by ``entities`` are offsets in the text as given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token

from .match_windows import WindowedRuler
from .text import collapsed, plain

PATTERNS_DIR = Path(__file__).parent / "data" / "patterns"

# Abbreviations of these texts, the project's one list; each stays one token, so its full stop never ends a
# sentence.
ABBREVIATIONS = (
    "bl.a.", "f.eks.", "fx.", "mhp.", "ift.", "mht.", "iht.", "ifm.", "pga.", "pba.", "dvs.", "jf.", "ca.",
    "evt.", "inkl.", "ekskl.", "tidl.", "vedr.", "ang.", "hhv.", "nr.", "pkt.", "stk.", "kl.", "st.", "hr.",
    "mio.", "mia.", "kr.", "t.kr.", "pct.", "mv.", "m.v.", "m.fl.", "m.m.", "mm.", "osv.", "pr.", "d.", "ad.",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.",
)
# Abbreviations a sentence may end with ("… 66,4 mio. kr. Næste sætning").
SENTENCE_FINAL = frozenset({"kr.", "mio.", "mia.", "t.kr.", "pct.", "mv.", "m.v.", "m.fl.", "mm.", "osv."})
BULLETS = frozenset({"\uf0b7", "•", "▪", "◦", "\uf0a7"})
ORDINAL = re.compile(r"^\d{1,4}\.$")
# After these a sentence goes on, whatever the full stop before them ("klyngen. (2. kvartal 2017).",
# "til indsatsen.; 0,3 mio. kr. til …").
_GOES_ON = frozenset({"(", ";", ","})


@dataclass(frozen=True)
class Entity:
    label: str  # ORG, TARGET
    id: str  # the pattern's id: an office id, a target-group id, or ""
    text: str  # as written in the text given
    start: int
    end: int


def _is_bullet(token: Token) -> bool:
    """A bullet glyph, or a sub-bullet "o" before a capitalised word ("o Styrket koordinering …")."""
    text = token.text
    if text in BULLETS:
        return True
    return text == "o" and token.i + 1 < len(token.doc) and token.nbor().text[:1].isupper()


@Language.component("planarkiv_sentence_fixes")
def _sentence_fixes(doc: Doc) -> Doc:
    """After the sentencizer: Danish sentences start with a capital letter, a digit, a quote or a bullet.

    A full stop before a lower-case word ("Personaleafd. i de …", "d. 27. april") ends nothing; an
    abbreviation that can end a sentence ("kr.", "pct.") does end one when a capitalised word follows; a
    parenthesis, a semicolon or a comma goes on with the sentence before it ("i klyngen. (2. kvartal
    2017).");
    so does a number with a full stop ("i år 2020. Det …"), unless it numbers a list item after a colon
    or a sentence ("indsatsen: 1. Masterclass …"), which then starts a sentence; a bullet starts one.
    """
    tokens = list(doc)  # spaCy makes a new Token object at each indexing
    for prev, token in pairwise(tokens):
        first = token.text[:1]
        if _is_bullet(token):
            token.is_sent_start = True
        elif prev.text in _GOES_ON or (token.is_sent_start and first.isalpha() and first.islower()):
            token.is_sent_start = False
        elif first.isupper() and prev.lower_ in SENTENCE_FINAL:
            token.is_sent_start = True
        elif first.isupper() and ORDINAL.match(prev.text):
            before = tokens[prev.i - 1].text if prev.i else ""
            if len(before) > 1 and before.endswith("."):  # "Ad. 1. Masterclass …": one sentence
                token.is_sent_start = False
                continue
            item = prev.i == 0 or bool(prev.is_sent_start) or before in {":", ".", "!", "?"}
            if item and prev.i > 0:
                prev.is_sent_start = True
            token.is_sent_start = not item
    return doc


def _danish() -> Language:
    """``spacy.blank("da")`` with the abbreviations as tokenizer exceptions."""
    pipeline = spacy.blank("da")
    for abbreviation in ABBREVIATIONS:
        for form in {abbreviation, abbreviation[:1].upper() + abbreviation[1:]}:
            pipeline.tokenizer.add_special_case(form, [{"ORTH": form}])
    return pipeline


@cache
def blank() -> Language:
    """The bare tokenizing pipeline (no pipes, no patterns): what the pattern generators split gazetteer
    names with, so patterns and texts are tokenized alike."""
    return _danish()


def pattern_files() -> list[Path]:
    return sorted(PATTERNS_DIR.glob("*.jsonl"))


def write_patterns(name: str, patterns: list[dict]) -> Path:
    """Write EntityRuler patterns generated from a gazetteer to ``data/patterns/<name>.jsonl``."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns), encoding="utf-8")
    return path


@cache
def nlp() -> Language:
    """The pipeline: built once, offline."""
    pipeline = _danish()
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("planarkiv_sentence_fixes")
    ruler = pipeline.add_pipe("entity_ruler", config={"validate": True})
    pipeline.initialize()  # clears the ruler
    for path in pattern_files():
        ruler.add_patterns(list(srsly.read_jsonl(path)))
    return pipeline


_NON_SPACE = re.compile(r"\S+")


def normalise(text: str) -> tuple[str, list[int]]:
    """``plain(text)`` with the offset in ``text`` of every character kept (a space: the first
    whitespace character of its run)."""
    offsets: list[int] = []
    for run in _NON_SPACE.finditer(text):
        if offsets:
            offsets.append(offsets[-1] + 1)  # the whitespace right after the run before
        offsets.extend(range(run.start(), run.end()))
    return plain(text), offsets


@lru_cache(maxsize=1)
def _windowed(pipeline: Language) -> WindowedRuler:
    """The pipeline's ruler, run window by window; built again with the pipeline."""
    return WindowedRuler(pipeline.get_pipe("entity_ruler"))


@lru_cache(maxsize=4096)
def _entities(text: str) -> tuple[Entity, ...]:
    """The ruler's entities, found where a pattern can match (``match_windows``)."""
    clean, offsets = normalise(text)
    found = []
    for ent in _windowed(nlp())(nlp().make_doc(clean)):
        start, end = offsets[ent.start_char], offsets[ent.end_char - 1] + 1
        found.append(Entity(ent.label_, ent.id_, text[start:end], start, end))
    return tuple(found)


def entities(text: str) -> list[Entity]:
    """Every entity the ruler finds in ``text`` (longest match wins), in order, with offsets in ``text``."""
    return list(_entities(text))


def forget_texts() -> None:
    """Drop the answers remembered per text (entities, sentences): they serve the finders of one
    document."""
    _entities.cache_clear()
    _sentences.cache_clear()


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SUB_BULLET = re.compile(r"o\s+(?=[A-ZÆØÅ])")


def _paragraphs(text: str) -> list[tuple[str, list[int]]]:
    """Blank-line separated paragraphs, each with the offset in ``text`` of every character; one that goes
    on in lower case continues the one before (PDF text has blank lines inside sentences); a sub-bullet
    marker "o " is dropped."""
    merged: list[tuple[str, list[int]]] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        raw, offset = text[start:end], start
        start = brk.end() if brk else len(text)
        lead = len(raw) - len(raw.lstrip())
        paragraph, offset = raw.strip(), offset + lead
        sub_bullet = _SUB_BULLET.match(paragraph)
        if sub_bullet:
            paragraph, offset = paragraph[sub_bullet.end():], offset + sub_bullet.end()
        offsets = list(range(offset, offset + len(paragraph)))
        if merged and merged[-1][0].endswith("-") and paragraph[:1].isdigit():  # "(2018-" + "2020)"
            merged[-1] = (merged[-1][0] + paragraph, merged[-1][1] + offsets)
        elif merged and paragraph[:1].islower() and not sub_bullet:
            before, at = merged[-1]
            merged[-1] = (before + " " + paragraph, [*at, at[-1] + 1, *offsets])
        elif paragraph:
            merged.append((paragraph, offsets))
    return merged


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[str, int, int], ...]:
    """(sentence, start, end in ``text``) of every sentence; the sentence as written, whitespace collapsed
    (the pipeline reads it with plain apostrophes, ``normalise``: one character for one)."""
    found: list[tuple[str, int, int]] = []
    paragraphs = []
    for paragraph, at in _paragraphs(text):
        clean, offsets = normalise(paragraph)
        if clean:
            paragraphs.append((clean, collapsed(paragraph), [at[i] for i in offsets]))
    docs = nlp().pipe([clean for clean, _, _ in paragraphs], disable=["entity_ruler"])
    for (_, written, offsets), doc in zip(paragraphs, docs, strict=True):
        for sent in doc.sents:
            tokens = list(sent)
            while tokens and _is_bullet(tokens[0]):
                tokens.pop(0)
            if not tokens:
                continue
            first = tokens[0].idx
            sentence = written[first:sent.end_char].strip()
            if sentence:
                found.append((sentence, offsets[first], offsets[first + len(sentence) - 1] + 1))
    return tuple(found)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) in ``text`` of each sentence of ``sentences(text)``."""
    return [(start, end) for _, start, end in _sentences(text)]


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, whitespace collapsed. A blank line ends a sentence (paragraphs,
    headings) unless the text goes on in lower case; line breaks inside a paragraph are spaces; a leading
    bullet is no part of a sentence. Undoing hyphenation at line ends is the blocks layer's job.
    Remembered per text: parsers ask about the same text more than once (``forget_texts``)."""
    return [sentence for sentence, _, _ in _sentences(text)]
