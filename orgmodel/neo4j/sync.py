"""Talking to a Neo4j server: connect, push a workspace in one transaction, pull it back, run queries.

The driver is imported here only, lazily, so ``orgmodel --help`` stays fast.
"""

import contextlib
from dataclasses import dataclass
from pathlib import Path

from orgmodel import clock
from orgmodel.errors import OrgmodelError, UsageError
from orgmodel.export import LABELS
from orgmodel.workspace import workspace_files, write_workspace

from .planner import (
    META_LABEL,
    READ_ENTITIES,
    READ_MANIFEST,
    READ_NODES,
    READ_RELS,
    READ_STATE,
    Plan,
    constraints,
    desired_state,
    plan,
    rel_properties,
    state_fingerprint,
    unchanged,
)

ALL_LABELS = sorted(set(LABELS.values()) | {META_LABEL})


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

    try:
        driver = neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password) if conn.password else None)
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
    except (ex.ServiceUnavailable, ex.SessionExpired) as exc:
        raise OrgmodelError(f"lost the connection to Neo4j at {conn.uri} ({_first_line(exc)}); nothing was "
                            "changed, run the command again when the server is back") from None
    finally:
        driver.close()


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


def read_state(session) -> tuple[dict, set]:
    """What the database holds of ours: label → {id: hash}, and the relationships between our nodes."""
    nodes: dict = {}
    label_of: dict = {}
    for record in session.run(READ_NODES, labels=ALL_LABELS):
        nodes.setdefault(record["label"], {})[record["id"]] = record["hash"]
        label_of[record["id"]] = record["label"]
    rels = {(r["type"], label_of[r["a"]], r["a"], label_of[r["b"]], r["b"], rel_properties(r["props"]))
            for r in session.run(READ_RELS) if r["a"] in label_of and r["b"] in label_of}
    return nodes, rels


def push(conn: Connection, ws, G, public: bool = False, progress=None, full: bool = False) -> Plan:
    """Make the database hold exactly the workspace: constraints first, then one transaction.

    A failure inside the transaction rolls everything back, so the database keeps its previous
    state. When the database holds this very workspace (its fingerprint on the workspace node
    matches), nothing is read or written; ``full`` compares everything anyway, repairing changes
    made to the database by hand. ``progress(done, total)`` is called after each batch.
    """
    fingerprint = state_fingerprint(G, ws, public)
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            for constraint in constraints():
                session.run(constraint).consume()
            state = session.execute_read(lambda tx: [r["state"] for r in tx.run(READ_STATE)])
            if state and state[0] == fingerprint and not full:
                return unchanged(G)
            desired = desired_state(G, ws, public, fingerprint)
            existing_nodes, existing_rels = session.execute_read(lambda tx: read_state(tx))
            the_plan = plan(G, ws, existing_nodes, existing_rels, public, desired)
            total = sum(len(s.batches) for s in the_plan.steps)
            with session.begin_transaction() as tx:
                done = 0
                for step in the_plan.steps:
                    for batch in step.batches:
                        tx.run(step.cypher, rows=batch).consume()
                        done += 1
                        if progress:
                            progress(done, total)
                tx.commit()
    return the_plan


def pull(conn: Connection, target: Path) -> list[Path]:
    """Write the workspace held in the database to a new folder ``target`` (one file per section)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} already exists and is not empty; choose a new folder")
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            records = session.execute_read(lambda tx: list(tx.run(READ_ENTITIES, labels=ALL_LABELS)))
            manifest = session.execute_read(lambda tx: [r["manifest"] for r in tx.run(READ_MANIFEST)])
    if not manifest:
        raise OrgmodelError(f"the database at {conn.uri} holds no orgmodel workspace; push one first")
    files = workspace_files(manifest[0], ((r["label"], r["entity"]) for r in records))
    origin = f"`orgmodel neo4j pull` on {clock.today().isoformat()}"
    return write_workspace(target, files, origin)


def query(conn: Connection, cypher: str, params: dict | None = None, write: bool = False) -> tuple[list, list]:
    """Run Cypher; read-only unless ``write``. Returns (column names, rows)."""
    with connect(conn) as driver:
        with driver.session(database=conn.database) as session:
            def work(tx):
                result = tx.run(cypher, params or {})
                return list(result.keys()), [list(r.values()) for r in result]

            return session.execute_write(work) if write else session.execute_read(work)
