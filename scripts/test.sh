#!/usr/bin/env bash
# The test command behind `make test`: start the Neo4j test server (unless NEO4J_URI names one),
# run the whole suite, stop the server by its pid. With CI set, a server that fails to start fails.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=neo4j-server/neo4j-test-server.sh

if [ -z "${NEO4J_URI:-}" ]; then
    STATE="$(mktemp -d)"
    trap 'bash "$SERVER" stop "$STATE" || true; rm -rf "$STATE"' EXIT
    if bash "$SERVER" start "$STATE" >/dev/null; then
        eval "$(bash "$SERVER" env "$STATE")"
        export NEO4J_URI NEO4J_USER NEO4J_PASSWORD
    elif [ -n "${CI:-}" ]; then
        echo "The Neo4j test server did not start; with CI set this fails the run." >&2
        exit 1
    else
        echo "Warning: the Neo4j test server did not start; the Neo4j tests will be skipped." >&2
    fi
fi
.venv/bin/python -m pytest -q "$@"
