"""Simplify DAGI's kommune boundaries into orgmodel's package data (run by `make geo`; development only).

Reads the boundaries of Denmark's 98 kommuner (DAGI, Geodatastyrelsen and Danske Kommuner, 2014; see
``../shared/reference/geo/README.md``), simplifies them with TopoJSON so neighbours keep sharing their
borders (topology-preserving), joins each kommune's islands into one shape, derives the 12 politikreds
outlines from orgmodel's area data (``orgmodel/data/areas.csv``) and writes ``orgmodel/data/kommuner.geojson``
with an interior point per kommune. The runtime draws that file with matplotlib and needs neither shapely
nor topojson.

Example::

    .venv/bin/python scripts/simplify_geo.py ../shared/reference/geo/kommuner-dagi-2014.geojson \
        orgmodel/data/kommuner.geojson
"""

import csv
import json
import sys
from pathlib import Path

import shapely
import topojson
from shapely.geometry import mapping, shape

TOLERANCE = 0.004
"""Douglas-Peucker tolerance in degrees (about 250 m north-south, 250 m east-west at 56° N is 0.0045°)."""
DIGITS = 4
"""Decimals kept of each coordinate (about 11 m north-south, 6 m east-west)."""
ATTRIBUTION = "Kommunegrænser: DAGI, Geodatastyrelsen og Danske Kommuner (2014)"
MIN_AREA = 2e-6
"""Islets smaller than this (in square degrees, about 1.5 ha) are dropped after simplification."""
CHRISTIANSOE = "411"


def _areas(path: Path) -> dict[str, dict]:
    """orgmodel's kommuner by code: ``{"740": {"id": "silkeborg", "kreds": "kreds-midt-og-vestjylland"}}``."""
    with path.open(encoding="utf-8") as f:
        return {row["code"].lstrip("0"): row for row in csv.DictReader(f) if row["kind"] == "kommune"}


def _rounded(geometry):
    rounded = shapely.set_precision(geometry, 10 ** -DIGITS)
    polygons = [p for p in getattr(rounded, "geoms", [rounded]) if p.geom_type == "Polygon" and p.area >= MIN_AREA]
    if not polygons:  # a kommune of islets only keeps its largest
        polygons = sorted(getattr(rounded, "geoms", [rounded]), key=lambda p: -p.area)[:1]
    return shapely.MultiPolygon(polygons)


def _coords(geometry) -> list:
    return json.loads(json.dumps(mapping(geometry)["coordinates"]))


def simplify(source: Path, areas_csv: Path) -> dict:
    """The simplified FeatureCollection: one MultiPolygon per kommune (and Christiansø), one outline per kreds."""
    data = json.loads(source.read_text(encoding="utf-8"))
    for feature in data["features"]:  # the source carries a third coordinate (-999, no height): drop it
        geometry = shapely.force_2d(shape(feature["geometry"]))
        feature["geometry"] = mapping(geometry)
    areas = _areas(areas_csv)
    topo = topojson.Topology(data, prequantize=False, toposimplify=TOLERANCE, prevent_oversimplify=True)
    simplified = json.loads(topo.to_geojson())
    parts: dict[str, list] = {}
    for feature in simplified["features"]:
        code = str(feature["properties"]["lau_1"])
        if feature["geometry"] and feature["geometry"]["coordinates"]:
            parts.setdefault(code, []).append(shape(feature["geometry"]))
    features, by_kreds = [], {}
    for code in sorted(parts, key=int):
        geometry = _rounded(shapely.union_all(parts[code]))
        area = areas.get(code)
        if area is None and code != CHRISTIANSOE:
            raise SystemExit(f"{source}: kommune code {code} is not in {areas_csv}")
        point = geometry.representative_point()
        properties = {"code": code, "id": area["id"] if area else None, "kreds": area["kreds"] if area else None,
                      "name": area["name"] if area else "Christiansø",
                      "point": [round(point.x, DIGITS), round(point.y, DIGITS)]}
        features.append({"type": "Feature", "properties": properties,
                         "geometry": {"type": "MultiPolygon", "coordinates": _coords(geometry)}})
        if area:
            by_kreds.setdefault(area["kreds"], []).append(geometry)
    missing = sorted(set(areas) - set(parts), key=int)
    if missing:
        raise SystemExit(f"{source}: no boundary for the kommuner {', '.join(missing)}")
    for kreds in sorted(by_kreds):
        outline = shapely.set_precision(shapely.union_all(by_kreds[kreds]).boundary, 10 ** -DIGITS)
        features.append({"type": "Feature", "properties": {"kreds": kreds},
                         "geometry": {"type": "MultiLineString", "coordinates": _lines(outline)}})
    return {"type": "FeatureCollection",
            "attribution": ATTRIBUTION,
            "source": "DAGI kommunegrænser (FOT 2014-02-13, 1:500.000), Geodatastyrelsen og Danske Kommuner; "
                      "via github.com/magnuslarsen/geoJSON-Danish-Municipalities",
            "simplification": f"topojson {topojson.__version__} toposimplify={TOLERANCE} (degrees, topology "
                              f"preserving), coordinates rounded to {DIGITS} decimals, islets under "
                              f"{MIN_AREA} square degrees dropped; made by scripts/simplify_geo.py",
            "features": features}


def _lines(outline) -> list:
    lines = shapely.line_merge(outline) if outline.geom_type == "MultiLineString" else outline
    return [list(map(list, line.coords)) for line in getattr(lines, "geoms", [lines])]


def main(argv: list[str]) -> None:
    source, target = Path(argv[1]), Path(argv[2])
    collection = simplify(source, Path(__file__).resolve().parent.parent / "orgmodel/data/areas.csv")
    target.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"Wrote {target} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv)
