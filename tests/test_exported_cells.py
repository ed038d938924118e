"""``as_exported`` (orgmodel/xlsx/columns.py) tells that a row holds the cells the export writes for its entry
without building them: it may say "not sure" (``False``), but never "the same" for cells that differ."""

import datetime as dt
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgmodel.model import KIND_OF_SECTION
from orgmodel.workspace import load_workspace
from orgmodel.xlsx.columns import as_exported, entity_cells, section_columns
from orgmodel.xlsx.rows import _as_exported

from .conftest import EXAMPLE

SECTION_OF = {kind: section for section, kind in reversed(KIND_OF_SECTION.items())}
ENTITIES = [record.entity for _, record in sorted(load_workspace(EXAMPLE).records.items())]
VALUES = [None, "", " ", "x", " x ", "Skolechef", "a\x01b", "a\nb", "\xa0", 7, 0, 1.0, True, False, [], ["a"], (),
          dt.date(2026, 1, 2), dt.datetime(2026, 1, 2), {"da": "x"}, ["a", "b"], "a; b", ["a", "b\x01"], "a; b\x01",
          ["a", 1], ("a", "b"), "a;b"]
"""Values of cells and fields, of every type a cell or a field can hold and some no field holds."""


def _columns(entity):
    return section_columns(SECTION_OF[type(entity).__name__.lower()])


def _same(cells, entity, lang):
    """What the check compared before ``as_exported``: every cell the export's, in order and of the same type."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns of a dump of a value its field does not hold
        return _as_exported(cells, entity_cells(entity, _columns(entity), lang))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_export_of_most_entries_is_told_the_same_without_building_their_cells(lang):
    told = [as_exported(entity_cells(e, _columns(e), lang), e, _columns(e), lang) for e in ENTITIES]
    kinds = {type(e).__name__ for e, same in zip(ENTITIES, told, strict=True) if same}
    assert {"Role", "Organisation"} <= kinds and sum(told) > len(told) / 2


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.sampled_from(ENTITIES), st.sampled_from(["da", "en", "de"]), st.integers(0, 30), st.sampled_from(VALUES),
       st.integers(0, 30), st.sampled_from(VALUES), st.booleans())
def test_cells_told_the_same_are_the_same(entity, lang, column, value, field, field_value, reorder):
    columns = _columns(entity)
    cells = entity_cells(entity, columns, lang)
    names = list(cells)
    if column < len(names):  # a cell changed
        cells[names[column]] = value
    fields = list(type(entity).model_fields)
    if field < len(fields):  # a field changed, unvalidated: even a value of a type no field holds
        entity = entity.model_copy(update={fields[field]: field_value})
    if reorder:
        cells = dict(reversed(cells.items()))
    if as_exported(cells, entity, columns, lang):
        assert _same(cells, entity, lang)


def test_a_cell_with_a_character_the_export_drops_is_not_the_same():
    entity = next(e for e in ENTITIES if type(e).__name__ == "Role")
    entity = entity.model_copy(update={"title": "Skole\x01chef"})
    cells = entity_cells(entity, _columns(entity), "da")
    assert cells["title.da"] == "Skolechef"  # the export drops it
    cells["title.da"] = "Skole\x01chef"
    assert not as_exported(cells, entity, _columns(entity), "da") and not _same(cells, entity, "da")


def _role(**fields):
    entity = next(e for e in ENTITIES if type(e).__name__ == "Role")
    return entity.model_copy(update=fields), _columns(entity)


def test_an_empty_text_is_exported_as_an_empty_cell_not_as_itself():
    entity, columns = _role(area="")
    cells = entity_cells(entity, columns, "da")
    assert cells["area"] is None and _same(cells, entity, "da")
    cells["area"] = ""
    assert not as_exported(cells, entity, columns, "da") and not _same(cells, entity, "da")


def test_a_label_in_both_languages_is_not_told_the_same_as_empty_cells_in_a_third_language():
    from orgmodel.model import Text

    entity, columns = _role(title=Text(da="Skolechef", en="Head of schools"))
    cells = entity_cells(entity, columns, "de")
    assert cells["title.da"] == "Skolechef" and not as_exported(cells, entity, columns, "de")
    cells["title.da"] = cells["title.en"] = None
    assert not as_exported(cells, entity, columns, "de") and not _same(cells, entity, "de")


@pytest.mark.parametrize(("number", "cell"), [(4, 4.0), (1, True), (0, False)])
def test_a_number_is_not_told_the_same_as_an_equal_number_of_another_type(number, cell):
    entity, columns = _role(area=number)
    cells = entity_cells(entity, columns, "da")
    assert cells["area"] == number and as_exported(cells, entity, columns, "da")
    cells["area"] = cell
    assert not as_exported(cells, entity, columns, "da") and not _same(cells, entity, "da")


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_a_block_in_a_plain_column_is_not_told_the_same_as_itself():
    from orgmodel.model import Text

    block = Text(da="Skolechef")
    entity, columns = _role(area=block)
    cells = {**entity_cells(entity, columns, "da"), "area": block}
    assert not as_exported(cells, entity, columns, "da") and not _same(cells, entity, "da")


@pytest.mark.parametrize(("items", "cell", "same"), [
    (["politi", "skole"], "politi; skole", True), (["politi", "sko\x01le"], "politi; sko\x01le", False),
    (["politi", "skole"], "politi;skole", False), (["politi"], None, False), ([], None, True), ([], "", False),
    (None, None, True), (("politi", "skole"), "politi; skole", False)])
def test_a_list_is_the_same_only_as_its_items_joined_as_the_export_joins_them(items, cell, same):
    entity, columns = _role(tags=items)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns of a dump of a tuple where its field holds a list
        cells = {**entity_cells(entity, columns, "da"), "tags": cell}
    assert as_exported(cells, entity, columns, "da") is same
    if same:
        assert _same(cells, entity, "da")


def test_the_lists_of_a_block_are_the_same_only_as_their_items_joined():
    from orgmodel.model import SECTIONS

    forum = SECTIONS["forums"].model_validate({"id": "ssp", "type": "ssp", "name": "SSP",
                                               "covers": {"ages": ["12-17"], "groups": ["unge", "foraeldre"]}})
    columns = section_columns("forums")
    cells = entity_cells(forum, columns, "da")
    assert cells["covers.groups"] == "unge; foraeldre" and as_exported(cells, forum, columns, "da")
    for changed in ({"covers.groups": "unge"}, {"covers.crimes": "vold"}, {"covers.ages": None}):
        assert not as_exported({**cells, **changed}, forum, columns, "da")
        assert not _same({**cells, **changed}, forum, "da")
