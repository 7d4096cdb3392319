#!/usr/bin/env python3
"""Converts the world city table (shared/data/cities/cityMap.json, from the npm
package city-timezones 1.3.4, MIT) into the compact tab-separated form the
programs carry: one city a line, sorted by population (largest first):

    name <TAB> country <TAB> iso2 <TAB> latitude <TAB> longitude <TAB> population <TAB> time zone

Run once when the source changes:
    python3 resources/cities/convert-cities.py ../shared/data/cities/cityMap.json \
        resources/cities/cities.tsv
"""
import json
import sys


def main(source, target):
    with open(source, encoding="utf-8") as f:
        cities = json.load(f)
    rows = []
    for c in cities:
        name = (c.get("city") or "").strip()
        if not name or c.get("lat") is None or c.get("lng") is None:
            continue
        fields = [name, str(c.get("country") or ""), str(c.get("iso2") or ""),
                  f"{float(c['lat']):.4f}", f"{float(c['lng']):.4f}",
                  # Natural Earth writes -99 for an unknown population: 0 here.
                  str(max(0, int(round(float(c.get("pop") or 0))))),
                  str(c.get("timezone") or "")]
        if any("\t" in x or "\n" in x for x in fields):
            raise SystemExit(f"field with a tab or newline in {name!r}")
        rows.append((-int(fields[5]), name, fields))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        f.write("# name\tcountry\tiso2\tlatitude\tlongitude\tpopulation\ttimezone\n")
        for _, _, fields in rows:
            f.write("\t".join(fields) + "\n")
    print(f"{len(rows)} cities written to {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
