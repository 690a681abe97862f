"""What the rest of planarkiv needs to know of a record field, said once, on the field itself.

A field is annotated with a ``Column``: ``title: Annotated[Text, Column("Titel: indsatsens titel",
searched=True)]``. From it come the published table's column (its SQL type from the annotation, a foreign
key from ``references`` or a ``Labelled`` type, an index), the full-text index and lemma columns, the
graph's node attributes, the fields the similarity of initiatives compares, and the column description
Datasette shows (``doc``: "Danish name: what it holds"; the part before the colon names the column).
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .enums import Labelled


@dataclass(frozen=True)
class Column:
    doc: str
    searched: bool = False  # in the table's full-text index, its lemmas in the lemma columns
    indexed: bool = False  # people filter, facet and join by it
    graph: bool = False  # an attribute of the record's node in the graph
    similar: bool = False  # what the similarity of initiatives compares (lineage, version diff)
    references: str | None = None  # the table whose ``id`` it holds
    type: Any = None  # the value's type, for a column no record field has (the database adds it), or for
    # a field the database stores as JSON text (a list of records)


def columns(model: type[BaseModel]) -> dict[str, tuple[Any, Column]]:
    """Field name -> (annotated type without ``None``, Column) for the fields of ``model`` that have one."""
    found = {}
    for name, info in model.model_fields.items():
        column = next((m for m in info.metadata if isinstance(m, Column)), None)
        if column is not None:
            found[name] = (column.type or value_type(info.annotation), column)
    return found


def value_type(annotation: Any) -> Any:
    """``int | None`` -> ``int``; ``Annotated[str, …]`` -> ``str``."""
    if get_origin(annotation) is Annotated:
        return value_type(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        (inner,) = [a for a in get_args(annotation) if a is not type(None)]
        return value_type(inner)
    return annotation


def sql_type(python_type: Any) -> type:
    """The column type sqlite-utils creates: integers (and booleans) as INTEGER, floats as FLOAT, the rest
    (text, codes, dates) as TEXT."""
    if python_type is bool or python_type is int:
        return int
    if python_type is float:
        return float
    if isinstance(python_type, type) and issubclass(python_type, str | dt.date):
        return str
    raise TypeError(f"no column type for {python_type!r}")


def labelled(python_type: Any) -> bool:
    """Whether values of this type are codes with Danish names (a foreign key to ``labels``)."""
    return isinstance(python_type, type) and issubclass(python_type, Labelled)
