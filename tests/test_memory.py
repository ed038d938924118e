"""What keeps a large workspace within its memory: shared tables of keys, shared dicts of edges.

bench/RESULTS.md ("Growth and memory of a cold check") measures the peak; these tests pin the ways
it is kept down, each of which a change could undo without any output changing.
"""

import datetime as dt
import sys

import pytest

from orgmodel import graph as g
from orgmodel.model import SECTIONS, compact_fields
from orgmodel.workspace import load_workspace, open_workspace

EXAMPLE = "examples/midt-og-vestjylland"


@pytest.fixture(scope="module")
def G():
    return g.build_graph(load_workspace(EXAMPLE))


def _entity_nodes(G):
    return [(node, data) for node, data in G.nodes(data=True) if "record" in data]


def test_an_entity_nodes_attributes_share_their_keys(G):
    for node, data in _entity_nodes(G):
        assert sys.getsizeof(data) < sys.getsizeof(dict(data)), node


def test_edges_without_attributes_share_their_dicts(G):
    pairs = [keys for _, targets in G.adjacency() for keys in targets.values()]
    assert len({id(keys) for keys in pairs}) < len(pairs) / 10
    member = next(keys for keys in pairs if list(keys) == ["member"])
    assert dict(member) == {"member": {}}


def test_the_built_graph_refuses_a_change_that_would_show_on_other_edges(G):
    u, v, key = next((u, v, k) for u, v, k in G.edges(keys=True) if k == "member")
    with pytest.raises(TypeError, match="read-only"):
        G.edges[u, v, key]["change"] = "added"
    with pytest.raises(TypeError, match="read-only"):
        G.add_edge(u, v, key="chair")
    assert all("change" not in data for _, _, data in G.edges(data=True))


def test_a_copy_of_the_graph_is_its_own(G):
    H = G.copy()
    u, v, key = next((u, v, k) for u, v, k in H.edges(keys=True) if k == "member")
    H.edges[u, v, key]["change"] = "added"
    H.add_edge(u, v, key="chair")
    assert [k for _, _, k, d in H.edges(keys=True, data=True) if d.get("change")] == ["member"]
    assert "chair" not in G[u][v]


def test_a_dated_seat_keeps_its_dates_on_its_own_edge(G):
    members = {v: data for _, v, key, data in G.out_edges("lokalraad-silkeborg", keys=True, data=True)
               if key == "member"}
    assert members["skolechef-silkeborg"] == {"since": dt.date(2025, 1, 1)}
    others = [data for u, _, key, data in G.edges(keys=True, data=True)
              if key == "member" and u != "lokalraad-silkeborg"]
    assert others and all(data == {} for data in others)


def test_records_share_their_empty_set_of_unreadable_keys():
    ws = load_workspace(EXAMPLE)
    assert len({id(record.unreadable) for record in ws.records.values()}) == 1


@pytest.mark.parametrize("cached", [False, True])
def test_an_entrys_fields_share_their_keys_read_or_from_the_cache(cached, tmp_path, monkeypatch):
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ORGMODEL_CACHE", raising=False)
    if cached:
        open_workspace(EXAMPLE)
    ws, fresh = open_workspace(EXAMPLE), load_workspace(EXAMPLE)
    for id_, record in ws.records.items():
        fields = record.entity.__dict__
        assert sys.getsizeof(fields) < sys.getsizeof(dict(fields)), id_
        assert list(fields.items()) == list(fresh.records[id_].entity.__dict__.items())


def test_compact_fields_keeps_every_field_and_its_order():
    model = SECTIONS["roles"]
    fields = model(id="r", title="Skolechef", organisation="o").__dict__
    compact = compact_fields(model, fields)
    assert list(compact.items()) == list(fields.items())
    assert compact is not fields


def test_the_build_holds_little_beside_the_graph_it_makes(tmp_path):
    """The peak of a cold check is reached with the graph beside the records: what the build holds only while it
    runs (a list of area sources per entry took some 60 MB at 500,000 entities) adds to it."""
    import gc
    import tracemalloc

    from bench.synthetic import generate

    generate(tmp_path / "ws", 3000)
    ws = load_workspace(tmp_path / "ws")
    gc.collect()
    tracemalloc.start()
    try:
        G = g.build_graph(ws)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert G.number_of_nodes() > 3000
    assert peak <= 1.1 * kept, f"the build held {peak - kept:,} bytes beside the {kept:,} it keeps"


def test_a_check_holds_no_files_bytes_while_the_rules_run(tmp_path, monkeypatch):
    """The stored check's key and reference need each file's digest, and its bytes only when the reference is
    written: read again then, one at a time. Kept from the first read, they stayed in memory through the whole
    check (74 MB of the peak at 500,000 entities)."""
    import gc
    import shutil

    from orgmodel.check import cache, run

    shutil.copytree(EXAMPLE, tmp_path / "ws")
    contents = {p.read_bytes() for p in (tmp_path / "ws").rglob("*.yaml")}
    monkeypatch.setenv("ORGMODEL_CACHE_DIR", str(tmp_path / "cache"))
    held: list = []
    calls: list = []
    check = run.check

    def items(container):
        for item in container.values() if isinstance(container, dict) else container:
            yield from item if type(item) is tuple else (item,)  # a tuple of atoms may be out of gc's sight

    def looking(*args, **kwargs):
        calls.append(args)
        gc.unfreeze()  # the loaded workspace was frozen (out of get_objects' sight)
        held.extend(item for container in gc.get_objects() if isinstance(container, (list, tuple, dict))
                    for item in items(container) if type(item) is bytes and item in contents)
        return check(*args, **kwargs)

    monkeypatch.setattr(run, "check", looking)
    made = cache.check_output([tmp_path / "ws"], "text", today=dt.date(2026, 11, 22))
    assert made.text and calls and not held
    assert cache.check_output([tmp_path / "ws"], "text", today=dt.date(2026, 11, 22)) == made
