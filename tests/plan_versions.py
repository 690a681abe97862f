"""A second version of the bundled plan, made for the version-diff test: the 2019 version of
"Beskæftigelsesplan 2016-2020", rendered by the corpus builder from the 2018 content with known edits.

Each edit replaces text that occurs exactly once in the 2018 content, so a change to the content that
breaks an edit fails loudly instead of silently dropping it. Nothing here touches ``corpus/pdfs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from corpus_builder import plan
from corpus_builder.writer import PdfWriter


class Edit(NamedTuple):
    old: str
    new: str


# The version marks: the 2019 version, with the ministermål for 2019.
VERSION_2019 = (
    Edit("[title] 2018-versionen", "[title] 2019-versionen"),
    Edit("Dette er 2018-versionen.", "Dette er 2019-versionen."),
    Edit("# 3 Ministermål 2018", "# 3 Ministermål 2019"),
    Edit("Ministermålene for 2018 er:", "Ministermålene for 2019 er:"),
    Edit("# 5 Ministermål for 2018", "# 5 Ministermål for 2019"),
    Edit("har for 2018 udmeldt fem mål.", "har for 2019 udmeldt seks mål."),
)
# A new, sixth ministermål, in the list of section 3 and as section 5.6.
NEW_MINISTER_GOAL = (
    Edit("- Bekæmpelsen af socialt bedrageri og fejludbetalinger skal styrkes.\n",
         "- Bekæmpelsen af socialt bedrageri og fejludbetalinger skal styrkes.\n"
         "- Flere personer med handicap skal i beskæftigelse.\n"),
    Edit("# 6 Resultater af beskæftigelsesindsatsen 2016\n",
         "## 5.6 Flere personer med handicap skal i beskæftigelse\n"
         "Dette mål stemmer overens med Jobcenter Københavns mål om at:\n\n"
         "- flere udsatte skal i job og uddannelse (afsnit 4.7)\n\n"
         "# 6 Resultater af beskæftigelsesindsatsen 2016\n"),
)
# The third ministermål's typing slip corrected ("flygtning" -> "flygtninge").
MINISTER_GOAL_TEXT = Edit("- Flere flygtning og familiesammenførte skal være selvforsørgende.",
                          "- Flere flygtninge og familiesammenførte skal være selvforsørgende.")
# New status lines of three vision goals (4.3 dagpengemodtagere, 4.6 sygemeldte, 4.7 udsatte under 50 år).
STATUS_LINES = (
    Edit("København er nummer 30 ud af 30 i klyngen (2. kvartal 2017). Sidste år var København nummer 28.",
         "København er nummer 27 ud af 30 i klyngen (2. kvartal 2018). Sidste år var København nummer 30."),
    Edit("København ligger nummer 2, men har tæt løb med nummer 1 i klyngen. (2. kvartal 2017). "
         "Sidste år lå København nummer 1.",
         "København ligger nummer 1 i klyngen (2. kvartal 2018). Sidste år lå København nummer 2."),
    Edit("København er 3. bedst i klyngen ud af 6 jobcentre.",
         "København er 2. bedst i klyngen ud af 6 jobcentre (2. kvartal 2018)."),
)
# Two initiatives added: a lead-in bullet under 4.3 and a budget item under 4.7.
ADDED_INITIATIVES = (
    Edit("- Flere ledige akademikere i gang som iværksættere eller freelancere\n",
         "- Flere ledige akademikere i gang som iværksættere eller freelancere\n"
         "- Jobklubber for ledige akademikere: Karrierecentret samler nyledige akademikere i ugentlige "
         "jobklubber med fokus på netværk og jobsøgning\n"),
    Edit("- Fortsættelse af den særlige beskæftigelsesindsats i Mjølnerparken.\n",
         "- Fortsættelse af den særlige beskæftigelsesindsats i Mjølnerparken.\n"
         "- Mentorforløb for udsatte borgere over 50 år, der skal bringe flere i job eller uddannelse "
         "(2019-2020).\n"),
)
# One initiative removed (4.6).
REMOVED_INITIATIVE = Edit("- Omvendt jobformidling.\n", "")
# One initiative's title reworded (4.6).
TITLE_CHANGE = Edit("- Udbredelse af brugen af fast track, særligt på kommunens egne arbejdspladser.",
                    "- Udbredelse af brugen af fast track, særligt på kommunens og regionens arbejdspladser.")
# Two amounts changed: 4.5 (unge) and 4.7 (the agreement on førtidspension og fleksjob).
AMOUNTS = (
    Edit("BR har besluttet at investere 18,3 mio. kr. i indsatsen.",
         "BR har besluttet at investere 20,5 mio. kr. i indsatsen."),
    Edit("afsætter 16,7 mio. kr. til en række initiativer",
         "afsætter 19,2 mio. kr. til en række initiativer"),
)

EDITS_2019: tuple[Edit, ...] = (
    *VERSION_2019, *NEW_MINISTER_GOAL, MINISTER_GOAL_TEXT, *STATUS_LINES, *ADDED_INITIATIVES,
    REMOVED_INITIATIVE, TITLE_CHANGE, *AMOUNTS,
)
TITLE_2019 = "Beskæftigelsesplan 2016-2020, 2019-versionen"


def edited(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in edits:
        count = text.count(edit.old)
        if count != 1:
            raise ValueError(f"edit target occurs {count} times, expected once: {edit.old[:60]!r}")
        text = text.replace(edit.old, edit.new)
    return text


def render_plan(path: Path, title: str, edits: tuple[Edit, ...]) -> Path:
    """Render the bundled plan's content with ``edits`` applied to ``path`` with the plan builder."""
    writer = PdfWriter(path, title=title, header=None, page_label=lambda n: str(n) if n > 1 else None)
    plan.render(writer, edited(plan.CONTENT.read_text(encoding="utf-8"), edits))
    writer.save()
    return path


def plan_2019(directory: Path) -> Path:
    return render_plan(directory / "beskaeftigelsesplan-2016-2020-version-2019.pdf", TITLE_2019, EDITS_2019)
