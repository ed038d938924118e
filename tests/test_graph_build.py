"""What the build of the graph keeps for the rules (issue 19, speed): each must equal what the rules used to
work out from the workspace or the graph themselves, on a workspace with every kind of bad reference and loop."""

import datetime as dt

import pytest

from orgmodel import graph as g
from orgmodel.check.rules.context import first_occurrences
from orgmodel.model import REFERENCES
from orgmodel.workspace import load_workspace

from .districts import bornholm, find, write


def tangled(make_ws):
    """Bornholm with dangling, repeated and wrong-kind references, loops, and a forum that is both the
    secretariat of a forum and the body it sits under."""
    data = bornholm()
    find(data, "ssp")["members"] += ["bornholm-sociall", "s1", "bornholm-sociall", "bornholm-skole"]
    find(data, "ssp")["secretariat"] = "psp-bornholm"
    find(data, "ssp")["under"] = "psp-bornholm"
    find(data, "lokalraad")["reports_to"] = "ssp"
    find(data, "o1")["derives_from"] = ["o1", "s1", "nowhere", "s1", "nowhere"]
    find(data, "bornholm-klub")["parent"] = "bornholm-klub"
    data["forums"] += [{"id": "a", "type": "andet", "under": "b", "members": ["bornholms-politi"]},
                       {"id": "b", "type": "andet", "under": "a", "members": ["bornholms-politi", "a"]}]
    return load_workspace(write(make_ws, data))


def bad_references_read_from_the_records(ws) -> list[tuple]:
    """How ``Context.bad_references`` found them before the build kept them."""
    known, found = ws.records, []
    for record in known.values():
        fields = record.entity.__dict__
        for ref in REFERENCES[record.kind]:
            value = fields.get(ref.field)
            if value is None:
                continue
            for index, target in first_occurrences(ref.ids(value)) if ref.many else ((None, value),):
                other = known.get(target)
                if other is None or other.kind not in ref.kinds:
                    found.append((record, ref, index, target))
    return found


def test_the_build_keeps_the_references_it_leaves_out(make_ws):
    ws = tangled(make_ws)
    unlinked = g.unlinked_references(g.build_graph(ws))
    expected = bad_references_read_from_the_records(ws)
    assert len(expected) == 5
    assert sorted(unlinked, key=repr) == sorted(expected, key=repr)


def test_a_graph_on_a_date_does_not_claim_to_hold_every_reference(make_ws):
    with pytest.raises(ValueError, match="as_of"):
        g.unlinked_references(g.build_graph(tangled(make_ws), as_of=dt.date(2026, 1, 1)))


def test_the_edges_of_the_hierarchy_include_loops_and_pairs_with_other_keys(make_ws):
    G = g.build_graph(tangled(make_ws))
    assert ("ssp", "psp-bornholm") in g.hierarchy_edges(G) and ("o1", "o1") in g.hierarchy_edges(G)


@pytest.mark.parametrize(("as_of", "dates"), [
    (None, {"since": dt.date(2024, 1, 1)}),
    (dt.date(2025, 6, 1), {"since": dt.date(2024, 1, 1)}),
    (dt.date(2021, 6, 1), {"since": dt.date(2020, 1, 1), "until": dt.date(2021, 12, 31)}),
])
def test_a_member_seated_twice_has_the_dates_of_one_seat(make_ws, as_of, dates):
    data = bornholm()
    find(data, "lokalraad")["members"] = [
        {"id": "bornholm-kommune", "since": "2024-01-01"},
        {"id": "bornholm-kommune", "since": "2020-01-01", "until": "2021-12-31"}]
    G = g.build_graph(load_workspace(write(make_ws, data)), as_of=as_of)
    assert g.seat_dates(G, "lokalraad", "bornholm-kommune") == dates


def test_the_store_check_reads_is_the_graph_every_other_command_reads(make_ws):
    """``check`` reads the dicts alone (:class:`~orgmodel.graph.GraphStore`); the networkx graph of every other
    command wraps the same: nodes, their attributes, edges, keys and the graph's attributes all alike."""
    ws = tangled(make_ws)
    for as_of in (None, dt.date(2026, 1, 1)):
        store, G = g.build_store(ws, as_of=as_of), g.build_graph(ws, as_of=as_of)
        assert type(G).__name__ == "MultiDiGraph" and type(store) is g.GraphStore
        assert list(store.nodes(data=True)) == list(G.nodes(data=True))
        assert list(store.nodes(data="area")) == list(G.nodes(data="area"))
        assert list(store) == list(G) == list(store.nodes) and len(store) == len(G) == len(store.nodes)
        assert sorted((u, v, k) for u, targets in store._succ.items() for v, keys in targets.items() for k in keys) \
            == sorted(G.edges(keys=True))
        assert store._pred == G._pred and store.graph.keys() == G.graph.keys()
        assert ("a" in store, "nowhere" in store, ["a"] in store) == ("a" in G, "nowhere" in G, ["a"] in G) \
            == (True, False, False)


def test_a_graph_handed_to_networkx_is_not_copied(make_ws):
    store = g.build_store(tangled(make_ws))
    G = g.as_networkx(store)
    assert G._node is store._node and G._succ is store._succ is G._adj and G._pred is store._pred
    assert G.graph is store.graph
    assert set(G.successors("a")) == set(store._succ["a"]) and set(G.predecessors("a")) == set(store._pred["a"])
