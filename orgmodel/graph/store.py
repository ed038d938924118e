"""The built graph without networkx: its dicts, laid out as networkx's ``MultiDiGraph`` lays out its own.

``orgmodel check`` reads the graph through :mod:`.access` and the dicts alone, and importing networkx cost
about 0.13 s of each check (an eighth of a check of 20,000 entities). The check therefore builds a
:class:`GraphStore`; every other command gets a ``MultiDiGraph`` that wraps the same dicts
(:func:`as_networkx`), without copying them.

>>> G = GraphStore(name="x")
>>> G._node["a"], G._succ["a"], G._pred["a"] = {"kind": "forum"}, {}, {}
>>> "a" in G, G.nodes["a"]["kind"], list(G.nodes(data="kind")), len(G)
(True, 'forum', [('a', 'forum')], 1)
>>> H = as_networkx(G)
>>> H.nodes["a"] is G.nodes["a"], H.graph["name"], type(H).__name__
(True, 'x', 'MultiDiGraph')
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import networkx as nx


class GraphStore:
    """A graph's attributes (``graph``), node attributes (``_node``) and edges (``_succ``, ``_pred``: node → node
    → key → edge attributes), and the reading of them that :mod:`.access` and the rules of ``check`` use:
    ``G.nodes[n]``, ``G.nodes(data=True)``, ``n in G``, ``len(G)``, iteration over the node ids."""

    def __init__(self, **attr: Any) -> None:
        self.graph: dict[str, Any] = attr
        self._node: dict[str, dict] = {}
        self._succ: dict[str, dict] = {}
        self._pred: dict[str, dict] = {}
        self.nodes = _Nodes(self._node)  # made once, as networkx's node view: rules ask for it ~30,000 times

    def __contains__(self, node: object) -> bool:
        try:
            return node in self._node
        except TypeError:  # unhashable: in no graph, as networkx answers
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)


class _Nodes:
    """``G.nodes`` of a :class:`GraphStore`: as networkx's node view, ``nodes[n]`` is the node's attributes and
    ``nodes(data=True)`` (or ``data="key"``) the pairs of id and attributes (or that attribute, None if unset)."""

    __slots__ = ("_node",)

    def __init__(self, node: dict[str, dict]) -> None:
        self._node = node

    def __getitem__(self, node: Any) -> dict[str, Any]:
        return self._node[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    def __call__(self, data: bool | str = False) -> Any:
        if data is False:
            return iter(self._node)
        if data is True:
            return iter(self._node.items())
        return ((node, attributes.get(data)) for node, attributes in self._node.items())


Graph = Union["nx.MultiDiGraph", "GraphStore"]
"""What the readers of a built graph take: a networkx ``MultiDiGraph`` or a :class:`GraphStore` (for mypy, what
both have: the dicts and the reading listed there)."""


def as_networkx(G: GraphStore) -> "nx.MultiDiGraph":
    """A networkx ``MultiDiGraph`` holding the very dicts of ``G`` (nothing copied): what ``G`` holds, it holds."""
    import networkx as nx

    H = nx.MultiDiGraph()
    H.graph = G.graph
    H._node = G._node
    H._adj = G._succ  # networkx's setter makes _succ the same dict
    H._pred = G._pred
    return H
