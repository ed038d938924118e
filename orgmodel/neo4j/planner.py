"""The Neo4j side of the model as pure data: node and relationship rows, the diff against what a
database holds, and the Cypher that applies it. No driver here, so plans are golden-tested.

Labels and relationship types come only from :data:`orgmodel.export.LABELS` and the graph's edge
keys (upper-cased, checked against ``[A-Z_]+``); every value travels as a parameter.

>>> from orgmodel.workspace import load_workspace
>>> from orgmodel.graph import build_graph
>>> ws = load_workspace("examples/midt-og-vestjylland")
>>> p = plan(build_graph(ws), ws)
>>> p.summary()["nodes to write"] > 200
True
"""

import hashlib
import json
from dataclasses import dataclass, field

import networkx as nx

from orgmodel import __version__
from orgmodel import graph as g
from orgmodel.errors import UsageError
from orgmodel.export import LABELS, entity_fields, node_attributes, rel_type, unique_id
from orgmodel.workspace import Workspace, code_stamp
from orgmodel.workspace import workspace_id as _workspace_id

BATCH = 10_000
META_LABEL = "OrgmodelWorkspace"
LOCK_LABEL = "OrgmodelLock"
SHARED_LABELS = frozenset({"Area", "PersonGroup", "CrimeType"})
"""Built-in areas and vocabulary terms: one node each, shared by every workspace, never removed by a push."""
OWNED_LABELS = sorted((set(LABELS.values()) - SHARED_LABELS) | {META_LABEL})
"""Nodes of these labels belong to one workspace's partition (their ``_ws`` property names it)."""


def workspace_id(ws: Workspace) -> str:
    """The partition of ``ws`` in a shared database: ``id`` in orgmodel.yaml, else the one politikreds of its scope.

    >>> from orgmodel.workspace import load_workspace
    >>> workspace_id(load_workspace("examples/midt-og-vestjylland"))
    'midt-og-vestjylland'
    """
    found = _workspace_id(ws.manifest)
    if found is not None:
        return found
    raise UsageError(f"the workspace {ws.root} has no id, so orgmodel cannot tell which part of a shared database "
                     f"is its own (only a scope of exactly one politikreds gives one by itself). Fix: add a line "
                     f"such as 'id: my-district' to {ws.root / ws.manifest_file}; each workspace pushed to the "
                     "same database needs its own id")


def external(G: nx.MultiDiGraph, ws_id: str) -> dict[str, str]:
    """Organisations another workspace owns (``defined_in``): id → that workspace's id.

    A push links to their nodes and never writes or removes them.
    """
    owners = {n: getattr(g.record(G, n).entity, "defined_in", None) for n in g.nodes_of_kind(G, "organisation")}
    return {n: owner for n, owner in owners.items() if owner and owner != ws_id}


def node_properties(G: nx.MultiDiGraph, node: str, public: bool = False, ws_id: str | None = None) -> dict:
    """Properties of one node: readable fields for analysts plus ``_entity`` (the record as JSON) for pull,
    and ``_ws``, the workspace that owns it (not for the shared areas and terms)."""
    data = G.nodes[node]
    entity = entity_fields(G, node, public)
    props = node_attributes(G, node, public, entity)
    del props["kind"]
    props["id"] = node
    if ws_id is not None and LABELS[data["kind"]] not in SHARED_LABELS:
        props["_ws"] = ws_id
    if data["kind"] in ("council", "forum", "goal"):
        props["cov_ages"] = [f"{a}-{b}" for a, b in data["ages"]]
        props["has_covers"] = data["has_covers"]
        if data.get("assumed"):
            # What the type's defaults supply (not written): the parts, and the groups, which have no COVERS edge.
            props["cov_assumed"] = list(data["assumed"])
            if "groups" in data["assumed"]:
                props["cov_assumed_groups"] = list(data["groups"])
        props["structure"] = data.get("structure", node)
    if entity is not None:
        props["_entity"] = json.dumps(entity, ensure_ascii=False, sort_keys=True)
    props["_hash"] = hashlib.sha1(json.dumps(props, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return props


@dataclass
class Step:
    """One Cypher statement and the parameter batches it runs with (``rows``)."""

    cypher: str
    batches: list[list[dict]]
    what: str

    @property
    def rows(self) -> int:
        return sum(len(b) for b in self.batches)


@dataclass
class Plan:
    """What a push does: constraints first (own transactions), then one transaction of steps."""

    constraints: list[str]
    steps: list[Step] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def summary(self) -> dict:
        return dict(self.counts)

    def text(self) -> str:
        """The plan for ``--dry-run``: every statement with the size of its parameters."""
        lines = ["// constraints (each in its own transaction)", *(c + ";" for c in self.constraints),
                 "// one transaction:"]
        for step in self.steps:
            lines.append(f"// {step.what}: {step.rows} row(s) in {len(step.batches)} batch(es) of up to {BATCH}")
            lines.append(step.cypher + ";")
        lines.append("// summary: " + ", ".join(f"{k}: {v}" for k, v in self.counts.items()))
        return "\n".join(lines) + "\n"


def _batches(rows: list) -> list[list]:
    return [rows[i:i + BATCH] for i in range(0, len(rows), BATCH)]


def desired_state(G: nx.MultiDiGraph, ws: Workspace, public: bool = False, fingerprint: str | None = None,
                  ws_id: str | None = None):
    """(nodes by label: {id: props}, relationships as a set of (type, from label, from id, to label, to id,
    properties)); the properties of a relationship are the dates of a dated seat, as ``(("since", ISO), …)``.

    The workspace node (id: the :func:`workspace_id`, or ``ws_id``) holds the manifest and the
    :func:`state_fingerprint` (``fingerprint`` when it has been computed already).
    """
    ws_id = ws_id or workspace_id(ws)
    others = external(G, ws_id)
    nodes: dict[str, dict[str, dict]] = {}
    for node in sorted(G):
        if node not in others:
            label = LABELS[G.nodes[node]["kind"]]
            nodes.setdefault(label, {})[node] = node_properties(G, node, public, ws_id)
    rels = {(rel_type(k), LABELS[G.nodes[u]["kind"]], u, LABELS[G.nodes[v]["kind"]], v,
             _rel_dates(G, u, v) if k == "member" else ())
            for u, v, k in G.edges(keys=True) if u not in others}
    state = fingerprint or state_fingerprint(G, ws, public)
    nodes[META_LABEL] = {ws_id: {"id": ws_id, "_ws": ws_id, "_manifest": _manifest_json(ws), "_state": state,
                                 "_hash": state, **({"_copies": sorted(others)} if others else {})}}
    return nodes, rels


def _rel_dates(G: nx.MultiDiGraph, body: str, member: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, day.isoformat()) for key, day in g.seat_dates(G, body, member).items()))


def rel_properties(props: dict) -> tuple[tuple[str, str], ...]:
    """The properties of a relationship read from Neo4j as the planner keeps them (the seat dates)."""
    return tuple(sorted((k, str(v)) for k, v in props.items() if k in REL_PROPERTIES))


REL_PROPERTIES = ("since", "until")
"""The properties orgmodel writes on a relationship: the dates of a member's seat."""


def state_fingerprint(G: nx.MultiDiGraph, ws: Workspace, public: bool = False) -> str:
    """A fingerprint of everything the desired state is made from: orgmodel's code, ``public``, the
    manifest, and every node of the graph with its attributes, its entry and its edges.

    Equal fingerprints mean equal desired states. It takes a fraction of the time of building
    the state (no properties, no JSON), so an unchanged re-push stops after reading one value.

    >>> from orgmodel.workspace import load_workspace
    >>> from orgmodel.graph import build_graph
    >>> ws = load_workspace("examples/midt-og-vestjylland")
    >>> state_fingerprint(build_graph(ws), ws) == state_fingerprint(build_graph(ws), ws)
    True
    >>> state_fingerprint(build_graph(ws), ws) == state_fingerprint(build_graph(ws), ws, public=True)
    False
    """
    digest = hashlib.sha1(f"{__version__}\t{code_stamp()}\t{public}\t{_manifest_json(ws)}\n".encode())
    for node in sorted(G):
        data = G.nodes[node]
        record = data.get("record")
        entry = None if record is None else (record.file, record.line, record.entity.__dict__)
        attributes = {k: v for k, v in data.items() if k != "record"}
        edges = g.edges_from(G, node)
        digest.update(repr((node, attributes, entry, edges)).encode())
    return digest.hexdigest()


def _manifest_json(ws: Workspace) -> str:
    manifest = ws.manifest.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True)


def constraints() -> list[str]:
    """One uniqueness constraint on ``id`` per label, and an index on the owning workspace ``_ws`` per owned
    label, created before anything is written."""
    return [statement for _, _, statement in schema_rules()]


def schema_rules() -> list[tuple[str, str, str]]:
    """:func:`constraints` as ``(kind, name, statement)``, the kind as ``SHOW`` names it (CONSTRAINT or INDEX).

    >>> schema_rules()[0][:2], schema_rules()[-1][:2]
    (('CONSTRAINT', 'orgmodel_area_id'), ('INDEX', 'orgmodel_role_ws'))
    """
    unique = [("CONSTRAINT", f"orgmodel_{label.lower()}_id", label)
              for label in sorted(set(LABELS.values()) | {META_LABEL, LOCK_LABEL})]
    owner = [("INDEX", f"orgmodel_{label.lower()}_ws", label) for label in OWNED_LABELS]
    return [(kind, name, unique_id(label, name)) for kind, name, label in unique] + \
        [(kind, name, f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n._ws)") for kind, name, label in owner]


def plan(G: nx.MultiDiGraph, ws: Workspace, existing_nodes: dict | None = None, existing_rels: set | None = None,
         public: bool = False, desired: tuple | None = None) -> Plan:
    """The steps that turn what the database holds (``existing_*``, empty when None) into the workspace.

    ``existing_nodes`` maps label → {id: hash}; ``existing_rels`` is a set like the desired one.
    """
    existing_nodes = existing_nodes or {}
    existing_rels = existing_rels or set()
    nodes, rels = desired or desired_state(G, ws, public)
    labels = sorted(set(LABELS.values()) | {META_LABEL})
    result = Plan(constraints())
    # Shared nodes and the relationships between them stay: other workspaces may rely on them.
    deleted_rels = sorted(r for r in existing_rels - rels if r[1] not in SHARED_LABELS)
    for (type_, la, lb), group in _group(deleted_rels).items():
        result.steps.append(Step(f"UNWIND $rows AS row MATCH (a:{la} {{id: row.a}})-[r:{type_}]->"
                                 f"(b:{lb} {{id: row.b}}) DELETE r", _batches(group), f"remove {type_} ({la} → {lb})"))
    removed = 0
    wanted_as = {i: label for label in OWNED_LABELS if label != META_LABEL for i in nodes.get(label, {})}
    for label in OWNED_LABELS:
        gone = sorted(set(existing_nodes.get(label, {})) - set(nodes.get(label, {})))
        removed += len(gone)
        # a node that holds the label it is wanted under too (this one added by hand) loses this label, not its
        # life; any other goes (an entry that changed kind is written anew under its new label)
        relabelled = [i for i in gone if label != META_LABEL and i in existing_nodes.get(wanted_as.get(i, ""), {})]
        deleted = [i for i in gone if i not in relabelled]
        if relabelled:
            result.steps.append(Step(f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) REMOVE n:{label}",
                                     _batches([{"id": i} for i in relabelled]), f"remove the label {label}"))
        if deleted:
            result.steps.append(Step(f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) DETACH DELETE n",
                                     _batches([{"id": i} for i in deleted]), f"remove {label}"))
    written = 0
    for label in labels:
        have = existing_nodes.get(label, {})
        rows = [{"id": i, "props": p} for i, p in sorted(nodes.get(label, {}).items()) if have.get(i) != p["_hash"]]
        written += len(rows)
        if rows:
            result.steps.append(Step(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props",
                                     _batches(rows), f"write {label}"))
    added = sorted(rels - existing_rels)
    for (type_, la, lb), group in _group(added).items():
        dated = any("props" in row for row in group)
        tail = f"MERGE (a)-[r:{type_}]->(b) SET r = row.props" if dated else f"MERGE (a)-[:{type_}]->(b)"
        rows = [{"props": {}, **row} for row in group] if dated else group
        result.steps.append(Step(f"UNWIND $rows AS row MATCH (a:{la} {{id: row.a}}) MATCH (b:{lb} {{id: row.b}}) "
                                 + tail, _batches(rows), f"add {type_} ({la} → {lb})"))
    result.counts = _counts(sum(len(v) for v in nodes.values()), len(rels), written, removed, len(added),
                            len(deleted_rels))
    return result


def unchanged(G: nx.MultiDiGraph, ws_id: str) -> Plan:
    """The plan when the database already holds the state of ``G``: nothing to do, and its size
    (every node but those another workspace owns, the workspace node, and a relationship per edge
    from those nodes)."""
    others = external(G, ws_id)
    result = Plan(constraints())
    result.counts = _counts(G.number_of_nodes() - len(others) + 1,
                            sum(1 for u, _, _ in G.edges(keys=True) if u not in others))
    return result


def removed_ids(the_plan: Plan) -> dict[str, list[str]]:
    """The ids a plan removes, per label."""
    return {step.what.removeprefix("remove "): [row["id"] for batch in step.batches for row in batch]
            for step in the_plan.steps if step.what.startswith("remove ") and " " not in step.what[7:]}


def _counts(nodes: int, rels: int, written: int = 0, removed: int = 0, added: int = 0, deleted: int = 0) -> dict:
    return {"nodes": nodes, "relationships": rels, "nodes to write": written, "nodes to remove": removed,
            "relationships to add": added, "relationships to remove": deleted}


def _group(rels) -> dict:
    groups: dict = {}
    for type_, la, a, lb, b, props in rels:
        groups.setdefault((type_, la, lb), []).append({"a": a, "b": b, **({"props": dict(props)} if props else {})})
    return dict(sorted(groups.items()))


def _union(template: str, labels) -> str:
    return "\nUNION ALL\n".join(template.format(label=label) for label in sorted(labels))


READ_NODES = _union("MATCH (n:{label} {{_ws: $ws}}) RETURN '{label}' AS label, n.id AS id, n._hash AS hash",
                    OWNED_LABELS) + "\nUNION ALL\n" + \
    _union("MATCH (n:{label}) RETURN '{label}' AS label, n.id AS id, n._hash AS hash", SHARED_LABELS)
"""The nodes a push of workspace ``$ws`` compares with: its own and the shared ones."""
READ_NODE_PROPERTIES = _union("MATCH (n:{label} {{_ws: $ws}}) RETURN '{label}' AS label, n.id AS id, "
                              "properties(n) AS props", OWNED_LABELS)
"""The properties of the nodes of ``$ws``: what ``push --full`` compares, since a hand edit leaves ``_hash`` alone."""
READ_SHARED_PROPERTIES = ("UNWIND $ids AS id MATCH (n:{label} {{id: id}}) USING INDEX SEEK n:{label}(id) "
                          "RETURN '{label}' AS label, n.id AS id, properties(n) AS props")
"""The properties of the shared nodes (areas, terms) a workspace uses: what ``push --full`` compares too."""
DELETE_DUPLICATE_RELS = _union("MATCH (a:{label} {{_ws: $ws}})-[r]->(b) WITH a, b, type(r) AS t, collect(r) AS rs "
                               "WHERE size(rs) > 1 FOREACH (x IN tail(rs) | DELETE x) RETURN count(*) AS pairs",
                               OWNED_LABELS)
"""``push --full``: of relationships of one type between the same two nodes (a push makes one), all but one go."""
_B_LABEL = "[x IN labels(b) WHERE x IN $labels][0] AS lb"
READ_RELS = _union("MATCH (a:{label} {{_ws: $ws}})-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, "
                   "properties(r) AS props, " + _B_LABEL, OWNED_LABELS) + "\nUNION ALL\n" + \
    _union("MATCH (a:{label})-[r]->(b) WHERE b.id IS NOT NULL RETURN type(r) AS type, a.id AS a, b.id AS b, "
           "properties(r) AS props, " + _B_LABEL, SHARED_LABELS)
"""The relationships from the nodes of ``$ws`` (to any node, another workspace's too) and between shared ones."""
READ_ENTITIES = _union("MATCH (n:{label} {{_ws: $ws}}) WHERE n._entity IS NOT NULL "
                       "RETURN '{label}' AS label, n.id AS id, n._entity AS entity", OWNED_LABELS)
READ_WORKSPACES = f"MATCH (m:{META_LABEL}) RETURN m.id AS id, m._manifest AS manifest ORDER BY id"
READ_STATE = f"MATCH (m:{META_LABEL} {{id: $ws}}) RETURN m._state AS state"
READ_META = (f"MATCH (m:{META_LABEL} {{id: $ws}}) RETURN m._revision AS revision, m._committed AS committed, "
             "m._pushed_at AS pushed_at, m._pushes AS pushes")
LOCK = f"MERGE (l:{LOCK_LABEL} {{id: 'push'}}) SET l.workspace = $ws, l.serial = coalesce(l.serial, 0) + 1"
"""The first write of every push: it holds the lock node until the push commits, so pushes run one at a time."""
STAMP = (f"MATCH (m:{META_LABEL} {{id: $ws}}) SET m._revision = $revision, m._committed = $committed, "
         "m._pushed_at = $pushed_at, m._pushes = $pushes")
CLAIMED = ("UNWIND $ids AS id MATCH (n:{label} {{id: id}}) USING INDEX SEEK n:{label}(id) "
           "WHERE n._ws IS NOT NULL AND n._ws <> $ws RETURN n.id AS id, n._ws AS owner")
"""Ids of this push that another workspace owns already (``{label}`` filled in per owned label).

Each id is sought in the index of the label's uniqueness constraint, which every push makes first (``USING
INDEX SEEK``, here and in :data:`OWNERS` and :data:`USED`). Left to itself, Neo4j 5.26 at times ran such a query
as a scan of the whole index per id while twelve districts were pushed one after another into an empty database
(PROFILE: 72 million rows for 11,251 ids; 1-11 s more in each of two or three of the pushes, bench/NOTES.md)."""
OWNERS = ("UNWIND $ids AS id OPTIONAL MATCH (n:Organisation {id: id}) USING INDEX SEEK n:Organisation(id) "
          "RETURN id, n._ws AS owner ORDER BY id")
"""Who owns the organisations a workspace marks ``defined_in`` another."""
USED = ("UNWIND $ids AS id MATCH (n:{label} {{id: id}})<--(x) USING INDEX SEEK n:{label}(id) "
        "WHERE x._ws IS NOT NULL AND x._ws <> $ws RETURN n.id AS id, collect(DISTINCT x._ws) AS users ORDER BY id")
"""Nodes a push would remove that another workspace's nodes refer to."""
COPIED_BY = (f"MATCH (m:{META_LABEL}) WHERE m.id <> $ws UNWIND coalesce(m._copies, []) AS id WITH m, id "
             "WHERE id IN $ids RETURN id, collect(m.id) AS users ORDER BY id")
"""Organisations a push would remove that another workspace keeps a copy of (``defined_in``), referred to or not."""
READ_EXTERNAL = _union("MATCH (a:{label} {{_ws: $ws}})-->(b:Organisation) WHERE b._ws <> $ws "
                       "RETURN b.id AS id, b._ws AS owner, b._entity AS entity", OWNED_LABELS)
"""The organisations of other workspaces that ``$ws`` refers to (``defined_in`` in its files)."""
READ_COPIES = (f"MATCH (m:{META_LABEL} {{id: $ws}}) UNWIND coalesce(m._copies, []) AS id "
               "MATCH (b:Organisation {id: id}) WHERE b._ws <> $ws RETURN b.id AS id, b._ws AS owner, "
               "b._entity AS entity")
"""The organisations of other workspaces that ``$ws`` keeps a copy of (``defined_in``), referred to or not: the
workspace node lists them (``_copies``), since a copy nothing refers to has no relationship to find it by."""
