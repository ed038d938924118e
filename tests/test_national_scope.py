"""The scope of a national check's part whose manifest names none, read from its entries (issue 19, speed).

``scope.entries_scope`` must give exactly what ``scope_kredse`` and ``scope_kommuner`` find on the part's own graph,
the way a national check found it before (one graph build per such part).
"""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgmodel.check import check
from orgmodel.check import run as check_run
from orgmodel.graph import build_graph, build_store
from orgmodel.model import Scope
from orgmodel.queries import scope
from orgmodel.workspace import Workspace, load_workspace, open_workspaces

from .conftest import EXAMPLE
from .districts import national


def _graph_scope(ws) -> Scope:
    """The scope as a national check found it before: from the part's own graph, its manifest's scope left out."""
    G, manifest = build_graph(ws), ws.manifest.model_copy(update={"scope": None})
    return Scope(politikredse=scope.scope_kredse(G, manifest), kommuner=scope.scope_kommuner(G, manifest))


def _unscoped(folder: Path) -> Path:
    """``folder`` with its manifest's scope taken out (the manifest is kept otherwise)."""
    manifest = folder / "orgmodel.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data.pop("scope", None)
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_the_scope_from_the_entries_is_the_scope_from_the_graph_for_the_example_and_the_districts(tmp_path):
    folder = national(tmp_path / "national")
    workspaces = [load_workspace(EXAMPLE)] + [load_workspace(_unscoped(part)) for part in sorted(folder.iterdir())]
    found = [(scope.entries_scope(ws), _graph_scope(ws)) for ws in workspaces]
    assert all(mine == graph for mine, graph in found)
    assert [mine.politikredse for mine, _ in found] == [
        ["kreds-midt-og-vestjylland"], ["kreds-bornholm"], ["kreds-fyn"], ["kreds-midt-og-vestjylland"]]


def test_a_national_check_of_parts_without_a_scope_builds_one_graph_and_finds_what_it_found(tmp_path, monkeypatch):
    folder = national(tmp_path / "national")
    for part in folder.iterdir():
        _unscoped(part)
    ws = open_workspaces([folder])
    built = []

    def counted(part, as_of=None):
        built.append(part.manifest.name)
        return build_store(part, as_of)

    monkeypatch.setattr(check_run, "build_store", counted)
    mine = check(ws, today=dt.date(2026, 11, 22))
    assert built == []  # before: one build of each part's own graph, only to find its scope
    monkeypatch.setattr(check_run.scope, "entries_scope", lambda part: None)  # the old way: every part's graph
    old = check(ws, today=dt.date(2026, 11, 22))
    assert len(built) == 3
    assert (mine.findings, mine.ignored) == (old.findings, old.ignored) and len(mine.findings) > 20


def test_a_kredsraad_whose_area_id_is_also_an_entrys_id_is_left_to_the_graph(make_ws):
    # the graph holds the entry 'kreds-fyn' in the place of the politikreds, so the kredsråd counts for no kreds
    root = make_ws({"data.yaml": yaml.safe_dump({
        "councils": [{"id": "kreds-fyn", "type": "kredsraad", "area": "kreds-fyn"},
                     {"id": "lokalraad-odense", "type": "lokalraad", "area": "odense"}]})})
    ws = load_workspace(root)
    assert scope.entries_scope(ws) is None
    assert _graph_scope(ws) == Scope(politikredse=[], kommuner=["odense"])


# --- a property test: random councils, areas and references ---------------------------------------------

_AREAS_WRITTEN = ["kreds-fyn", "Fyn", "kreds-bornholm", "Bornholm", "bornholm", "København", "odense", "Odense",
                  "461", "silkeborg", "kreds-midt-og-vestjylland", "Midt- og Vestjylland", "region-syddanmark",
                  "ukendt-sted", ""]
_IDS = ["k1", "k2", "l1", "l2", "o1", "f1", "kreds-fyn", "odense", "bornholm", "kreds-bornholm"]
_TYPES = ["kredsraad", "lokalraad", "kr", "lr", "gammel", "ukendt-raad", None]
_VOCABULARY = {"council_types": {
    "kr": {"da": "KR", "en": "KR", "alias_of": "kredsraad"},
    "lr": {"da": "LR", "en": "LR", "alias_of": "gammel"},
    "gammel": {"da": "Gammel", "en": "Old", "alias_of": "lokalraad"}}}


@st.composite
def _entries(draw) -> dict:
    ids = draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=7, unique=True))
    sections: dict[str, list] = {}
    for entity_id in ids:
        kind = draw(st.sampled_from(["councils", "councils", "organisations", "forums"]))
        entry: dict = {"id": entity_id}
        area = draw(st.one_of(st.none(), st.sampled_from(_AREAS_WRITTEN)))
        if area is not None:
            entry["area"] = area
        target = draw(st.sampled_from(ids))
        if kind == "councils":
            type_ = draw(st.sampled_from(_TYPES))
            if type_ is not None:
                entry["type"] = type_
            entry[draw(st.sampled_from(["reports_to", "secretariat", "chair"]))] = target
            entry["members"] = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        elif kind == "organisations":
            entry.update(name=entity_id, category="kommune", parent=target)
        else:
            entry.update(type="ssp", under=target)
        sections.setdefault(kind, []).append(entry)
    return sections


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries(), st.booleans())
def test_the_scope_from_the_entries_is_the_scope_from_the_graph_for_random_councils(entries, extended):
    manifest = {"name": "Test", **({"vocabulary": _VOCABULARY} if extended else {})}
    root = Path(tempfile.mkdtemp())
    try:
        (root / "orgmodel.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
        (root / "data.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
        ws = load_workspace(root)
        mine = scope.entries_scope(ws)
        graph = _graph_scope(ws)
        assert mine is None or mine == graph
        own = check_run._own_scope(_as_part(ws), "part").scope
        assert own == graph
    finally:
        shutil.rmtree(root)


def _as_part(ws):
    """A national model holding ``ws`` as its one part ``part`` (what :func:`check_run._own_scope` reads)."""
    whole = Workspace(ws.root, ws.manifest, ws.vocabulary, ws.records, ws.files)
    whole.parts = {"part": ws}
    return whole

