#!/usr/bin/env python3
"""Check the itinerary themes in data/themes/ (standard library only).

For every data/themes/<id>.csv it checks:
  - the sidecar <id>.theme.json exists and has records=theme, id=<id>, name/description with zh and en,
    citations=required;
  - the header is exactly place,name_en,adcode,note,source_title,source_url;
  - every row has place, name_en, adcode, source_title and source_url; the URL is http(s);
  - place has no 市 suffix and is not duplicated within the theme;
  - adcode is 6 digits, exists in data/admin/*.geojson, and place is that unit's name or short name.
Then it prints, per theme, the places that have no matching area_name in data/rail/gtfs/areas.txt (the
planner reports those as unreachable). That list is information, not an error.

Exit 0 when every check passes, 1 otherwise.

    python3 scripts/check_themes.py [--data DIR]     # DIR defaults to <repo>/data
"""
import argparse
import csv
import json
import re
import sys
from pathlib import Path

HEADER = ["place", "name_en", "adcode", "note", "source_title", "source_url"]
REQUIRED = ["place", "name_en", "adcode", "source_title", "source_url"]
ADMIN_FILES = ["provinces.geojson", "prefectures.geojson", "counties.geojson"]


def load_admin(admin_dir):
    """adcode -> set of accepted names (full name and short names)."""
    units = {}
    for fname in ADMIN_FILES:
        with open(admin_dir / fname, encoding="utf-8") as f:
            fc = json.load(f)
        for feat in fc["features"]:
            p = feat["properties"]
            names = {p["name"]}
            names.update(p.get("aliases") or [])
            units[str(p["adcode"])] = names
    return units


def load_areas(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {row["area_name"] for row in csv.DictReader(f)}


def check_meta(meta_path, tid, errors):
    if not meta_path.exists():
        errors.append(f"{meta_path.name}: missing")
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        errors.append(f"{meta_path.name}: not JSON ({e})")
        return None
    if meta.get("records") != "theme":
        errors.append(f"{meta_path.name}: records must be \"theme\"")
    if meta.get("id") != tid:
        errors.append(f"{meta_path.name}: id {meta.get('id')!r} != file id {tid!r}")
    for key in ("name", "description"):
        val = meta.get(key)
        if not isinstance(val, dict) or not all(isinstance(val.get(l), str) and val[l].strip() for l in ("zh", "en")):
            errors.append(f"{meta_path.name}: {key} must have non-empty zh and en")
    if meta.get("citations") != "required":
        errors.append(f"{meta_path.name}: citations must be \"required\"")
    return meta


def check_theme(csv_path, units, areas, errors):
    tid = csv_path.name[: -len(".csv")]
    check_meta(csv_path.with_suffix(".theme.json"), tid, errors)
    raw = csv_path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(f"{csv_path.name}: has a UTF-8 BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{csv_path.name}: not UTF-8 ({e})")
        return tid, 0, []
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != HEADER:
        errors.append(f"{csv_path.name}: header {header} != {HEADER}")
        return tid, 0, []
    seen = {}
    missing_rail = []
    n = 0
    for lineno, rec in enumerate(reader, start=2):
        where = f"{csv_path.name}:{lineno}"
        if len(rec) != len(HEADER):
            errors.append(f"{where}: {len(rec)} fields, expected {len(HEADER)}")
            continue
        n += 1
        row = dict(zip(HEADER, rec))
        for col in REQUIRED:
            if not row[col].strip():
                errors.append(f"{where}: empty {col}")
        for col, val in row.items():
            if val != val.strip():
                errors.append(f"{where}: {col} has leading/trailing space")
        place, adcode, url = row["place"], row["adcode"], row["source_url"]
        if not re.match(r"^https?://\S+$", url):
            errors.append(f"{where}: source_url {url!r} is not an http(s) URL")
        if place.endswith("市"):
            errors.append(f"{where}: place {place!r} has a 市 suffix")
        if place in seen:
            errors.append(f"{where}: duplicate place {place!r} (first on line {seen[place]})")
        else:
            seen[place] = lineno
        if not re.fullmatch(r"\d{6}", adcode):
            errors.append(f"{where}: adcode {adcode!r} is not 6 digits")
        elif adcode not in units:
            errors.append(f"{where}: adcode {adcode} not in data/admin")
        elif place not in units[adcode]:
            errors.append(f"{where}: place {place!r} is not a name of adcode {adcode} ({'/'.join(sorted(units[adcode]))})")
        if place and place not in areas:
            missing_rail.append(place)
    if n == 0:
        errors.append(f"{csv_path.name}: no rows")
    return tid, n, missing_rail


def main():
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=repo / "data")
    args = ap.parse_args()
    themes_dir = args.data / "themes"
    errors = []
    units = load_admin(args.data / "admin")
    areas = load_areas(args.data / "rail" / "gtfs" / "areas.txt")
    csvs = sorted(themes_dir.glob("*.csv"))
    if not csvs:
        errors.append(f"no themes in {themes_dir}")
    for meta in sorted(themes_dir.glob("*.theme.json")):
        if not meta.with_name(meta.name[: -len(".theme.json")] + ".csv").exists():
            errors.append(f"{meta.name}: no matching CSV")
    for path in csvs:
        tid, n, missing = check_theme(path, units, areas, errors)
        print(f"{tid}: {n} rows, {n - len(missing)} in the rail feed, {len(missing)} not in the rail feed")
        if missing:
            print("  not in rail/gtfs/areas.txt: " + " ".join(missing))
    for e in errors:
        print("ERROR: " + e, file=sys.stderr)
    print("OK" if not errors else f"FAILED: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
