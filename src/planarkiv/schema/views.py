"""Records as the Python API (``planarkiv.open``) returns them: a schema record plus what the database
adds to it (its document's title, year and kind, the offices and target groups of an initiative, the link
to the PDF page, the money per year), and the results of ``lineage`` and ``compare``.

The schema records stay the base: a view adds fields, it never repeats one. Result sets are ``Records``,
a list with ``to_dataframe()``.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, Field, computed_field

from .enums import DocumentKind, FundingKind
from .records import Amount, Document, Goal, Initiative, LinkCandidate, Model, Year

T = TypeVar("T")

PANDAS_MISSING = "to_dataframe() needs pandas: pip install planarkiv[pandas]"


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One row of a DataFrame: nested records become prefixed columns (``a_title``), the provenance
    becomes the ``document_id`` and ``page`` columns the database has; a mapping keyed by year stays one
    cell."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            flat.update(_flat(value, prefix if key == "provenance" else f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _dataframe(rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of flat rows. A column of whole numbers with gaps (kroner, years) is pandas'
    nullable ``Int64``, so an unknown sum stays missing (``<NA>``) instead of turning the column into
    floats."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(PANDAS_MISSING) from exc
    values: dict[str, list[Any]] = {}
    for row in rows:
        for key, value in row.items():
            values.setdefault(key, []).append(value)
    whole = {key: "Int64" for key, column in values.items()
             if any(v is not None for v in column) and all(v is None or type(v) is int for v in column)}
    return pd.DataFrame.from_records(rows).astype(whole)


class Records(list[T]):
    """A list of records; ``to_dataframe()`` gives them as a pandas DataFrame, one column per field."""

    def to_dataframe(self) -> Any:
        return _dataframe([_flat(record.model_dump()) for record in self])


def _records(value: list[T]) -> Records[T]:
    return Records(value)


# A field holding a result set: validated as a list, kept as ``Records``.
RecordsField = Annotated[list[T], AfterValidator(_records)]


def _total(dkk_per_year: dict[int, int]) -> int | None:
    """The money over all years; None when no amount is known (unknown, not 0 kr.)."""
    return sum(dkk_per_year.values()) if dkk_per_year else None


class InDocument(Model):
    """Where a record sits: its document's title, year and kind, and the PDF at its page."""

    document_title: str
    document_year: Year | None = None
    document_kind: DocumentKind
    source: str | None = None  # /pdf/<sha256>.pdf#page=N, as Datasette serves it


class InitiativeView(InDocument, Initiative):
    """An initiative with its offices (any role), target groups, funding kinds and money.

    ``dkk_per_year`` is the database view ``amount_years`` summed per year: an amount per year counts in
    each year of its period, any other once; unit prices and "heraf" parts are left out. On a budget card
    the granted years and the proposed years both count (``amounts()`` tells which is which).
    """

    offices: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    funding: list[FundingKind] = Field(default_factory=list)
    dkk_per_year: dict[int, int] = Field(default_factory=dict)

    @computed_field
    @property
    def total_dkk(self) -> int | None:
        """All its money over all years; None when the documents give it no amount."""
        return _total(self.dkk_per_year)


class GoalView(InDocument, Goal):
    """A goal in its document (``year`` stays the goal's own year, such as 2020 for Vision 2020)."""


class AmountView(InDocument, Amount):
    """An amount of money in its document."""


class Continuation(Model):
    """A ``continues`` relation to an earlier initiative, with the score and reason it was inferred from."""

    earlier_id: str
    score: float | None = None
    evidence: str | None = None


class LineageStep(InitiativeView):
    """One initiative of a lineage; ``continues`` are the earlier steps it continues directly."""

    continues: list[Continuation] = Field(default_factory=list)


class ContinuedPair(Model):
    """An initiative of side ``a`` continued by one of side ``b`` (the same lineage); ``score`` and
    ``evidence`` are those of the direct ``continues`` relation, None when the two are linked through
    initiatives of other documents."""

    a: InitiativeView
    b: InitiativeView
    score: float | None = None
    evidence: str | None = None


class Comparison(Model):
    """Two documents or years side by side: ``a`` the earlier side, ``b`` the later.

    ``new`` are the initiatives of ``b`` that continue none of ``a``, ``gone`` those of ``a`` that none of
    ``b`` continues. The money per side is that of its initiatives, per year (see ``InitiativeView``).
    ``to_dataframe()`` gives one row per pair or initiative, ``change`` saying which.
    """

    a: RecordsField[Document]
    b: RecordsField[Document]
    new: RecordsField[InitiativeView]
    gone: RecordsField[InitiativeView]
    continued: RecordsField[ContinuedPair]
    dkk_per_year_a: dict[int, int] = Field(default_factory=dict)
    dkk_per_year_b: dict[int, int] = Field(default_factory=dict)

    @computed_field
    @property
    def total_dkk_a(self) -> int | None:
        return _total(self.dkk_per_year_a)

    @computed_field
    @property
    def total_dkk_b(self) -> int | None:
        return _total(self.dkk_per_year_b)

    def to_dataframe(self) -> Any:
        """One row per continued pair (``change`` "continued": the ``a_*`` and ``b_*`` columns and the
        link's ``score`` and ``evidence``), per initiative of ``a`` that is gone (only ``a_*``) and per new
        one of ``b`` (only ``b_*``)."""
        return _dataframe([
            *({"change": "continued", **_flat(pair.model_dump())} for pair in self.continued),
            *({"change": "gone", **_flat({"a": x.model_dump()})} for x in self.gone),
            *({"change": "new", **_flat({"b": y.model_dump()})} for y in self.new),
        ])

class CandidateView(LinkCandidate):
    """A link for a person to review (``Library.candidates``), with both initiatives' titles and years."""

    later_title: str
    later_year: int | None = None
    earlier_title: str
    earlier_year: int | None = None
