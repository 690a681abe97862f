"""Folding and title clean-up of the language layer: what every parser compares and presents."""

from __future__ import annotations

import pytest

from planarkiv.extract.danish.text import clean_title, collapsed, fold, plain


@pytest.mark.parametrize(("raw", "clean"), [
    ("Den nuværende samarbejdsaftale udløber med årets udgang.", "Den nuværende samarbejdsaftale udløber med "
     "årets udgang"),
    ("Fokus på tilbud i Socialforvaltningen (SOF) og Sundheds- og Omsorgsforvaltningen (SUF).",
     "Fokus på tilbud i Socialforvaltningen (SOF) og Sundheds- og Omsorgsforvaltningen"),
    ("Jobklub for akademikere (2018-2020)", "Jobklub for akademikere"),
    ("”Et CV”", "Et CV"),
    ("Jobklub for\nakademikere:", "Jobklub for akademikere"),
    ("For at imødekomme udfordringerne vedtog udvalget ’Ungeaftale – Sådan får vi flere i uddannelse’",
     "For at imødekomme udfordringerne vedtog udvalget ’Ungeaftale – Sådan får vi flere i uddannelse’"),
    ("”Kvikservice” – styrket indsats for nyledige", "”Kvikservice” – styrket indsats for nyledige"),
    ("(2018-2020)", "(2018-2020)"),
])
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


def test_folding() -> None:
    assert collapsed(" Beskæftigelses- og\n Integrationsforvaltningen ") == (
        "Beskæftigelses- og Integrationsforvaltningen")
    assert plain("BIF’s\nindsats") == "BIF's indsats"
    assert fold(" Indsatser\nfor unge ") == fold("indsatser for UNGE") == "indsatser for unge"


def test_title_drops_trailing_full_stop_and_parenthesis() -> None:
    assert clean_title("Pilotprojekt i Tingbjerg (2018-2020).") == "Pilotprojekt i Tingbjerg"
    assert clean_title("En professionalisering (code of conduct), der skal virke.") == (
        "En professionalisering (code of conduct), der skal virke")


def testclean_title() -> None:
    assert clean_title("Sprogforløb for flygtninge (pilotprojekt)") == "Sprogforløb for flygtninge"
    assert clean_title("Job til  dømte unge.") == "Job til dømte unge"
    assert clean_title("(SUF)") == "(SUF)"
