#!/usr/bin/env python3
"""Converts Natural Earth TopoJSON (shared/data/natural-earth/countries-50m.json,
from the npm package world-atlas 2.0.2, ISC) into the compact map the programs
carry: land outlines as rings and the borders between countries as lines.

TopoJSON stores each arc once, quantized and delta-encoded; this decodes the
arcs (transform: scale/translate, then running sums; ~i means arc i reversed),
joins each ring's arcs, and keeps as borders the arcs that two different
countries share (the "mesh" of interior borders).

Output, little-endian:
    "WMAP"  uint16 version (1)  uint16 reserved (0)
    uint32 ring count,   per ring:  uint32 n, n x (float32 longitude, float32 latitude)
    uint32 border count, per line:  uint32 n, n x (float32 longitude, float32 latitude)

Run once when the source changes:
    python3 resources/map/convert-topojson.py \\
        ../shared/data/natural-earth/countries-50m.json resources/map/world-50m.wmap
"""
import json
import struct
import sys
from collections import defaultdict


def decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs, index):
    return arcs[index] if index >= 0 else list(reversed(arcs[~index]))


def ring(arcs, indexes):
    points = []
    for i in indexes:
        pts = arc_points(arcs, i)
        # Consecutive arcs share their end point: keep it once.
        points.extend(pts if not points else pts[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in polygons(g)]
    return []


def arc_ids(geometry):
    for polygon in polygons(geometry):
        for r in polygon:
            for i in r:
                yield i if i >= 0 else ~i


def write_lines(out, lines):
    out.write(struct.pack("<I", len(lines)))
    for line in lines:
        out.write(struct.pack("<I", len(line)))
        out.write(b"".join(struct.pack("<ff", lon, lat) for lon, lat in line))


def main(source, target):
    with open(source, encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)

    land = [ring(arcs, r) for polygon in polygons(topology["objects"]["land"]) for r in polygon]
    land = [r for r in land if len(r) >= 4]

    users = defaultdict(set)
    for n, country in enumerate(topology["objects"]["countries"]["geometries"]):
        for i in arc_ids(country):
            users[i].add(n)
    borders = [arcs[i] for i in sorted(users) if len(users[i]) >= 2 and len(arcs[i]) >= 2]

    with open(target, "wb") as out:
        out.write(b"WMAP" + struct.pack("<HH", 1, 0))
        write_lines(out, land)
        write_lines(out, borders)
    print(f"{len(land)} land rings ({sum(map(len, land))} points), "
          f"{len(borders)} border lines ({sum(map(len, borders))} points) -> {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
