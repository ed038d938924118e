# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/midt-og-vestjylland
MERMAID_VERSION := 12.3.0
MERMAID_JS := .cache/mermaid-$(MERMAID_VERSION)/mermaid.min.js
AXE_VERSION := 4.14.1
AXE_JS := .cache/axe-core-$(AXE_VERSION)/axe.min.js

# The graph library of the report's explorer page, shipped inside the package (gitignored, never committed):
# the tarball's sha512 must equal the pinned integrity, as npm's registry records it for this version.
CYTOSCAPE_VERSION := 3.34.4
CYTOSCAPE_INTEGRITY := sha512-msY99tMY8iWTg+sIPGfSqDcPNOt4xcj+v/K/7qUFaCUxxlqnMkUYLBjRUzn9W5CU/R2hrmtJa5+UtovrEM2ctg==
CYTOSCAPE_DIR := orgmodel/report/vendor
CYTOSCAPE_JS := $(CYTOSCAPE_DIR)/cytoscape.min.js
DEMO_OUT := out/demo

.PHONY: demo test lint fuzz graphviz chromium mermaid axe cytoscape schema golden bench diagrams geo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP) cytoscape
	@mkdir -p $(DEMO_OUT)
	@$(BIN)/orgmodel check $(EXAMPLE) -o $(DEMO_OUT)/check.txt; \
	  status=$$?; if [ $$status -gt 1 ]; then exit $$status; fi
	@$(BIN)/orgmodel check $(EXAMPLE) --format json -o $(DEMO_OUT)/check.json || [ $$? -eq 1 ]
	@$(BIN)/orgmodel check $(EXAMPLE) --format sarif -o $(DEMO_OUT)/check.sarif || [ $$? -eq 1 ]
	@$(MAKE) --no-print-directory graphviz
	@$(BIN)/orgmodel diagram $(EXAMPLE) -o $(DEMO_OUT)/structure.svg
	@$(BIN)/orgmodel diagram $(EXAMPLE) --kommune silkeborg -o $(DEMO_OUT)/silkeborg.svg
	@$(BIN)/orgmodel diagram $(EXAMPLE) --view goals -o $(DEMO_OUT)/goals.svg
	@$(BIN)/orgmodel diagram $(EXAMPLE) --view map -o $(DEMO_OUT)/map-forums.png
	@$(BIN)/orgmodel gaps partners $(EXAMPLE) --by kommune --format csv > $(DEMO_OUT)/gaps-partners.csv
	@$(BIN)/orgmodel gaps ages $(EXAMPLE) --chart $(DEMO_OUT)/coverage-ages.svg > $(DEMO_OUT)/gaps-ages.txt
	@$(BIN)/orgmodel gaps groups $(EXAMPLE) --matrix --chart $(DEMO_OUT)/coverage-groups.svg > $(DEMO_OUT)/gaps-groups.txt
	@$(BIN)/orgmodel status $(EXAMPLE) > $(DEMO_OUT)/status.txt 2>&1
	@$(BIN)/orgmodel report $(EXAMPLE) -o $(DEMO_OUT)/report > /dev/null
	@echo
	@echo "orgmodel check $(EXAMPLE):"
	@tail -n 1 $(DEMO_OUT)/check.txt | sed 's/^/  /'
	@echo "Outputs of the demo are in $(CURDIR)/$(DEMO_OUT):"
	@ls -1 $(DEMO_OUT) | sed 's/^/  /'
	@echo "The HTML report (open it in a browser): $(CURDIR)/$(DEMO_OUT)/report/index.html"

# Graphviz's `dot` is a system program: install it from Debian when it is missing.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Installing Graphviz (dot) with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq graphviz >/dev/null; }
	@command -v dot >/dev/null 2>&1 || { echo "Graphviz (dot) is missing and could not be installed"; exit 1; }

# The browser tests of `orgmodel report` drive Debian's Chromium through its chromedriver.
chromium:
	@{ [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || { \
	  echo "Installing Chromium and chromium-driver with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@{ [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || { \
	  echo "Chromium (/usr/bin/chromium) or its driver (/usr/bin/chromedriver) is missing and could not be installed"; \
	  exit 1; }

# $(call npm_file,PACKAGE,VERSION,FILE,WHO NEEDS IT): one FILE of an npm package into the target, fetched with
# `npm pack` (npm checks the package's integrity against the registry).
define npm_file
@command -v npm >/dev/null 2>&1 || { echo "npm is missing: $(4) need $(1)@$(2) from the npm registry"; exit 1; }
@echo "Fetching $(1)@$(2) from the npm registry"
@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
  (cd "$$tmp" && npm pack --silent $(1)@$(2) >/dev/null && tar xzf $(1)-$(2).tgz package/$(3)) && \
  mkdir -p $(@D) && mv "$$tmp/package/$(3)" $@
endef

# The Mermaid library itself, from the npm registry (npm checks the package's integrity), so the
# tests can parse and draw orgmodel's Mermaid output with the real thing in Chromium.
mermaid: $(MERMAID_JS)

$(MERMAID_JS):
	$(call npm_file,mermaid,$(MERMAID_VERSION),dist/mermaid.min.js,the Mermaid tests)

# axe-core, the accessibility engine the report's WCAG 2.1 AA audit runs in Chromium, from the npm
# registry (npm checks the package's integrity).
axe: $(AXE_JS)

$(AXE_JS):
	$(call npm_file,axe-core,$(AXE_VERSION),axe.min.js,the accessibility tests)

# cytoscape.js for the report's explorer page, from the npm registry, checked against the pinned integrity,
# into the package (package data: a `pip install .` of the checkout carries it).
cytoscape: $(CYTOSCAPE_JS)

$(CYTOSCAPE_JS):
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: the report's explorer page needs cytoscape@$(CYTOSCAPE_VERSION) from the npm registry"; exit 1; }
	@echo "Fetching cytoscape@$(CYTOSCAPE_VERSION) from the npm registry"
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent cytoscape@$(CYTOSCAPE_VERSION) >/dev/null) && \
	  got="sha512-$$(openssl dgst -sha512 -binary "$$tmp/cytoscape-$(CYTOSCAPE_VERSION).tgz" | base64 -w0)" && \
	  { [ "$$got" = "$(CYTOSCAPE_INTEGRITY)" ] || { echo "cytoscape-$(CYTOSCAPE_VERSION).tgz has the integrity $$got, not the pinned $(CYTOSCAPE_INTEGRITY): not used"; exit 1; }; } && \
	  tar xzf "$$tmp/cytoscape-$(CYTOSCAPE_VERSION).tgz" -C "$$tmp" package/dist/cytoscape.min.js package/LICENSE && \
	  mkdir -p $(CYTOSCAPE_DIR) && cp "$$tmp/package/LICENSE" $(CYTOSCAPE_DIR)/cytoscape-LICENSE.txt && \
	  printf '%s\n' "$(CYTOSCAPE_VERSION)" > $(CYTOSCAPE_DIR)/cytoscape-VERSION.txt && \
	  mv "$$tmp/package/dist/cytoscape.min.js" $@

# Lint and types first (ruff and mypy, configured in pyproject.toml), then the whole suite. Java 17 and
# Maven build the Neo4j test server from Maven Central (cached in ~/.m2).
test: lint graphviz chromium mermaid axe cytoscape
	bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The property-based tests with thirty times the examples of `make test` (about half an hour).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

# Regenerate golden files and schema/ after an intended change in output.
golden: $(STAMP)
	$(BIN)/python -m pytest -q --update-golden

# Every benchmark at every scale (about 15-25 minutes; the 500k workspace is generated once into
# bench/.cache), with a Neo4j test server started and stopped here; writes bench/RESULTS.md.
# `.venv/bin/python bench/run.py --only explorer` measures the report's explorer page alone (no Neo4j needed).
bench: $(STAMP) graphviz chromium cytoscape
	@state=$$(mktemp -d); trap 'bash neo4j-server/neo4j-test-server.sh stop "$$state"; rm -rf "$$state"' EXIT; \
	  NEO4J_TEST_JAVA_OPTS="-Xms512m -Xmx4g" bash neo4j-server/neo4j-test-server.sh start "$$state" >/dev/null && \
	  eval "$$(bash neo4j-server/neo4j-test-server.sh env "$$state")" && \
	  export NEO4J_URI NEO4J_USER NEO4J_PASSWORD && \
	  $(BIN)/python bench/run.py $(BENCH_ARGS)

# The rendered diagrams of the bundled example (a test checks they are current).
diagrams: $(STAMP) graphviz
	$(BIN)/orgmodel diagram $(EXAMPLE) --format dot -o diagrams/structure.dot
	$(BIN)/orgmodel diagram $(EXAMPLE) -o diagrams/structure.svg
	$(BIN)/orgmodel diagram $(EXAMPLE) --kommune silkeborg --format dot -o diagrams/silkeborg.dot
	$(BIN)/orgmodel diagram $(EXAMPLE) --kommune silkeborg -o diagrams/silkeborg.svg
	$(BIN)/orgmodel diagram $(EXAMPLE) --view body:ssp-silkeborg --format dot -o diagrams/ssp-silkeborg.dot
	$(BIN)/orgmodel diagram $(EXAMPLE) --view body:ssp-silkeborg -o diagrams/ssp-silkeborg.svg
	$(BIN)/orgmodel diagram $(EXAMPLE) --view goals --format dot -o diagrams/goals.dot
	$(BIN)/orgmodel diagram $(EXAMPLE) --view goals -o diagrams/goals.svg
	$(BIN)/orgmodel gaps ages $(EXAMPLE) --chart diagrams/coverage-ages.svg > /dev/null
	$(BIN)/orgmodel gaps groups $(EXAMPLE) --chart diagrams/coverage-groups.svg > /dev/null

# The kommune boundaries of the map: DAGI's (see its README beside the file), simplified with topojson and
# shapely (the `geo` extra, needed only here) into package data. GEO_SOURCE is relative to the repository.
GEO_SOURCE ?= ../shared/reference/geo/kommuner-dagi-2014.geojson
geo: $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[geo]'
	$(BIN)/python scripts/simplify_geo.py $(GEO_SOURCE) orgmodel/data/kommuner.geojson

schema: $(STAMP)
	$(BIN)/orgmodel schema > schema/workspace.schema.json
	$(BIN)/orgmodel schema --manifest > schema/orgmodel.schema.json


clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
