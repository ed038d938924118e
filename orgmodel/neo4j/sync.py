"""Talking to a Neo4j server: connect, push a workspace in one transaction, pull it back, run queries.

The driver is imported here only, lazily, so ``orgmodel --help`` stays fast.
"""

import contextlib
import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from orgmodel import clock
from orgmodel.didyoumean import suggest
from orgmodel.errors import OrgmodelError, UsageError
from orgmodel.export import LABELS
from orgmodel.graph import build_graph
from orgmodel.workspace import Revision, last_revision, workspace_files, write_workspace

from .planner import (
    CLAIMED,
    COPIED_BY,
    DELETE_DUPLICATE_RELS,
    LOCK,
    META_LABEL,
    OWNED_LABELS,
    OWNERS,
    READ_COPIES,
    READ_ENTITIES,
    READ_EXTERNAL,
    READ_META,
    READ_NODE_PROPERTIES,
    READ_NODES,
    READ_RELS,
    READ_SHARED_PROPERTIES,
    READ_STATE,
    READ_WORKSPACES,
    SHARED_LABELS,
    STAMP,
    USED,
    Plan,
    desired_state,
    external,
    plan,
    rel_properties,
    removed_ids,
    schema_rules,
    state_fingerprint,
    unchanged,
    workspace_id,
)

ALL_LABELS = sorted(set(LABELS.values()) | set(OWNED_LABELS))

# The driver logs what it does about (retried transactions, server notifications) as warnings that
# Python would print raw to the terminal; users read orgmodel's words only, and the errors that matter
# still reach them as exceptions. The records still propagate to any handler an application sets up.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Connection:
    """Where the server is; the password is never printed (see ``__repr__``)."""

    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None

    def __repr__(self) -> str:
        return f"Connection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


@contextlib.contextmanager
def connect(conn: Connection):
    """A verified driver, with the driver's errors turned into messages that name the fix."""
    import neo4j
    from neo4j import exceptions as ex

    scheme = conn.uri.partition("://")[0].lower()
    if scheme in ("http", "https"):  # (the driver would try its preview HTTP API, and fail for want of aiohttp)
        raise UsageError(f"'{conn.uri}' is the address of Neo4j Browser (HTTP), not of the database; write its Bolt "
                         "address, e.g. bolt://127.0.0.1:7687 (or neo4j+s://xxxx.databases.neo4j.io)")
    try:
        # No server notifications: the driver would log them raw to the terminal ("Received notification
        # from DBMS server: ... The property `_state` does not exist"); users read orgmodel's words only.
        driver = neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password) if conn.password else None,
                                            notifications_min_severity="OFF")
    except (ValueError, ex.ConfigurationError) as exc:
        raise UsageError(f"'{conn.uri}' is not a Neo4j address ({exc}); write e.g. bolt://127.0.0.1:7687 "
                           "or neo4j+s://xxxx.databases.neo4j.io") from None
    try:
        try:
            info = driver.get_server_info()
        except ex.AuthError:
            raise OrgmodelError(f"Neo4j at {conn.uri} refused the user name or password. Check --user and "
                                "--password (or NEO4J_USER and NEO4J_PASSWORD)") from None
        except (ex.ServiceUnavailable, OSError) as exc:
            raise OrgmodelError(f"cannot reach Neo4j at {conn.uri} ({_first_line(exc)}). Check that the server "
                                "runs and the address and port are right") from None
        _check_version(info.agent, conn.uri)
        yield driver
    except ex.ClientError as exc:
        if exc.code and "DatabaseNotFound" in exc.code:
            raise OrgmodelError(f"the database '{conn.database}' does not exist on {conn.uri}. Create it or "
                                "leave out --database to use the default one") from None
        raise OrgmodelError(f"Neo4j refused the request: {_first_line(exc)}") from None
    except ex.IncompleteCommit as exc:
        raise OrgmodelError(f"lost the connection to Neo4j at {conn.uri} while it committed ({_first_line(exc)}); "
                            "the change may or may not be stored: run the command again when the server is "
                            "back (a push then makes the database hold the workspace either way)") from None
    except ex.TransientError as exc:
        raise OrgmodelError(f"Neo4j at {conn.uri} stayed busy with other work ({_first_line(exc)}); nothing was "
                            "changed, run the command again") from None
    except (ex.ServiceUnavailable, ex.SessionExpired) as exc:
        raise OrgmodelError(f"lost the connection to Neo4j at {conn.uri} ({_first_line(exc)}); nothing was "
                            "changed, run the command again when the server is back") from None
    finally:
        driver.close()


def _ensure_schema(session) -> None:
    """Create the constraints and indexes a push needs (:func:`~.planner.schema_rules`) that the database lacks
    by name, as ``IF NOT EXISTS`` would: two questions, not twenty statements each in its own transaction
    (1.8 s of the push of 12 districts into one database). When the database will not list them (a user
    without the privilege to), each is created ``IF NOT EXISTS``."""
    from neo4j import exceptions as ex

    try:
        present = {kind: {r["name"] for r in session.run(shown)} for kind, shown in _SHOW_SCHEMA.items()}
    except ex.ClientError:
        present = {}
    for kind, name, statement in schema_rules():
        if name not in present.get(kind, ()):
            _create_schema_rule(session, statement)


_SHOW_SCHEMA = {"CONSTRAINT": "SHOW CONSTRAINTS YIELD name", "INDEX": "SHOW INDEXES YIELD name"}


def _create_schema_rule(session, statement: str) -> None:
    """Run ``CREATE … IF NOT EXISTS`` (a constraint or index). Retried as any write: pushes that start together
    into an empty database deadlock creating them. Two that create the same rule at the same moment may both
    pass the test ``IF NOT EXISTS`` makes, and the second then fails with ``EquivalentSchemaRuleAlreadyExists``
    (Neo4j 5.26): the rule exists, as asked, so that failure is taken as done."""
    from neo4j import exceptions as ex

    try:
        session.execute_write(lambda tx: tx.run(statement).consume())
    except ex.ClientError as exc:
        if exc.code != "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists":
            raise


def _first_line(exc) -> str:
    return (str(getattr(exc, "message", None) or exc).strip().splitlines() or ["unknown error"])[0]


def _check_version(agent: str, uri: str) -> None:
    version = agent.split("/", 1)[-1]
    try:
        major = int(version.split(".")[0])
    except ValueError:
        return
    if major < 5:
        raise OrgmodelError(f"Neo4j at {uri} is version {version}; orgmodel needs Neo4j 5 or newer "
                            "(5.26 LTS is tested)")


def read_state(session, ws_id: str) -> tuple[dict, set]:
    """What the database holds of workspace ``ws_id`` and the shared nodes: label → {id: hash}, and the
    relationships from those nodes."""
    nodes: dict = {}
    label_of: dict = {}
    for record in session.run(READ_NODES, ws=ws_id):
        nodes.setdefault(record["label"], {})[record["id"]] = record["hash"]
        label_of[record["id"]] = record["label"]
    rels = {(r["type"], label_of[r["a"]], r["a"], r["lb"], r["b"], rel_properties(r["props"]))
            for r in session.run(READ_RELS, ws=ws_id, labels=ALL_LABELS) if r["a"] in label_of and r["lb"]}
    return nodes, rels


def _as_held(session, ws_id: str, nodes: dict, desired: dict) -> dict:
    """``nodes`` (label → {id: hash}) with the hash of every node of ``ws_id`` whose properties are not the ones
    a push writes taken away, so the plan writes it again."""
    held = {label: dict(found) for label, found in nodes.items()}
    shared = [record for label in sorted(SHARED_LABELS) if desired.get(label)
              for record in session.run(READ_SHARED_PROPERTIES.format(label=label), ids=sorted(desired[label]))]
    for record in [*session.run(READ_NODE_PROPERTIES, ws=ws_id), *shared]:
        wanted = desired.get(record["label"], {}).get(record["id"])
        found = plain_value(record["props"])
        if record["label"] == META_LABEL and wanted is not None:
            # its stamp (revision, time of the push) is set after the plan: what the push writes must match
            found = {key: found.get(key) for key in wanted}
        if wanted is not None and found != wanted:
            held.setdefault(record["label"], {})[record["id"]] = None
    return held


def push(conn: Connection, ws, G, public: bool = False, progress=None, full: bool = False,
         force: bool = False) -> Plan:
    """Make the workspace's partition of the database hold exactly the workspace, in one transaction.

    Other workspaces' partitions stay as they are; the shared areas and terms are merged. Pushes
    run one at a time (each takes the lock node first), and the transaction is retried on
    transient errors. A failure rolls everything back, so the database keeps its previous state.
    A push of an older git revision over a newer one of the same workspace is refused unless
    ``force``; so is an id another workspace owns. When the partition holds this very workspace
    (its fingerprint matches), nothing is written; ``full`` compares everything anyway,
    repairing changes made by hand. ``progress(done, total)`` is called after each batch.
    """
    ws_id = workspace_id(ws)
    fingerprint = state_fingerprint(G, ws, public)
    revision = last_revision(ws.root)
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            _ensure_schema(session)
            state = session.execute_read(lambda tx: [r["state"] for r in tx.run(READ_STATE, ws=ws_id)])
            if state and state[0] == fingerprint and not full:
                return unchanged(G, ws_id)
            desired = desired_state(G, ws, public, fingerprint, ws_id)

            def work(tx) -> Plan:
                tx.run(LOCK, ws=ws_id).consume()
                meta = tx.run(READ_META, ws=ws_id).single()
                if not force:
                    _refuse_older(meta, revision, ws_id, conn.uri)
                _refuse_claimed(tx, ws_id, desired[0], conn.uri)
                _refuse_unowned(tx, ws_id, external(G, ws_id), conn.uri)
                if full:  # hand edits leave the fingerprints alone: compare what the nodes hold
                    tx.run(DELETE_DUPLICATE_RELS, ws=ws_id).consume()
                existing_nodes, existing_rels = read_state(tx, ws_id)
                if full:
                    existing_nodes = _as_held(tx, ws_id, existing_nodes, desired[0])
                the_plan = plan(G, ws, existing_nodes, existing_rels, public, desired)
                _refuse_removing_used(tx, ws_id, removed_ids(the_plan), conn.uri)
                _apply(tx, the_plan, progress)
                tx.run(STAMP, ws=ws_id, revision=revision.commit if revision else None,
                       committed=revision.committed if revision else None, pushed_at=clock.now().isoformat(),
                       pushes=(meta["pushes"] or 0) + 1 if meta else 1).consume()
                return the_plan

            return session.execute_write(work)


def push_each(conn: Connection, ws, as_of: dt.date | None = None, public: bool = False, progress=None,
              full: bool = False, force: bool = False) -> list[tuple[str, Plan]]:
    """Push each workspace of several read as one into its own partition (one workspace: itself), in turn.

    A national folder is many partitions, never one: each district keeps owning its own part, and a
    later push of one district alone replaces just that part. Returns each partition's id and plan.
    """
    parts = owners_first(list(ws.parts.values()) or [ws])
    done: list[tuple[str, Plan]] = []
    for part in parts:
        try:
            done.append((workspace_id(part), push(conn, part, build_graph(part, as_of=as_of), public, progress, full,
                                                  force)))
        except OrgmodelError as error:
            if not done:
                raise
            # each partition is its own transaction: those pushed before stay pushed, and the user must know it
            raise type(error)(f"{error}\n  {_pushed_before(done, parts)}") from None
    return done


def _pushed_before(done: list[tuple[str, Plan]], parts: list) -> str:
    """What a failed push of several workspaces left: those pushed before the one that failed stay pushed.

    >>> _pushed_before([("bornholm", Plan([]))], [None, None])
    "(Of the 2 workspaces, 'bornholm' was pushed before this one and stays pushed.)"
    """
    pushed = ", ".join(repr(i) for i, _ in done)
    left = [workspace_id(p) for p in parts[len(done) + 1:]]
    one = len(done) == 1
    text = f"(Of the {len(parts)} workspaces, {pushed} {'was' if one else 'were'} pushed before this one and stay" \
        f"{'s' if one else ''} pushed"
    if left:
        text += f"; {', '.join(repr(i) for i in left)} {'was' if len(left) == 1 else 'were'} not pushed"
    return text + ".)"


def owners_first(parts: list) -> list:
    """``parts`` ordered so that a workspace comes after those whose organisations it copies (``defined_in``):
    a copy's push needs its owner's partition in the database. Otherwise the given order; a cycle keeps it too.
    """
    ids = {workspace_id(part): part for part in parts}
    needs = {workspace_id(part): {getattr(r.entity, "defined_in", None) for r in part.records.values()} & ids.keys()
             for part in parts}
    ordered: list[str] = []
    while len(ordered) < len(parts):
        ready = [i for i in ids if i not in ordered and needs[i] - {i} <= set(ordered)]
        ordered += ready or [i for i in ids if i not in ordered]
    return [ids[i] for i in ordered]


def plan_each(ws, as_of: dt.date | None = None, public: bool = False) -> list[tuple[str, Plan]]:
    """The plan of each workspace of several read as one (one workspace: its own), as ``push_each`` would push."""
    parts = list(ws.parts.values()) or [ws]
    return [(workspace_id(part), plan(build_graph(part, as_of=as_of), part, public=public)) for part in parts]


def _apply(tx, the_plan: Plan, progress) -> None:
    total = sum(len(s.batches) for s in the_plan.steps)
    done = 0
    for step in the_plan.steps:
        for batch in step.batches:
            tx.run(step.cypher, rows=batch).consume()
            done += 1
            if progress:
                progress(done, total)


def _when(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _refuse_older(meta, revision: Revision | None, ws_id: str, uri: str) -> None:
    """Raise when the partition holds a newer git revision of the workspace than ``revision``."""
    if meta is None or meta["revision"] is None or (revision and revision.commit == meta["revision"]):
        return
    if revision is not None and revision.committed >= meta["committed"]:
        return
    newer = (f"the database at {uri} holds a newer version of the workspace '{ws_id}': pushed "
             f"{meta['pushed_at']} from git revision {meta['revision'][:7]} (committed {_when(meta['committed'])})")
    if revision is None:
        raise OrgmodelError(f"{newer}, and this copy of the workspace is not in git, so orgmodel cannot tell "
                            "whether it is newer. Fix: push from the git repository that holds it, or push with "
                            "--force to replace what the database holds")
    raise OrgmodelError(f"{newer}; this copy is at revision {revision.commit[:7]} (committed "
                        f"{_when(revision.committed)}). Fix: update your copy (git pull) and push again, or push "
                        "with --force to replace the newer version")


def _refuse_claimed(tx, ws_id: str, nodes: dict, uri: str) -> None:
    """Raise when an id of this push belongs to another workspace in the database (of any kind)."""
    ids = sorted(i for label in OWNED_LABELS for i in nodes.get(label, {}))
    owners: dict[str, set] = {}
    for label in OWNED_LABELS:
        for r in tx.run(CLAIMED.format(label=label), ids=ids, ws=ws_id):
            owners.setdefault(r["owner"], set()).add(r["id"])
    if owners:
        listed = "; ".join(f"{_ids(sorted(clash))} by the workspace '{owner}' as well"
                           for owner, clash in sorted(owners.items()))
        raise OrgmodelError(f"the database at {uri} refuses the push of '{ws_id}': {listed}. Each id may belong "
                            "to one workspace only. Fix: rename the entry in one of the two workspaces (an "
                            "organisation both use belongs to one of them, the other marks its copy 'defined_in'); "
                            "to move an entry here, push the other workspace without it first")


def _ids(ids: list[str], shown: int = 5) -> str:
    if len(ids) == 1:
        return f"the id '{ids[0]}' is defined"
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return f"{len(ids)} ids are defined ({', '.join(repr(i) for i in ids[:shown])}{more})"


def _refuse_unowned(tx, ws_id: str, others: dict[str, str], uri: str) -> None:
    """Raise unless every organisation marked ``defined_in`` another workspace is that workspace's node."""
    for r in tx.run(OWNERS, ids=sorted(others)):
        wanted = others[r["id"]]
        if r["owner"] is None:
            raise OrgmodelError(f"the workspace '{ws_id}' refers to the organisation '{r['id']}' as defined in the "
                                f"workspace '{wanted}', but the database at {uri} holds no such organisation. Fix: "
                                f"push the workspace '{wanted}' first, or remove 'defined_in' from '{r['id']}' to "
                                f"keep it in '{ws_id}'")
        if r["owner"] == ws_id:  # the organisation moves to another workspace: this one still holds it there
            raise OrgmodelError(f"the workspace '{ws_id}' says the organisation '{r['id']}' is defined in the "
                                f"workspace '{wanted}', but in the database at {uri} it still belongs to '{ws_id}'. "
                                f"Fix: to move it to '{wanted}', push '{ws_id}' once without '{r['id']}' and the "
                                f"references to it, then push '{wanted}' with it, then '{ws_id}' with its copy")
        if r["owner"] != wanted:
            raise OrgmodelError(f"the workspace '{ws_id}' says the organisation '{r['id']}' is defined in the "
                                f"workspace '{wanted}', but in the database at {uri} the workspace '{r['owner']}' "
                                f"defines it. Fix: write 'defined_in: {r['owner']}' on '{r['id']}'")


def _refuse_removing_used(tx, ws_id: str, removed: dict[str, list[str]], uri: str) -> None:
    """Raise when the push would remove a node that another workspace's nodes refer to, or an organisation another
    workspace keeps a copy of."""
    used = [(r["id"], r["users"]) for label, ids in sorted(removed.items())
            for r in tx.run(USED.format(label=label), ids=ids, ws=ws_id)]
    referred = {i for i, _ in used}
    used += [(r["id"], r["users"]) for r in tx.run(COPIED_BY, ids=removed.get("Organisation", []), ws=ws_id)
             if r["id"] not in referred]  # a copy nothing refers to is found by the workspace's list alone
    if used:
        listed = "; ".join(f"'{i}' is used by {', '.join(repr(u) for u in sorted(users))}" for i, users in used[:5])
        raise OrgmodelError(f"the push of '{ws_id}' to {uri} would remove what other workspaces refer to or keep "
                            f"a copy of (with 'defined_in: {ws_id}'): {listed}. Fix: keep the entry, or remove the "
                            "references and copies in those workspaces and push them first")


def workspaces(conn: Connection) -> list[str]:
    """The ids of the workspaces the database holds, sorted."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            return session.execute_read(lambda tx: [r["id"] for r in tx.run(READ_WORKSPACES)])


def pull(conn: Connection, target: Path, workspace: str | None = None) -> list[Path]:
    """Write one workspace held in the database to a new folder ``target`` (one file per section).

    ``workspace`` names it; it may be left out when the database holds only one.
    """
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not empty; choose a new folder")
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            held = session.execute_read(lambda tx: [r.data() for r in tx.run(READ_WORKSPACES)])
            ws_id = _chosen(held, workspace, conn.uri)
            records = session.execute_read(lambda tx: [(r["id"], r["label"], r["entity"])
                                                       for r in tx.run(READ_ENTITIES, ws=ws_id)])
            used = session.execute_read(lambda tx: [r.data() for query in (READ_EXTERNAL, READ_COPIES)
                                                    for r in tx.run(query, ws=ws_id)])
    manifest = next(w["manifest"] for w in held if w["id"] == ws_id)
    copies = {r["id"]: ("Organisation", _copy(r)) for r in used}
    entries = sorted([*((i, label, entity) for i, label, entity in records), *((i, *c) for i, c in copies.items())])
    files = workspace_files(manifest, ((label, entity) for _, label, entity in entries))
    origin = f"`orgmodel neo4j pull` on {clock.today().isoformat()}"
    return write_workspace(target, files, origin)


def _copy(row: dict) -> str:
    """The entry a workspace keeps of another workspace's organisation: id, name, category and its owner."""
    entity = json.loads(row["entity"])
    kept = {k: entity[k] for k in ("id", "name", "category") if k in entity}
    return json.dumps({**kept, "defined_in": row["owner"]}, ensure_ascii=False)


def _chosen(held: list[dict], workspace: str | None, uri: str) -> str:
    ids = [w["id"] for w in held]
    if not ids:
        raise OrgmodelError(f"the database at {uri} holds no orgmodel workspace; push one first")
    if workspace is None:
        if len(ids) > 1:
            raise UsageError(f"the database at {uri} holds {len(ids)} workspaces ({', '.join(ids)}); name the "
                             "one to pull with --workspace ID")
        return ids[0]
    if workspace not in ids:
        raise UsageError(f"the database at {uri} holds no workspace '{workspace}'.{suggest(workspace, ids)} "
                         f"It holds: {', '.join(ids)}")
    return workspace


def query(conn: Connection, cypher: str, params: dict | None = None, write: bool = False) -> tuple[list, list]:
    """Run Cypher; read-only unless ``write``. Returns (column names, rows) of plain values (:func:`plain_value`),
    so every output format can write them."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            def work(tx):
                result = tx.run(cypher, params or {})
                return list(result.keys()), [[plain_value(v) for v in r.values()] for r in result]

            return session.execute_write(work) if write else session.execute_read(work)


def plain_value(value):
    """A value the driver returns as JSON's values: a node as its labels and properties, a relationship as its
    type, the ``id`` of its ends (else their element ids) and properties, a path as its nodes and relationships,
    dates and times in ISO 8601, and the same inside lists and maps.

    >>> plain_value({"a": [1, dt.date(2026, 3, 1)]})
    {'a': [1, '2026-03-01']}
    """
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": plain_value(dict(value))}
    if isinstance(value, Relationship):
        ends = [node.get("id", node.element_id) if node is not None else None
                for node in (value.start_node, value.end_node)]
        return {"type": value.type, "start": ends[0], "end": ends[1], "properties": plain_value(dict(value))}
    if isinstance(value, Path):
        return {"nodes": [plain_value(n) for n in value.nodes],
                "relationships": [plain_value(r) for r in value.relationships]}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration (a Duration is a tuple too)
        return value.iso_format()
    if type(value).__module__.startswith("neo4j.spatial"):  # before the tuples: a Point is one
        return str(value)
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_value(item) for item in value]
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    return value
