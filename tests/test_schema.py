"""The records reject nonsense on construction, with a message that names the field."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from planarkiv.cli import main
from planarkiv.schema import (
    Amount,
    Assessment,
    BBox,
    Document,
    DocumentKind,
    Goal,
    Initiative,
    Provenance,
)

SHA = "0" * 64
PROV = Provenance(document_id="d1", page=1, bbox=BBox(x0=10, top=20, x1=30, bottom=40))


def document(**changes) -> Document:
    fields = dict(id="d1", kind="plan", title="Beskæftigelsesplan", year=2018, source_file="p.pdf",
                  sha256=SHA, pages=3)
    return Document(**(fields | changes))


def initiative(**changes) -> Initiative:
    fields = dict(id="i1", title="Jobklubber", status="planned", provenance=PROV)
    return Initiative(**(fields | changes))


def amount(**changes) -> Amount:
    fields = dict(id="a1", text="5,9 mio. kr.", value_dkk=5_900_000, provenance=PROV)
    return Amount(**(fields | changes))


def assert_rejected(build, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()
    assert field in str(info.value)


def test_valid_records_construct() -> None:
    assert document().kind is DocumentKind.PLAN
    assert initiative(assessment="continue_unchanged").assessment is Assessment.CONTINUE_UNCHANGED
    assert amount(value_dkk_max=6_000_000, year_from=2027, year_to=2030).value_dkk == 5_900_000


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title_rejected(title: str) -> None:
    assert_rejected(lambda: initiative(title=title), "title")
    assert_rejected(lambda: document(title=title), "title")


@pytest.mark.parametrize("year", [20188, 1989, 2101])
def test_year_out_of_range_rejected(year: int) -> None:
    assert_rejected(lambda: document(year=year), "year")
    assert_rejected(lambda: amount(year_from=year), "year_from")
    assert_rejected(lambda: Goal(id="g", kind="minister", text="x", year=year, provenance=PROV), "year")


def test_negative_amount_rejected() -> None:
    assert_rejected(lambda: amount(value_dkk=-1), "value_dkk")


def test_range_below_min_rejected() -> None:
    assert_rejected(lambda: amount(value_dkk=50_000_000, value_dkk_max=40_000_000), "value_dkk_max")
    assert_rejected(lambda: amount(year_from=2030, year_to=2027), "year_to")
    assert_rejected(lambda: document(period_start=2020, period_end=2016), "period_end")


def test_unknown_enumerations_rejected() -> None:
    assert_rejected(lambda: document(kind="newsletter"), "kind")
    assert_rejected(lambda: initiative(assessment="maybe"), "assessment")
    assert_rejected(lambda: initiative(status="dreaming"), "status")
    assert_rejected(lambda: amount(funding="lottery"), "funding")
    assert_rejected(lambda: Goal(id="g", kind="wish", text="x", provenance=PROV), "kind")


def test_provenance_rejects_bad_page_and_bbox() -> None:
    assert_rejected(lambda: Provenance(document_id="d", page=0), "page")
    assert_rejected(lambda: BBox(x0=30, top=0, x1=10, bottom=5), "bbox")


def test_unexpected_field_rejected() -> None:
    assert_rejected(lambda: initiative(colour="red"), "colour")


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    names = set(schema["$defs"])
    assert {"Document", "Goal", "Initiative", "Amount", "Office", "TargetGroup", "Relation", "Section",
            "Provenance"} <= names
    assert schema["$defs"]["Initiative"]["properties"]["assessment"]
