"""The Danish pipeline: built from spacy.blank offline, sentences that survive abbreviations, lookup lemmas,
entity-ruler patterns from every data/patterns/*.jsonl file."""

from __future__ import annotations

import socket

import pytest
import srsly

from planarkiv.extract.danish import lemmas
from planarkiv.extract.danish import nlp as nlp_module
from planarkiv.extract.danish.lemmas import lemma, lemmatize
from planarkiv.extract.danish.nlp import entities, nlp, pattern_files, sentences


def test_pipeline_builds_without_network_or_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    nlp.cache_clear()  # build it again, here, with the network gone (it stays cached for the other tests)
    lemmas._lemma_table.cache_clear()
    lemmas.lemma.cache_clear()
    nlp_module.forget_texts()
    assert lemmatize("akademikerne") == "akademiker"
    assert sentences("Det er én. Det er to.") == ["Det er én.", "Det er to."]
    assert [e.id for e in entities("BIF og akademikere")] == ["office-bif", "tg-akademikere"]


def test_pipeline_is_blank_danish_with_the_project_pipes() -> None:
    pipeline = nlp()
    assert pipeline is nlp(), "built once"
    assert pipeline.lang == "da"
    assert pipeline.pipe_names == ["sentencizer", "planarkiv_sentence_fixes", "entity_ruler"]
    assert pipeline.vocab.vectors.shape[0] == 0, "no trained model, no vectors"


def test_ruler_loads_every_pattern_file() -> None:
    labels = {p["label"] for path in pattern_files() for p in srsly.read_jsonl(path)}
    assert {"ORG", "TARGET"} <= labels
    assert set(nlp().get_pipe("entity_ruler").labels) == labels


@pytest.mark.parametrize(("text", "expected"), [
    ("Jobklubberne skal bl.a. tilbyde ledige et netværk. Det er godt.",
     ["Jobklubberne skal bl.a. tilbyde ledige et netværk.", "Det er godt."]),
    ("Der er afsat 5,9 mio. kr. til initiativet, f.eks. til kurser. Resten følger.",
     ["Der er afsat 5,9 mio. kr. til initiativet, f.eks. til kurser.", "Resten følger."]),
    ("Der gennemføres en analyse mhp. markedsføring, dvs. en kampagne, jf. ovenfor. Næste.",
     ["Der gennemføres en analyse mhp. markedsføring, dvs. en kampagne, jf. ovenfor.", "Næste."]),
    ("Det koster ca. 2 mio. kr. inkl. evt. moms, jf. nr. 19 og ift. planen, fx i 2026. Slut.",
     ["Det koster ca. 2 mio. kr. inkl. evt. moms, jf. nr. 19 og ift. planen, fx i 2026.", "Slut."]),
    ("Budget til aftalen i 2010 66,4 mio. kr. Næste sætning.",
     ["Budget til aftalen i 2010 66,4 mio. kr.", "Næste sætning."]),
    ("Målet er 25 pct. Det er nået.", ["Målet er 25 pct.", "Det er nået."]),
    ("BR vedtog torsdag d. 27. april 2017 et koncept i 2. kvartal 2017. Det gælder til år 2020. Slut.",
     ["BR vedtog torsdag d. 27. april 2017 et koncept i 2. kvartal 2017.", "Det gælder til år 2020.",
      "Slut."]),
    ("Danmarks Fængsler (tidl. Kriminalforsorgen) bidrager. Personaleafd. i de øvrige forvaltninger hjælper.",
     ["Danmarks Fængsler (tidl. Kriminalforsorgen) bidrager.",
      "Personaleafd. i de øvrige forvaltninger hjælper."]),
    ("Indhold i indsatsen: 1. Masterclass om grønne job. 2. Program for grønne virksomheder.",
     ["Indhold i indsatsen:", "1. Masterclass om grønne job.", "2. Program for grønne virksomheder."]),
])
def test_sentences_survive_danish_abbreviations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_end_at_blank_lines_and_bullets_and_join_wrapped_lines() -> None:
    text = ("Status\n\nDer er i København 13.000 ledige\ndagpengemodtagere. \uf0b7 Akademikeraftalen "
            "\uf0b7 BIU-indstilling")
    assert sentences(text) == ["Status", "Der er i København 13.000 ledige dagpengemodtagere.",
                               "Akademikeraftalen", "BIU-indstilling"]


def test_sentences_survive_pdf_paragraph_damage_and_sub_bullets() -> None:
    text = ("BIU-indstilling om indsatsen for jobparate og \n\ndagpengemodtagere, oktober 2016\n\n"
            "Udmøntning af investeringspuljer: \n\no Styrket koordinering (2017) \n"
            "o Pilotprojekt (2018-\n\n2020).\n\n"
            "Ad. 1. Masterclass er gennemført.")
    assert sentences(text) == [
        "BIU-indstilling om indsatsen for jobparate og dagpengemodtagere, oktober 2016",
        "Udmøntning af investeringspuljer:", "Styrket koordinering (2017)", "Pilotprojekt (2018-2020).",
        "Ad. 1. Masterclass er gennemført."]


@pytest.mark.parametrize(("word", "expected"), [
    ("akademikerne", "akademiker"),          # the lookup table
    ("kontanthjælpsmodtagerne", "kontanthjælpsmodtager"),
    ("virksomhederne", "virksomhed"),
    ("flygtningene", "flygtning"),
    ("indsatser", "indsats"),
    ("videreføres", "videreføre"),
    ("Akademikere", "akademiker"),           # capitalised: looked up in lower case
    ("jobklubber", "jobklub"),               # not in the table: compound head "klubber" -> "klub"
    ("Jobklubberne", "jobklub"),
    ("unge", "unge"),
])
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_lemma_makes_spelling_variants_meet() -> None:
    assert lemma("Arbejdsmarkedscenteret") == lemma("Arbejdsmarkedscentret")


def test_lemmatize_is_lower_case_lemmas_without_punctuation() -> None:
    assert lemmatize("Jobklubberne skal bl.a. tilbyde ledige et netværk.") == \
        "jobklub skulle bl.a tilbyde ledig en netværk"


def test_entities_have_offsets_in_the_text_as_given() -> None:
    text = "Opgaven varetages af Beskæftigelses- og \nIntegrationsforvaltningen og BIF’s  jobcentre."
    found = [(e.label, e.id, e.text) for e in entities(text)]
    assert ("ORG", "office-bif", "Beskæftigelses- og \nIntegrationsforvaltningen") in found
    assert ("ORG", "office-bif", "BIF’s") in found
    for e in entities(text):
        assert text[e.start:e.end] == e.text


def test_sentences_keep_abbreviations() -> None:
    text = ("Modtagelsen skal bl.a. sikre, at borgerne f.eks. får hjælp (SUF). Den 1. februar 2016 åbnede "
            "en ny modtagelse, dvs. at SOF er til stede. Ud af røret! Der kunne iværksættes kampagner.")
    assert sentences(text) == ["Modtagelsen skal bl.a. sikre, at borgerne f.eks. får hjælp (SUF).",
                               "Den 1. februar 2016 åbnede en ny modtagelse, dvs. at SOF er til stede.",
                               "Ud af røret!", "Der kunne iværksættes kampagner."]


def test_sentences_survive_ordinals_abbreviations_initials_and_parentheses() -> None:
    assert sentences("Vedtaget d. 27. april 2017 af BR. Det nye koncept (jf. A. P. Møller) er godt.") == [
        "Vedtaget d. 27. april 2017 af BR.", "Det nye koncept (jf. A. P. Møller) er godt."]
    assert sentences("Nummer 2 i klyngen. (2. kvartal 2017). Sidste år 1.") == [
        "Nummer 2 i klyngen. (2. kvartal 2017).", "Sidste år 1."]
