#!/usr/bin/env python3
"""Build zhitu's bundled demo data (data/) from the shared source data sets.

Standard library only (Python 3.11).  Deterministic: running it twice gives
byte-identical files (fixed float formatting, fixed column / key order, no
timestamps).

    python3 scripts/build_data.py [--shared DIR] [--out DIR]

--shared  the shared source data (default: <repo>/../shared/data)
--out     the output directory   (default: <repo>/data)

Outputs (each data file has a sidecar <file>.meta.json for the importer):
    heritage/national_heritage_sites.csv     5,150 rows, WGS84 points
    admin/provinces.geojson                  provinces, GCJ-02 -> WGS84, simplified
    admin/prefectures.geojson                prefecture-level units
    admin/counties.geojson                   county-level units (Henan from raw files)
    rail/stations.csv                        stations with coordinates (WGS84)
    samples/luoyang_heritage_gcj02.csv       Luoyang heritage rows, ORIGINAL GCJ-02
The data/README.md is written by hand; this script only prints the numbers
it quotes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --------------------------------------------------------------------------
# GCJ-02 <-> WGS84
# --------------------------------------------------------------------------
GCJ_A = 6378245.0
GCJ_EE = 0.00669342162296594323


def out_of_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _tlat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _tlon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lon: float, lat: float) -> tuple[float, float]:
    """The standard GCJ-02 forward transform (Krasovsky ellipsoid)."""
    if out_of_china(lon, lat):
        return lon, lat
    dlat = _tlat(lon - 105.0, lat - 35.0)
    dlon = _tlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = math.sin(radlat)
    magic = 1 - GCJ_EE * magic * magic
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (GCJ_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


_GCJ_CACHE: dict[tuple[float, float], tuple[float, float]] = {}


def gcj_to_wgs(lon: float, lat: float) -> tuple[float, float]:
    """Inverse of wgs_to_gcj by fixed-point iteration, step < 1e-10 degrees."""
    key = (lon, lat)
    hit = _GCJ_CACHE.get(key)
    if hit is not None:
        return hit
    wlon, wlat = lon, lat
    for _ in range(100):
        glon, glat = wgs_to_gcj(wlon, wlat)
        slon, slat = glon - lon, glat - lat
        wlon -= slon
        wlat -= slat
        if abs(slon) < 1e-10 and abs(slat) < 1e-10:
            break
    else:  # pragma: no cover - never happens inside China
        raise RuntimeError(f"GCJ-02 inverse did not converge at {lon},{lat}")
    _GCJ_CACHE[key] = (wlon, wlat)
    return wlon, wlat


# Check values from ../shared/data/china_admin_divisions/README.md:
# (name, GCJ-02 lon, lat) -> WGS84 lon, lat (6 decimals)
GCJ_CHECKS = [
    ("洛阳市 410300", (112.434468, 34.663041), (112.428160, 34.663984)),
    ("涧西区 410305", (112.399243, 34.654251), (112.392920, 34.655190)),
    ("深圳市 440300", (114.085947, 22.547000), (114.080818, 22.549687)),
    ("杨浦区 310110", (121.522797, 31.270755), (121.518428, 31.272810)),
]


def check_conversion(log) -> None:
    for name, (glon, glat), (elon, elat) in GCJ_CHECKS:
        wlon, wlat = gcj_to_wgs(glon, glat)
        got = (f6(wlon), f6(wlat))
        want = (f6(elon), f6(elat))
        assert got == want, f"GCJ-02 check {name}: got {got}, want {want}"
        # and the forward transform takes us back to the source
        blon, blat = wgs_to_gcj(wlon, wlat)
        assert abs(blon - glon) < 1e-9 and abs(blat - glat) < 1e-9, name
        log(f"  GCJ-02 check {name}: ({glon:.6f}, {glat:.6f}) -> ({got[0]}, {got[1]})  OK")


# --------------------------------------------------------------------------
# formatting helpers
# --------------------------------------------------------------------------
def f6(x: float) -> str:
    """Point coordinate: fixed 6 decimals."""
    s = f"{x:.6f}"
    return "0.000000" if s == "-0.000000" else s


def fdec(x: float, nd: int) -> str:
    """At most nd decimals, trailing zeros trimmed."""
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def write_csv(path: str, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header)
        w.writerow(r)
    write_text(path, buf.getvalue())


def write_text(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_meta(path: str, dataset: dict, fmt: str, crs: str, kind: str,
               columns: dict, geometry: str) -> None:
    meta = {
        "dataset": {k: dataset[k] for k in ("id", "title", "licence", "url", "attribution")},
        "format": fmt,
        "crs": crs,
        "kind": kind,
        "columns": columns,
        "geometry": geometry,
    }
    write_text(path + ".meta.json", json.dumps(meta, ensure_ascii=False, indent=2) + "\n")


def read_csv(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_json(path: str):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


# --------------------------------------------------------------------------
# data set descriptions (provenance for the importer)
# --------------------------------------------------------------------------
NOT_STATED = "not stated; bundled for demo and testing"

DS_HERITAGE = {
    "id": "national_heritage_sites",
    "title": "全国重点文物保护单位 (Major Historical and Cultural Sites Protected at the National Level), "
             "batches 1-8 (1961-2019), geocoded points",
    "licence": NOT_STATED + " (lists: State Council notices via Chinese Wikipedia; geocoding: repository author; "
               "ccby_id links to a CC BY 4.0 list)",
    "url": "https://github.com/pkulijing/luoyangchan/blob/2cf8aba7908b3b41b73768bef0029b0643e44213/"
           "data/heritage_sites_geocoded.json",
    "attribution": "pkulijing/luoyangchan (heritage_sites_geocoded.json, commit 2cf8aba), GCJ-02 converted to WGS84; "
                   "ccby_id: china-cultural-heritage project (lingdian1226), CC BY 4.0",
}
DS_LUOYANG_GCJ = {
    "id": "luoyang_heritage_gcj02_sample",
    "title": "全国重点文物保护单位 in 洛阳市 (Luoyang), original GCJ-02 coordinates (CRS test sample)",
    "licence": DS_HERITAGE["licence"],
    "url": DS_HERITAGE["url"],
    "attribution": "pkulijing/luoyangchan (heritage_sites_geocoded.json, commit 2cf8aba), coordinates as published "
                   "(GCJ-02); ccby_id: china-cultural-heritage project (lingdian1226), CC BY 4.0",
}
_ADMIN_URL = "https://github.com/anzhou99/GeoJsons/tree/ae3304715838d7d37de1e682434d146614237f11"
_ADMIN_LIC = NOT_STATED + " (Aliyun DataV areas_v3, Amap-derived; check terms before redistribution)"
_ADMIN_ATTR = ("anzhou99/GeoJsons (commit ae33047, Aliyun DataV areas_v3, Amap-derived boundaries, about mid-2020); "
               "GCJ-02 converted to WGS84 and simplified")
DS_PROVINCES = {"id": "china_admin_provinces", "title": "China provincial-level administrative divisions (boundaries)",
                "licence": _ADMIN_LIC, "url": _ADMIN_URL, "attribution": _ADMIN_ATTR}
DS_PREFECTURES = {"id": "china_admin_prefectures",
                  "title": "China prefecture-level administrative divisions (boundaries)",
                  "licence": _ADMIN_LIC, "url": _ADMIN_URL, "attribution": _ADMIN_ATTR}
DS_COUNTIES = {"id": "china_admin_counties", "title": "China county-level administrative divisions (boundaries)",
               "licence": _ADMIN_LIC, "url": _ADMIN_URL, "attribution": _ADMIN_ATTR}
DS_STATIONS = {
    "id": "china_rail_stations",
    "title": "China railway stations (points, ~2015 list) with 12306 telegraph codes (2018)",
    "licence": NOT_STATED,
    "url": "https://github.com/listenzcc/China-rail-way-stations-data",
    "attribution": "listenzcc/China-rail-way-stations-data (raw/cnstation.csv, commit 031a6c8, from a heywhale.com "
                   "public dataset); telecodes and pinyin: gpx0214/train-schedule-to-svg station_name.js "
                   "(commit fa3d6e4, a copy of 12306 station_name.js, 2018-09)",
}


# --------------------------------------------------------------------------
# 1. heritage sites
# --------------------------------------------------------------------------
CATEGORIES = ["古遗址", "古墓葬", "古建筑", "石窟寺及石刻", "近现代重要史迹及代表性建筑", "其他"]
# batches 1-3 used other labels; used when the CC BY list has no matching row
OLD_CATEGORY_MAP = {
    "古建筑及历史纪念建筑物": "古建筑",
    "革命遗址及革命纪念建筑物": "近现代重要史迹及代表性建筑",
    "石窟寺": "石窟寺及石刻",
    "石刻及其他": "石窟寺及石刻",
}
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*(年|[—－\-～~至])")

HERITAGE_COLUMNS = ["id", "name", "kind", "lon", "lat", "era", "batch", "batch_year", "category", "category_norm",
                    "province", "city", "district", "release_address", "address", "geocode_method",
                    "wikipedia_url", "ccby_id"]
HERITAGE_META_COLUMNS = {"id": "id", "name": "name", "kind": "kind", "lon": "lon", "lat": "lat", "era": "era"}


def normalise_category(row: dict, ccby: dict | None, stats: Counter) -> str:
    cat = row["category"].strip()
    if cat in CATEGORIES:
        stats["as in source (batches 4-8 labels)"] += 1
        return cat
    if ccby is not None and ccby["category_zh"] in CATEGORIES:
        stats["old label, from matched CC BY row"] += 1
        return ccby["category_zh"]
    norm = OLD_CATEGORY_MAP.get(cat)
    if norm is None:
        raise ValueError(f"unknown heritage category {cat!r} in {row['release_id']}")
    if norm == "古建筑":
        m = _YEAR_RE.match(row["era"])
        if m and int(m.group(1)) >= 1840:
            stats["old label, era >= 1840 -> 近现代"] += 1
            return "近现代重要史迹及代表性建筑"
    stats["old label, label mapping"] += 1
    return norm


def build_heritage(shared: str, out: str, log) -> dict:
    src = read_csv(os.path.join(shared, "national_heritage_sites", "national_heritage_sites.csv"))
    ccby_rows = read_csv(os.path.join(shared, "national_heritage_list_ccby", "national_heritage_list.csv"))
    assert len(src) == 5150, len(src)

    ccby_idx: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in ccby_rows:
        ccby_idx[(c["name"].strip(), c["province"].strip())].append(c)

    rows, gcj_rows = [], []
    match = Counter()
    catstats = Counter()
    seen_ids, used_ccby = set(), Counter()
    max_dev = 0.0
    for r in src:
        rid = r["release_id"].strip()
        hid = "nhs-" + rid
        assert hid not in seen_ids, hid
        seen_ids.add(hid)
        cands = ccby_idx.get((r["name"].strip(), r["province"].strip()), [])
        ccby = None
        if len(cands) == 1:
            ccby = cands[0]
            match["unique name+province match"] += 1
            used_ccby[ccby["id"]] += 1
            if ccby["batch"].strip() != r["batch"].strip():
                match["  of which batch differs"] += 1
        elif len(cands) > 1:
            match["ambiguous (several CC BY rows)"] += 1
        else:
            match["no match"] += 1
        cat_norm = normalise_category(r, ccby, catstats)

        lon_w, lat_w = r["lon_wgs84"].strip(), r["lat_wgs84"].strip()
        lon_g, lat_g = r["lon_gcj02"].strip(), r["lat_gcj02"].strip()
        if lon_w:
            lon_s, lat_s = f6(float(lon_w)), f6(float(lat_w))
            # verify the source's WGS84 columns against our own inverse
            wl, wa = gcj_to_wgs(float(lon_g), float(lat_g))
            max_dev = max(max_dev, abs(wl - float(lon_w)), abs(wa - float(lat_w)))
        else:
            assert not lat_w and not lon_g and not lat_g, rid
            lon_s = lat_s = ""
        base = {
            "name": r["name"].strip(), "kind": "heritage_site", "era": r["era"].strip(),
            "batch": r["batch"].strip(), "batch_year": r["batch_year"].strip(),
            "category": r["category"].strip(), "category_norm": cat_norm,
            "province": r["province"].strip(), "city": r["city"].strip(), "district": r["district"].strip(),
            "release_address": r["release_address"].strip(), "address": r["address"].strip(),
            "geocode_method": r["geocode_method"].strip(), "wikipedia_url": r["wikipedia_url"].strip(),
            "ccby_id": ccby["id"].strip() if ccby else "",
        }
        rows.append([{**base, "id": hid, "lon": lon_s, "lat": lat_s}[c] for c in HERITAGE_COLUMNS])
        if base["city"] == "洛阳市":
            assert lon_g, rid
            gcj_rows.append([{**base, "id": "nhs-gcj-" + rid, "lon": f6(float(lon_g)), "lat": f6(float(lat_g))}[c]
                             for c in HERITAGE_COLUMNS])
    dup_ccby = sum(1 for v in used_ccby.values() if v > 1)
    assert dup_ccby == 0, "a CC BY row matched two heritage rows"
    assert max_dev < 5e-6, f"heritage WGS84 columns deviate from the GCJ-02 inverse by {max_dev}"

    p = os.path.join(out, "heritage", "national_heritage_sites.csv")
    write_csv(p, HERITAGE_COLUMNS, rows)
    write_meta(p, DS_HERITAGE, "csv", "wgs84", "heritage_site", HERITAGE_META_COLUMNS, "optional")

    # the CRS test sample: Luoyang rows with the source GCJ-02 coordinates
    p2 = os.path.join(out, "samples", "luoyang_heritage_gcj02.csv")
    write_csv(p2, HERITAGE_COLUMNS, gcj_rows)
    write_meta(p2, DS_LUOYANG_GCJ, "csv", "gcj02", "heritage_site", HERITAGE_META_COLUMNS, "required")
    lm = [r for r in gcj_rows if r[1] == "龙门石窟"]
    assert len(lm) == 1
    lon_g, lat_g = float(lm[0][3]), float(lm[0][4])
    wl, wa = gcj_to_wgs(lon_g, lat_g)
    d_conv = haversine_m(wl, wa, 112.471, 34.556)
    d_raw = haversine_m(lon_g, lat_g, 112.471, 34.556)
    assert d_conv < 500 and d_raw > 500, (d_conv, d_raw)

    n_geo = sum(1 for r in rows if r[3])
    log(f"heritage: {len(rows)} rows ({n_geo} with coordinates, {len(rows) - n_geo} without)")
    log(f"  source WGS84 columns vs our GCJ-02 inverse: max deviation {max_dev:.2e} deg")
    for k in ("unique name+province match", "  of which batch differs", "ambiguous (several CC BY rows)", "no match"):
        log(f"  ccby_id {k}: {match[k]}")
    log(f"  CC BY rows: {len(ccby_rows)}, matched: {len(used_ccby)}, unmatched: {len(ccby_rows) - len(used_ccby)}")
    for k, v in sorted(catstats.items()):
        log(f"  category_norm {k}: {v}")
    cn = Counter(r[HERITAGE_COLUMNS.index("category_norm")] for r in rows)
    log("  category_norm counts: " + ", ".join(f"{c} {cn[c]}" for c in CATEGORIES))
    log(f"luoyang GCJ-02 sample: {len(gcj_rows)} rows; 龙门石窟 GCJ ({lon_g:.6f}, {lat_g:.6f}) is "
        f"{d_raw:.0f} m from (112.471E, 34.556N) unconverted, {d_conv:.0f} m after GCJ-02 -> WGS84")
    return {"heritage_rows": len(rows), "luoyang_rows": len(gcj_rows)}


def haversine_m(lon1, lat1, lon2, lat2) -> float:
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


# --------------------------------------------------------------------------
# 3. rail stations
# --------------------------------------------------------------------------
STATION_COLUMNS = ["id", "name", "aliases", "kind", "lon", "lat", "telecode", "pinyin", "railway_bureau",
                   "station_class", "station_kind", "province", "city", "address"]
STATION_META_COLUMNS = {"id": "id", "name": "name", "aliases": "aliases", "kind": "kind", "lon": "lon", "lat": "lat"}
# fields tried in order to tell rows with the same name apart; the first one
# whose values differ within the group becomes the id suffix
DEDUPE_FIELDS = ["province", "railway_bureau", "city", "station_class", "station_kind", "address"]


def clean_class(v: str) -> str:
    v = v.strip()
    if v.endswith(")") and "(" not in v:  # '客专)' in the source
        v = v[:-1]
    return v


def build_stations(shared: str, out: str, log) -> dict:
    src = read_csv(os.path.join(shared, "china_rail", "stations_coords.csv"))
    tele = read_csv(os.path.join(shared, "china_rail", "stations_telecode_12306.csv"))
    by_name = {}
    for t in tele:
        n = t["name"].strip()
        assert n not in by_name, n
        by_name[n] = t
    recs = []
    max_dev = 0.0
    n_stripped = 0
    for r in src:
        name = r["name"].strip()
        if name.endswith("站") and len(name) > 1:
            name = name[:-1]
            n_stripped += 1
        lon_w, lat_w = r["lon_wgs84"].strip(), r["lat_wgs84"].strip()
        if not lon_w or not lat_w:
            continue
        lon, lat = float(lon_w), float(lat_w)
        assert 73 < lon < 136 and 17 < lat < 54, (name, lon, lat)
        wl, wa = gcj_to_wgs(float(r["lon_gcj02"]), float(r["lat_gcj02"]))
        max_dev = max(max_dev, abs(wl - lon), abs(wa - lat))
        t = by_name.get(name)
        recs.append({
            "name": name, "aliases": name + "站", "kind": "station", "lon": f6(lon), "lat": f6(lat),
            "telecode": t["telecode"].strip() if t else "", "pinyin": t["pinyin"].strip() if t else "",
            "railway_bureau": r["railway_bureau"].strip(), "station_class": clean_class(r["class"]),
            "station_kind": r["kind"].strip(), "province": r["province"].strip(), "city": r["city"].strip(),
            "address": r["address"].strip(),
        })
    groups = defaultdict(list)
    for rec in recs:
        rec["id"] = "rail-" + (rec["telecode"] or rec["name"])
        groups[rec["name"]].append(rec)
    dups = []
    for name, g in sorted(groups.items()):
        if len(g) == 1:
            continue
        for f in DEDUPE_FIELDS:
            vals = [rec[f] for rec in g]
            if len(set(vals)) == len(vals) and all(vals):
                break
        else:
            raise ValueError(f"cannot tell the stations named {name} apart")
        for rec in g:
            rec["id"] = rec["id"] + "-" + rec[f]
        dups.append(f"{name} (by {f}: " + ", ".join(rec["id"] for rec in g) + ")")
    ids = Counter(rec["id"] for rec in recs)
    assert all(v == 1 for v in ids.values()), [k for k, v in ids.items() if v > 1]
    assert max_dev < 5e-5, max_dev

    p = os.path.join(out, "rail", "stations.csv")
    write_csv(p, STATION_COLUMNS, [[rec[c] for c in STATION_COLUMNS] for rec in recs])
    write_meta(p, DS_STATIONS, "csv", "wgs84", "station", STATION_META_COLUMNS, "required")
    n_tel = sum(1 for rec in recs if rec["telecode"])
    log(f"stations: {len(recs)} of {len(src)} source rows (all with coordinates); "
        f"{n_tel} with a 12306 telecode, {len(recs) - n_tel} without; {n_stripped} trailing 站 stripped")
    log(f"  source WGS84 columns vs our GCJ-02 inverse: max deviation {max_dev:.2e} deg")
    log(f"  {len(dups)} duplicated names: " + "; ".join(dups))
    return {"stations": len(recs)}


# --------------------------------------------------------------------------
# geometry: topology-preserving Douglas-Peucker, ring checks, GeoJSON output
# --------------------------------------------------------------------------
def ring_area2(ring) -> float:
    """Twice the signed shoelace area (positive = counter-clockwise). Closed or open ring."""
    n = len(ring)
    s = 0.0
    x0, y0 = ring[0]
    for i in range(1, n - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        s += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    return s


def _seg_dist2(p, a, b) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    px, py = p[0] - ax, p[1] - ay
    L = dx * dx + dy * dy
    if L == 0.0:
        return px * px + py * py
    t = (px * dx + py * dy) / L
    if t <= 0.0:
        return px * px + py * py
    if t >= 1.0:
        ex, ey = p[0] - b[0], p[1] - b[1]
        return ex * ex + ey * ey
    ex, ey = px - t * dx, py - t * dy
    return ex * ex + ey * ey


def douglas_peucker(pts, tol: float):
    """Keep the end points; tolerance in degrees; distance to the segment."""
    n = len(pts)
    if n <= 2 or tol <= 0.0:
        return list(pts)
    tol2 = tol * tol
    keep = bytearray(n)
    keep[0] = keep[n - 1] = 1
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            d = _seg_dist2(pts[k], a, b)
            if d > best:
                best, bi = d, k
        if best > tol2:
            keep[bi] = 1
            stack.append((i, bi))
            stack.append((bi, j))
    return [pts[k] for k in range(n) if keep[k]]


def simplify_closed(pts, tol: float):
    """pts: open ring (no repeated end), canonical start at pts[0]. Returns an open ring."""
    n = len(pts)
    if tol <= 0.0 or n <= 3:
        return list(pts)
    a = pts[0]
    far, fk = -1.0, 0
    for k in range(1, n):
        d = (pts[k][0] - a[0]) ** 2 + (pts[k][1] - a[1]) ** 2
        if d > far:
            far, fk = d, k
    first = douglas_peucker(pts[: fk + 1], tol)
    second = douglas_peucker(pts[fk:] + [pts[0]], tol)
    return first + second[1:-1]


def dedupe_consecutive(ring):
    outp = []
    for p in ring:
        if not outp or outp[-1] != p:
            outp.append(p)
    while len(outp) > 1 and outp[0] == outp[-1]:
        outp.pop()
    return outp  # open ring


class TopoSimplifier:
    """Douglas-Peucker on shared arcs, so neighbouring rings keep identical borders.

    A vertex is a junction when it occurs more than once with different neighbour pairs
    (TopoJSON-style).  Rings are cut at junctions into arcs; each distinct arc is simplified
    once (in a canonical direction); rings without junctions are simplified as closed rings
    (also deduplicated, e.g. an enclave's hole and the enclave's outline).
    """

    def __init__(self, rings):
        # rings: list of open rings (lists of (x, y)), consecutive duplicates removed
        self.rings = rings
        nb = defaultdict(set)
        occ = Counter()
        for r in rings:
            n = len(r)
            for i, p in enumerate(r):
                a, b = r[i - 1], r[(i + 1) % n]
                nb[p].add((a, b) if a <= b else (b, a))
                occ[p] += 1
        junction = {p for p, s in nb.items() if len(s) > 1}
        self.arcs = {}  # key -> list of points (canonical direction)
        self.ring_parts = []  # per ring: list of (key, reversed) ; or ('closed', key)
        for r in rings:
            n = len(r)
            jidx = [i for i, p in enumerate(r) if p in junction]
            if not jidx:
                # canonical rotation/direction for a junction-free ring
                m = min(range(n), key=lambda i: r[i])
                rot = r[m:] + r[:m]
                if rot[-1] < rot[1]:
                    rot = [rot[0]] + rot[1:][::-1]
                    rev = True
                else:
                    rev = False
                key = ("C",) + tuple(rot)
                self.arcs.setdefault(key, rot)
                self.ring_parts.append([(key, rev)])
                continue
            s = jidx[0]
            rot = r[s:] + r[:s] + [r[s]]
            cuts = [i - s for i in jidx] + [n]
            parts = []
            for a, b in zip(cuts, cuts[1:]):
                seg = rot[a: b + 1]
                fwd = tuple(seg)
                bwd = fwd[::-1]
                if bwd < fwd:
                    key, rev = ("A",) + bwd, True
                else:
                    key, rev = ("A",) + fwd, False
                self.arcs.setdefault(key, list(key[1:]))
                parts.append((key, rev))
            self.ring_parts.append(parts)
        self.n_junctions = len(junction)

    def run(self, tol: float, round_fn, rel: float = 0.0, min_ratio: float = 0.25):
        """Simplify; returns list of rounded open rings (None = ring dropped) and stats.

        tol: Douglas-Peucker tolerance in degrees.  rel > 0 makes the tolerance scale-aware:
        a ring's arcs use at most rel * sqrt(ring area), so that small features (urban
        districts, islands) keep their shape; an arc shared by several rings takes the
        smallest of their tolerances.  A ring is rejected (and its arcs re-simplified with
        a quarter of the tolerance, down to none) if it has < 4 positions after rounding, a
        zero or reversed area, or less than min_ratio of its source area."""
        cache = {}

        def arc_result(key):
            t = arc_tol[key]
            c = cache.get(key)
            if c is not None and c[0] == t:
                return c[1]
            pts = self.arcs[key]
            res = simplify_closed(pts, t) if key[0] == "C" else douglas_peucker(pts, t)
            cache[key] = (t, res)
            return res

        orig_area = []
        for r in self.rings:
            rr = dedupe_consecutive([round_fn(p) for p in r])
            orig_area.append(ring_area2(rr + [rr[0]]) if len(rr) >= 3 else 0.0)
        arc_tol = {k: tol for k in self.arcs}
        if rel > 0.0:
            for ri, parts in enumerate(self.ring_parts):
                rt = max(rel * math.sqrt(abs(orig_area[ri]) / 2.0), tol * REL_FLOOR)
                for k, _ in parts:
                    if rt < arc_tol[k]:
                        arc_tol[k] = rt

        todo = list(range(len(self.rings)))
        result = [None] * len(self.rings)
        relaxed, dropped = set(), []
        while todo:
            bad = []
            for ri in todo:
                pts = []
                for key, rev in self.ring_parts[ri]:
                    seg = arc_result(key)
                    if rev:
                        seg = seg[::-1]
                    if key[0] == "C":
                        pts.extend(seg)
                    else:
                        pts.extend(seg[:-1])
                rr = dedupe_consecutive([round_fn(p) for p in pts])
                ok = len(rr) >= 3
                if ok:
                    a = ring_area2(rr + [rr[0]])
                    oa = orig_area[ri]
                    ok = a != 0.0 and (a > 0) == (oa > 0) and abs(a) >= min_ratio * abs(oa)
                if ok:
                    result[ri] = rr
                    continue
                keys = [k for k, _ in self.ring_parts[ri]]
                if all(arc_tol[k] == 0.0 for k in keys):
                    # unsimplified and still degenerate after rounding
                    if len(rr) >= 3 and ring_area2(rr + [rr[0]]) != 0.0:
                        result[ri] = rr
                    else:
                        result[ri] = None
                        dropped.append(ri)
                    continue
                for k in keys:
                    t = arc_tol[k] / 4.0
                    arc_tol[k] = t if t >= 1e-6 else 0.0
                relaxed.add(ri)
                bad.append(ri)
            # a relaxed arc may belong to rings already accepted: re-check them all
            # (cheap thanks to the cache) until nothing changes
            if bad:
                todo = list(range(len(self.rings)))
            else:
                todo = []
        return result, {"relaxed_rings": len(relaxed), "dropped_rings": len(dropped),
                        "junctions": self.n_junctions, "arcs": len(self.arcs)}


def geom_polys(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError("unexpected geometry " + geom["type"])


def rounder(nd: int):
    def r(p):
        return (float(fdec(p[0], nd)), float(fdec(p[1], nd)))
    return r


def simplify_layer(features, tol_of, nd: int, log_name, log):
    """features: list of dicts with 'polys' (list of polygons of open rings, source coords)
    and 'topo' (the source file).  tol_of(feature) -> tolerance.  Features from the same
    source file with the same tolerance are simplified together, so the borders they share
    stay identical.  (Different source files never share their borders exactly: DataV
    simplified each file on its own, so topology across files is not attempted.)
    Sets feature['out'] = list of polygons of closed, oriented, rounded rings."""
    groups = defaultdict(list)
    for f in features:
        groups[(tol_of(f), f["topo"])].append(f)
    stats_all = Counter()
    per_tol = defaultdict(Counter)
    for key in sorted(groups):
        tol = key[0]
        feats = groups[key]
        rings, where = [], []
        for fi, f in enumerate(feats):
            for pi, poly in enumerate(f["polys"]):
                for ri, ring in enumerate(poly):
                    rings.append(ring)
                    where.append((fi, pi, ri))
        topo = TopoSimplifier(rings)
        res, st = topo.run(tol, rounder(nd), REL_TOL)
        per_tol[tol]["features"] += len(feats)
        per_tol[tol]["groups"] += 1
        for k, v in st.items():
            stats_all[k] += v
            per_tol[tol][k] += v
        outs = [[[None] * len(poly) for poly in f["polys"]] for f in feats]
        for (fi, pi, ri), rr in zip(where, res):
            outs[fi][pi][ri] = rr
        for f, polys in zip(feats, outs):
            final = []
            for poly in polys:
                if poly[0] is None:  # exterior dropped: drop its holes too
                    stats_all["dropped_polygons"] += 1
                    continue
                rs = []
                for ri, rr in enumerate(poly):
                    if rr is None:
                        continue
                    ccw = ring_area2(rr + [rr[0]]) > 0
                    if (ri == 0) != ccw:
                        rr = [rr[0]] + rr[1:][::-1]
                    rs.append(rr + [rr[0]])
                final.append(rs)
            assert final, f"feature {f['id']} lost all its polygons"
            f["out"] = final
    for tol in sorted(per_tol):
        st = per_tol[tol]
        log(f"  {log_name} tolerance {tol:g} deg: {st['features']} features in {st['groups']} source files, "
            f"{st['arcs']} arcs, {st['relaxed_rings']} rings kept less simplified, "
            f"{st['dropped_rings']} degenerate rings dropped")
    return stats_all


def validate_geojson_file(path: str, nd: int) -> dict:
    """Re-read an output file and check every ring (RFC 7946)."""
    d = read_json(path)
    assert d["type"] == "FeatureCollection"
    n_feat = n_ring = n_vert = 0
    ids = set()
    for ft in d["features"]:
        assert ft["type"] == "Feature"
        fid = ft["id"]
        assert fid == ft["properties"]["id"], fid
        assert fid not in ids, fid
        ids.add(fid)
        g = ft["geometry"]
        assert g["type"] in ("Polygon", "MultiPolygon"), fid
        polys = geom_polys(g)
        assert polys, fid
        for poly in polys:
            assert poly, fid
            for ri, ring in enumerate(poly):
                assert len(ring) >= 4, (fid, "ring with < 4 positions")
                assert ring[0] == ring[-1], (fid, "ring not closed")
                for a, b in zip(ring, ring[1:]):
                    assert a != b, (fid, "repeated position")
                for x, y in ring:
                    assert -180 <= x <= 180 and -90 <= y <= 90, fid
                    assert round(x, nd) == x and round(y, nd) == y, (fid, f"more than {nd} decimals")
                a = ring_area2(ring)
                assert a != 0.0, (fid, "collapsed ring")
                assert (a > 0) == (ri == 0), (fid, "wrong orientation")
                n_ring += 1
                n_vert += len(ring)
        n_feat += 1
    return {"features": n_feat, "rings": n_ring, "positions": n_vert, "ids": ids, "data": d}


def _fmt_ring(ring, nd: int) -> str:
    return "[" + ",".join(f"[{fdec(x, nd)},{fdec(y, nd)}]" for x, y in ring) + "]"


def write_geojson(path: str, features, nd: int) -> None:
    """features: list of (id, properties dict, polygons)."""
    lines = []
    for fid, props, polys in features:
        if len(polys) == 1:
            gtype, coords = "Polygon", "[" + ",".join(_fmt_ring(r, nd) for r in polys[0]) + "]"
        else:
            gtype = "MultiPolygon"
            coords = "[" + ",".join("[" + ",".join(_fmt_ring(r, nd) for r in p) + "]" for p in polys) + "]"
        pj = json.dumps(props, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        lines.append(f'{{"type":"Feature","id":{json.dumps(fid, ensure_ascii=False)},"properties":{pj},'
                     f'"geometry":{{"type":"{gtype}","coordinates":{coords}}}}}')
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    write_text(path, text)


def count_self_crossings(polys) -> int:
    """Proper crossings between non-adjacent edges of the same ring (informational)."""
    total = 0
    for poly in polys:
        for ring in poly:
            segs = list(zip(ring, ring[1:]))
            n = len(segs)
            if n < 4:
                continue
            cell = 0.02
            grid = defaultdict(list)
            for i, (a, b) in enumerate(segs):
                x0, x1 = sorted((a[0], b[0]))
                y0, y1 = sorted((a[1], b[1]))
                for gx in range(int(math.floor(x0 / cell)), int(math.floor(x1 / cell)) + 1):
                    for gy in range(int(math.floor(y0 / cell)), int(math.floor(y1 / cell)) + 1):
                        grid[(gx, gy)].append(i)
            seen = set()
            for lst in grid.values():
                for ii in range(len(lst)):
                    for jj in range(ii + 1, len(lst)):
                        i, j = lst[ii], lst[jj]
                        if j - i <= 1 or (i == 0 and j == n - 1):
                            continue
                        if (i, j) in seen:
                            continue
                        seen.add((i, j))
                        if _proper_cross(*segs[i], *segs[j]):
                            total += 1
    return total


def _orient(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _proper_cross(a, b, c, d) -> bool:
    o1, o2 = _orient(a, b, c), _orient(a, b, d)
    o3, o4 = _orient(c, d, a), _orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


# --------------------------------------------------------------------------
# 2. admin boundaries
# --------------------------------------------------------------------------
TOL_PROVINCES = 0.01
TOL_PREFECTURES = 0.01
TOL_COUNTIES = 0.016
TOL_HENAN_COUNTIES = 0.001
REL_TOL = 0.05  # per ring: tolerance <= REL_TOL * sqrt(ring area) ...
REL_FLOOR = 0.3  # ... but not below REL_FLOOR * the layer tolerance
DECIMALS = {"provinces": 5, "prefectures": 5, "counties": 5}
MAX_BYTES = {"provinces": 1_000_000, "prefectures": 1_500_000, "counties": 4_000_000}
ADMIN_META_COLUMNS = {"id": "id", "name": "name", "aliases": "aliases", "kind": "kind"}


def load_divisions(shared: str) -> dict:
    rows = read_csv(os.path.join(shared, "china_admin_divisions", "divisions.csv"))
    div = {}
    for r in rows:
        a = r["adcode"].strip()
        assert a not in div, a
        div[a] = r
        # the WGS84 seat must be the GCJ-02 seat converted
        wl, wa = gcj_to_wgs(float(r["center_lon_gcj02"]), float(r["center_lat_gcj02"]))
        assert f6(wl) == f6(float(r["center_lon_wgs84"])) or abs(wl - float(r["center_lon_wgs84"])) < 2e-6, a
        assert f6(wa) == f6(float(r["center_lat_wgs84"])) or abs(wa - float(r["center_lat_wgs84"])) < 2e-6, a
    return div


def clean_polys(geom, convert: bool):
    polys = []
    for poly in geom_polys(geom):
        rings = []
        for ring in poly:
            pts = [(float(x), float(y)) for x, y, *_ in ring]
            if convert:
                pts = [gcj_to_wgs(x, y) for x, y in pts]
            ring = dedupe_consecutive(pts)
            if len(ring) < 3:
                if not rings:
                    break  # degenerate exterior: drop the polygon
                continue
            rings.append(ring)
        if rings:
            polys.append(rings)
    assert polys
    return polys


def admin_props(adcode: str, kind: str, div: dict, parent: str | None, source_file: str) -> dict:
    d = div[adcode]
    name = d["name"].strip()
    short = d["short_name"].strip()
    props = {
        "id": "adm-" + adcode,
        "name": name,
        "aliases": [short] if short and short != name else [],
        "kind": kind,
        "adcode": adcode,
        "admin_kind": d["kind"].strip(),
        "center_lon": float(f6(float(d["center_lon_wgs84"]))),
        "center_lat": float(f6(float(d["center_lat_wgs84"]))),
        "source_file": source_file,
    }
    if d["short_name_flags"].strip():
        props["short_name_flags"] = d["short_name_flags"].strip()
    if parent and parent != "100000":
        props["parent_id"] = "adm-" + parent
    return props


def build_admin(shared: str, out: str, log) -> dict:
    div = load_divisions(shared)
    bdir = os.path.join(shared, "china_admin_boundaries")
    ddir = os.path.join(shared, "china_admin_divisions")
    layers = {}

    # provinces: raw DataV national file, GCJ-02
    nat = read_json(os.path.join(bdir, "100000_full.json"))
    prov = []
    for ft in nat["features"]:
        a = str(ft["properties"]["adcode"])
        if a == "100000_JD" or not ft["properties"].get("name"):
            continue  # South China Sea dashed-line feature
        assert re.fullmatch(r"\d{6}", a), a
        assert div[a]["level"] == "province", a
        # our converted seat agrees with divisions.csv
        cl, ca = gcj_to_wgs(*ft["properties"]["center"])
        assert abs(cl - float(div[a]["center_lon_wgs84"])) < 2e-6 and abs(ca - float(div[a]["center_lat_wgs84"])) < 2e-6
        prov.append({"id": "adm-" + a, "adcode": a, "polys": clean_polys(ft["geometry"], True), "topo": "100000_full.json",
                     "props": admin_props(a, "province", div, "100000", "100000_full.json")})
    assert len(prov) == 34, len(prov)
    layers["provinces"] = prov
    prov_codes = {f["adcode"] for f in prov}

    # prefectures: derived WGS84 layer; the province-coded features (municipalities, SARs, Taiwan)
    # are already in the province layer with the same id, so they are left out
    pre_src = read_json(os.path.join(ddir, "prefectures_wgs84.geojson"))
    pref, skipped_pref = [], []
    for ft in pre_src["features"]:
        a = str(ft["properties"]["adcode"])
        if a in prov_codes:
            skipped_pref.append(a)
            continue
        parent = str(ft["properties"]["parent_adcode"])
        assert div[a]["parent_adcode"].strip() == parent, a
        pref.append({"id": "adm-" + a, "adcode": a, "polys": clean_polys(ft["geometry"], False),
                     "topo": ft["properties"]["source"],
                     "props": admin_props(a, "prefecture", div, parent, "prefectures_wgs84.geojson")})
    layers["prefectures"] = pref
    pref_codes = {f["adcode"] for f in pref}

    # counties: derived WGS84 layer, except Henan from the raw (more detailed) DataV files
    cty_src = read_json(os.path.join(ddir, "counties_wgs84.geojson"))
    cty, skipped_cty = [], []
    henan_src = set()
    for ft in cty_src["features"]:
        a = str(ft["properties"]["adcode"])
        if a in prov_codes or a in pref_codes:
            skipped_cty.append(a)
            continue
        if a.startswith("41"):
            henan_src.add(a)
            continue
        parent = str(ft["properties"]["parent_adcode"])
        assert div[a]["parent_adcode"].strip() == parent, a
        cty.append({"id": "adm-" + a, "adcode": a, "polys": clean_polys(ft["geometry"], False),
                    "topo": ft["properties"]["source"],
                    "props": admin_props(a, "county", div, parent, "counties_wgs84.geojson"), "tol": TOL_COUNTIES})
    henan_raw = set()
    henan_files = sorted(fn for fn in os.listdir(bdir) if re.fullmatch(r"41\d\d00_full\.json", fn)
                         and fn != "410000_full.json")
    for fn in henan_files:
        d = read_json(os.path.join(bdir, fn))
        for ft in d["features"]:
            a = str(ft["properties"]["adcode"])
            parent = str(ft["properties"]["parent"]["adcode"])
            assert parent == fn[:6] and div[a]["parent_adcode"].strip() == parent, a
            cl, ca = gcj_to_wgs(*ft["properties"]["center"])
            assert abs(cl - float(div[a]["center_lon_wgs84"])) < 2e-6, a
            assert abs(ca - float(div[a]["center_lat_wgs84"])) < 2e-6, a
            henan_raw.add(a)
            cty.append({"id": "adm-" + a, "adcode": a, "polys": clean_polys(ft["geometry"], True), "topo": fn,
                        "props": admin_props(a, "county", div, parent, fn), "tol": TOL_HENAN_COUNTIES})
    assert henan_raw == henan_src, (sorted(henan_raw ^ henan_src))
    layers["counties"] = cty

    tols = {"provinces": lambda f: TOL_PROVINCES, "prefectures": lambda f: TOL_PREFECTURES,
            "counties": lambda f: f["tol"]}
    kinds = {"provinces": "province", "prefectures": "prefecture", "counties": "county"}
    metas = {"provinces": DS_PROVINCES, "prefectures": DS_PREFECTURES, "counties": DS_COUNTIES}
    summary = {}
    all_ids = {}
    for name in ("provinces", "prefectures", "counties"):
        feats = sorted(layers[name], key=lambda f: f["adcode"])
        src_verts = sum(len(r) + 1 for f in feats for p in f["polys"] for r in p)
        st = simplify_layer(feats, tols[name], DECIMALS[name], name, log)
        path = os.path.join(out, "admin", name + ".geojson")
        write_geojson(path, [(f["id"], f["props"], f["out"]) for f in feats], DECIMALS[name])
        write_meta(path, metas[name], "geojson", "wgs84", kinds[name], ADMIN_META_COLUMNS, "required")
        v = validate_geojson_file(path, DECIMALS[name])
        for i in v["ids"]:
            assert i not in all_ids, f"id {i} in both {all_ids.get(i)} and {name}"
            all_ids[i] = name
        size = os.path.getsize(path)
        assert size <= MAX_BYTES[name], f"{name}.geojson is {size} bytes > {MAX_BYTES[name]}"
        crossings = sum(count_self_crossings(geom_polys(ft["geometry"])) for ft in v["data"]["features"])
        summary[name] = {"features": v["features"], "rings": v["rings"], "positions": v["positions"],
                         "source_positions": src_verts, "bytes": size, "self_crossings": crossings,
                         "dropped_rings": st["dropped_rings"], "relaxed_rings": st["relaxed_rings"]}
        log(f"{name}: {v['features']} features, {v['rings']} rings, {src_verts} -> {v['positions']} positions, "
            f"{size / 1e6:.2f} MB; all rings valid (closed, >= 4 positions, non-zero area, RFC 7946 orientation); "
            f"{crossings} proper edge crossings within rings (informational)")
    # every parent_id resolves to a feature of the admin layers
    dangling = 0
    for name in ("prefectures", "counties"):
        for f in layers[name]:
            pid = f["props"].get("parent_id")
            if pid is None or pid not in all_ids:
                dangling += 1
    assert dangling == 0, dangling
    log(f"  left out of prefectures (already in provinces): {', '.join(skipped_pref)}")
    log(f"  left out of counties (already a prefecture or province): {len(skipped_cty)}; "
        f"Henan counties from raw DataV files: {len(henan_raw)} ({len(henan_files)} files)")
    log("  parent_id: every prefecture and county parent resolves; provinces have none")
    return summary


# --------------------------------------------------------------------------
# cross-checks between the layers (all WGS84 now)
# --------------------------------------------------------------------------
def _in_ring(x, y, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


class PolygonIndex:
    def __init__(self, path: str):
        self.items = []
        for ft in read_json(path)["features"]:
            for poly in geom_polys(ft["geometry"]):
                xs = [p[0] for p in poly[0]]
                ys = [p[1] for p in poly[0]]
                self.items.append((min(xs), min(ys), max(xs), max(ys), poly, ft["properties"]))

    def find(self, x, y):
        for x0, y0, x1, y1, poly, props in self.items:
            if x0 <= x <= x1 and y0 <= y <= y1 and _in_ring(x, y, poly[0]) \
                    and not any(_in_ring(x, y, h) for h in poly[1:]):
                return props
        return None


def crosscheck(out: str, log) -> None:
    provs = PolygonIndex(os.path.join(out, "admin", "provinces.geojson"))
    cties = PolygonIndex(os.path.join(out, "admin", "counties.geojson"))
    # the Longmen Grottoes lie in 洛龙区 (410311)
    rows = read_csv(os.path.join(out, "heritage", "national_heritage_sites.csv"))
    lm = next(r for r in rows if r["name"] == "龙门石窟")
    c = cties.find(float(lm["lon"]), float(lm["lat"]))
    assert c is not None and c["adcode"] == "410311", c
    log(f"cross-check: 龙门石窟 ({lm['lon']}, {lm['lat']}) lies in {c['name']} {c['id']}  OK")
    cnt = Counter()
    for r in rows:
        if not r["lon"]:
            continue
        pr = provs.find(float(r["lon"]), float(r["lat"]))
        cnt["outside all provinces" if pr is None else
            "in its own province" if pr["name"] == r["province"] else "in another province"] += 1
    log("  heritage points vs provinces.geojson: " + ", ".join(f"{k} {v}" for k, v in sorted(cnt.items())))
    cnt = Counter()
    for r in read_csv(os.path.join(out, "rail", "stations.csv")):
        pr = provs.find(float(r["lon"]), float(r["lat"]))
        cnt["outside all provinces" if pr is None else
            "in its own province" if pr["name"].startswith(r["province"][:2]) else "in another province"] += 1
    log("  station points vs provinces.geojson: " + ", ".join(f"{k} {v}" for k, v in sorted(cnt.items())))


# --------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "data"))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    shared = os.path.normpath(args.shared)
    out = os.path.normpath(args.out)
    if not os.path.isdir(shared):
        print(f"error: shared data directory {shared} not found", file=sys.stderr)
        return 2

    def log(msg):
        if not args.quiet:
            print(msg)

    log(f"building {out} from {shared}")
    check_conversion(log)
    build_heritage(shared, out, log)
    build_stations(shared, out, log)
    build_admin(shared, out, log)
    crosscheck(out, log)

    total = 0
    log("files:")
    for root, _dirs, files in sorted(os.walk(out)):
        for fn in sorted(files):
            p = os.path.join(root, fn)
            total += os.path.getsize(p)
            if not fn.endswith(".meta.json") and fn != "README.md":
                log(f"  {os.path.relpath(p, out):45s} {os.path.getsize(p):>10,d} bytes")
    log(f"total size of {out}: {total / 1e6:.2f} MB")
    assert total < 12_500_000, total
    return 0


if __name__ == "__main__":
    sys.exit(main())
