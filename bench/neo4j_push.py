"""Benchmark `orgmodel neo4j push` against a hand-written optimal loader on the same server.

    NEO4J_URI=... NEO4J_PASSWORD=... python bench/neo4j_push.py [--entities 100000] [--districts]

``--districts`` measures the 12 politikredse as 12 workspaces pushed into one database instead.

The yardstick: uniqueness constraints first, then ``UNWIND $rows AS row MERGE (n:L {id: row.id})
SET n += row.props`` in batches of 10,000 rows, one write transaction per batch, then the
relationships the same way: the same rows the push writes. Prints a Markdown table.
"""

import argparse
import math
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402  (after the sys.path setup)

from orgmodel.graph import build_graph  # noqa: E402  (after the sys.path setup)
from orgmodel.neo4j.planner import BATCH, desired_state  # noqa: E402  (after the sys.path setup)
from orgmodel.neo4j.sync import Connection, connect, push, query  # noqa: E402  (after the sys.path setup)


def optimal_load(conn, nodes, rels) -> None:
    with connect(conn) as driver, driver.session(database=conn.database) as session:
        for label in nodes:
            session.run(f"CREATE CONSTRAINT bench_{label.lower()} IF NOT EXISTS FOR (n:{label}) "
                        "REQUIRE n.id IS UNIQUE").consume()
        for label, by_id in nodes.items():
            rows = [{"id": i, "props": p} for i, p in by_id.items()]
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                session.execute_write(lambda tx, b=batch, lb=label: tx.run(
                    f"UNWIND $rows AS row MERGE (n:{lb} {{id: row.id}}) SET n += row.props", rows=b).consume())
        groups: dict = {}
        for type_, la, a, lb, b, props in rels:  # props: the dates of a dated seat, as (key, value) pairs
            groups.setdefault((type_, la, lb), []).append({"a": a, "b": b, "props": dict(props)})
        for (type_, la, lb), rows in groups.items():
            for start in range(0, len(rows), BATCH):
                batch = rows[start:start + BATCH]
                session.execute_write(lambda tx, b=batch, t=type_, x=la, y=lb: tx.run(
                    f"UNWIND $rows AS row MATCH (a:{x} {{id: row.a}}) MATCH (b:{y} {{id: row.b}}) "
                    f"MERGE (a)-[r:{t}]->(b) SET r += row.props", rows=b).consume())


def wipe(conn) -> None:
    while query(conn, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", write=True)[1][0][0]:
        pass
    for name in [r[0] for r in query(conn, "SHOW CONSTRAINTS YIELD name RETURN name")[1]]:
        query(conn, f"DROP CONSTRAINT `{name}`", write=True)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(entities: int, root: Path | None = None) -> list[str]:
    from orgmodel.workspace import load_workspace

    conn = Connection(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                      os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))
    root = root or HERE / ".cache" / f"nation-{entities}"
    if not root.exists():
        generate(root, entities)
    ws = load_workspace(root)
    G = build_graph(ws)
    nodes, rels = desired_state(G, ws)
    rows = sum(len(v) for v in nodes.values()) + len(rels)
    wipe(conn)
    optimal = timed(lambda: optimal_load(conn, nodes, rels))
    wipe(conn)
    first = timed(lambda: push(conn, ws, G))
    again = timed(lambda: push(conn, ws, G))
    return [
        f"Neo4j push of the synthetic workspace ({len(ws.records):,} entities; {rows:,} node and "
        "relationship rows) against a hand-written optimal loader on the same server, same run:",
        "",
        "| measurement | seconds | rows/s | ratio | target | result |",
        "|---|---:|---:|---:|---:|---|",
        f"| optimal loader (10k-row UNWIND MERGE batches) | {optimal:.1f} | {rows / optimal:,.0f} | 1.00 | | |",
        f"| `orgmodel neo4j push`, first push | {first:.1f} | {rows / first:,.0f} | {optimal / first:.2f} "
        f"| ≥ 0.7 | {'pass' if optimal / first >= 0.7 else 'FAIL'} |",
        f"| `orgmodel neo4j push`, unchanged re-push | {again:.1f} | | {again / first:.2f} of first "
        f"| ≤ 0.2 | {'pass' if again / first <= 0.2 else 'FAIL'} |",
    ]


def _connection() -> Connection:
    return Connection(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                      os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE"))


def districts(entities: int, cache: Path | None = None) -> list[Path]:
    """The 12 politikredse as 12 generated workspaces, sized by their kommuner to about ``entities`` in all."""
    from orgmodel.model import AREAS, kommuner_of

    cache = cache or HERE / ".cache"
    roots = []
    for kreds in sorted(a.id for a in AREAS.values() if a.kind == "politikreds"):
        root = cache / f"district-{entities}" / kreds
        if not root.exists():
            generate(root, round(entities * len(kommuner_of(kreds)) / 98), kredse=[kreds])
        roots.append(root)
    return roots


def districts_main(entities: int, cache: Path | None = None) -> list[str]:
    """The push of 12 district workspaces into one database, and an unchanged re-push of one of them."""
    from orgmodel.workspace import load_workspace

    conn = _connection()
    loaded = []
    for root in districts(entities, cache):
        ws = load_workspace(root)
        loaded.append((ws, build_graph(ws)))
    states = [desired_state(G, ws) for ws, G in loaded]
    rows = sum(sum(len(v) for v in nodes.values()) + len(rels) for nodes, rels in states)
    count = sum(len(ws.records) for ws, _ in loaded)
    optimal, first, firsts = math.inf, math.inf, []
    for _ in range(2):  # best of two of each, in turn: the server's own times vary by a third between runs
        wipe(conn)
        optimal = min(optimal, timed(lambda: [optimal_load(conn, nodes, rels) for nodes, rels in states]))
        wipe(conn)
        times = [timed(lambda ws=ws, G=G: push(conn, ws, G)) for ws, G in loaded]
        if sum(times) < first:
            first, firsts = sum(times), times
    biggest = max(range(len(loaded)), key=lambda i: len(loaded[i][0].records))
    ws, G = loaded[biggest]
    again = timed(lambda: push(conn, ws, G))
    name = ws.manifest.scope.politikredse[0] if ws.manifest.scope else "?"
    return [
        f"Neo4j push of the 12 politikredse as 12 workspaces into one database ({count:,} entities in all; "
        f"{rows:,} node and relationship rows), one after another, against the optimal loader of the same "
        "rows, same run (best of two of each, in turn); then an unchanged re-push of the largest district:",
        "",
        "| measurement | seconds | rows/s | ratio | target | result |",
        "|---|---:|---:|---:|---:|---|",
        f"| optimal loader, 12 workspaces (10k-row UNWIND MERGE batches) | {optimal:.1f} | {rows / optimal:,.0f} "
        "| 1.00 | | |",
        f"| `orgmodel neo4j push` of the 12 workspaces, first push | {first:.1f} | {rows / first:,.0f} "
        f"| {optimal / first:.2f} | ≥ 0.7 | {'pass' if optimal / first >= 0.7 else 'FAIL'} |",
        f"| `orgmodel neo4j push`, unchanged re-push of {name} ({len(ws.records):,} entities) | {again:.1f} | "
        f"| {again / firsts[biggest]:.2f} of its first | ≤ 0.2 | "
        f"{'pass' if again / firsts[biggest] <= 0.2 else 'FAIL'} |",
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--districts", action="store_true", help="The 12 district workspaces in one database.")
    args = parser.parse_args()
    print("\n".join(districts_main(args.entities) if args.districts else main(args.entities)))
