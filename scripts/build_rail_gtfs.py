#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Build data/rail/gtfs/ (a GTFS feed of China's key rail stations, ~2020-21) from ../shared/data.

    python3 scripts/build_rail_gtfs.py [--src ../shared/data] [--out data/rail/gtfs]
                                       [--positions data/rail/sources/station_positions.csv]

Python standard library only; deterministic (same input -> byte-identical output).

Sources (see ../shared/data/china_rail/README.md):
  timetable_station_events.csv      every call of every train at the 321 key stations (times HH:MM)
  timetable_train_city_routes.csv   per-train ordered city route with times past 24:00 (day offsets)
  stations_coords.csv               station points (WGS84 columns)
  stations_telecode_12306.csv       telegraph codes, used as stop ids
  ../china_admin_divisions/divisions.csv  city seats (WGS84) for stations without a point
  data/rail/sources/station_positions.csv   cited station positions (WGS84) for stations the shared data has
                                    no point for; each row names its source and that source's datum

Where a stop is put (column position_precision): at its cited position from station_positions.csv
(`station`), else at its point in stations_coords.csv (`station`), else at its city's seat (`city`).
A cited position more than 60 km from the city's seat is refused as a likely typo.

How a trip is made: the calls of a train at key stations come from the events file. Their order and
day offsets come from the city-route file, matched by (city, time); a train missing from that file
is ordered by time, cut where it originates (status 始) or else at the largest gap, assuming the
calls span less than 24 h. A train whose times do not increase along its calls is dropped and
counted. All trips run daily on one service (`daily`) for the assumed validity period below.
"""
import argparse
import collections
import csv
import math
import os
import sys

START_DATE = "20210101"  # assumed validity: the source has no dates (snapshot 2020-21)
END_DATE = "20211231"
SAME_STATION_TRANSFER_S = 900  # 15 min: change trains within one station (assumption)
POSITION_COLUMNS = ["station", "lat", "lon", "source_datum", "source_title", "source_url"]
DATUMS = ("wgs84", "gcj02", "bd09")  # of the source; lat/lon in the file are always WGS84
MAX_SPEED_KMH = 380  # straight-line speed: China's fastest trains run at 350 km/h
MAX_SEAT_DISTANCE_KM = 60.0


def hhmm(text):
    """'8:19' or '29:23' -> minutes, None for '-'."""
    text = text.strip()
    if text in ("", "-"):
        return None
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def fmt(minutes):
    return "%02d:%02d:00" % (minutes // 60, minutes % 60)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_positions(path):
    """station_positions.csv -> {station: (lon, lat)}; exits on a malformed row."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != POSITION_COLUMNS:
            sys.exit("%s: header must be %s, got %s" % (path, ",".join(POSITION_COLUMNS), header))
        out = {}
        for line, row in enumerate(reader, start=2):
            where = "%s:%d" % (path, line)
            if len(row) != len(POSITION_COLUMNS):
                sys.exit("%s: %d fields, expected %d" % (where, len(row), len(POSITION_COLUMNS)))
            r = dict(zip(POSITION_COLUMNS, row))
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                sys.exit("%s: lat/lon not numbers: %s, %s" % (where, r["lat"], r["lon"]))
            if not (17 < lat < 54 and 73 < lon < 136):
                sys.exit("%s: %s at lat %s lon %s is outside China" % (where, r["station"], lat, lon))
            if r["source_datum"] not in DATUMS:
                sys.exit("%s: source_datum must be one of %s" % (where, ", ".join(DATUMS)))
            if not r["source_title"].strip() or not r["source_url"].startswith(("https://", "http://")):
                sys.exit("%s: source_title and an http(s) source_url are required" % where)
            if r["station"] in out:
                sys.exit("%s: %s listed twice" % (where, r["station"]))
            out[r["station"]] = (lon, lat)
    return out


def haversine_km(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def city_transfer_s(a, b):
    """Between two stations of one city: 45 min, plus 3 min per km beyond 5 km, in 5-min steps."""
    km = haversine_km(a, b)
    minutes = 45 + max(0.0, km - 5.0) * 3.0
    return int(math.ceil(minutes / 5.0) * 5) * 60


def plausible(ordered, stops):
    """No hop between two stations with their own positions is faster than any train runs."""
    for (s1, _, d1), (s2, a2, _) in zip(ordered, ordered[1:]):
        p1, p2 = stops[s1], stops[s2]
        if p1["precision"] != "station" or p2["precision"] != "station":
            continue
        km = haversine_km((p1["lon"], p1["lat"]), (p2["lon"], p2["lat"]))
        if km > 5 and km / max(a2 - d1, 1) * 60 > MAX_SPEED_KMH:
            return False
    return True


def order_calls(calls, route, city_of):
    """Returns [(station, arr_min, dep_min)] in travel order with absolute times, or None."""
    if route:
        # (minute of day) -> absolute minutes from the origin's service day, from the city route
        index = collections.defaultdict(list)
        for seq, r in enumerate(route):
            for key in ("arrival", "departure"):
                t = hhmm(r[key])
                if t is not None:
                    index[t % 1440].append((seq, t))
        route_times = [t for hits in index.values() for _, t in hits]
        first, last = min(route_times), max(route_times)
        out, unmatched = [], []
        for c in calls:
            a, d = hhmm(c["arrival"]), hhmm(c["departure"])
            probe = d if d is not None else a
            hits = index.get(probe)
            if hits:
                day = hits[0][1] - probe  # multiple of 1440
            else:
                # A call the city route lacks (e.g. 沈阳北 after 沈阳): its day from where it can
                # sit — an origin before the route, a terminus after it, a pass-through inside it.
                # Trains run for days, so the time of day alone would put it on the wrong one.
                candidates = [probe + k * 1440 for k in range(0, (last // 1440) + 2)]
                if c["status"] == "始":
                    fits = [t for t in candidates if t <= first][-1:]
                elif c["status"] == "终":
                    fits = [t for t in candidates if t >= last][:1]
                else:
                    fits = [t for t in candidates if first <= t <= last]
                    near = [hhmm(r["departure"]) or hhmm(r["arrival"]) for r in route
                            if r["city"] == city_of(c["station"])]
                    if len(fits) > 1 and len(near) == 1:  # the route names the station's city
                        fits = [min(fits, key=lambda t: abs(t - near[0]))]
                if len(fits) != 1:
                    unmatched.append(c["station"])
                    continue
                day = fits[0] - probe
            aa = None if a is None else a + day
            dd = None if d is None else d + day
            if aa is not None and dd is not None and aa > dd:
                aa -= 1440  # arrived before midnight, left after it
            out.append((aa if aa is not None else dd, c["station"], aa, dd))
        if len(out) >= 2:
            # Calls whose day stays ambiguous are left out rather than guessed.
            out.sort(key=lambda x: x[0])
            return [(s, a, d) for _, s, a, d in out]
    # By time of day: cut the circle where the train originates, else at the largest gap.
    items = []
    for c in calls:
        a, d = hhmm(c["arrival"]), hhmm(c["departure"])
        items.append((a if a is not None else d, c["station"], a, d, c["status"]))
    items.sort()
    start = None
    for i, it in enumerate(items):
        if it[4] == "始":
            start = i
    if start is None:
        gaps = [((items[(i + 1) % len(items)][0] - items[i][0]) % 1440, i) for i in range(len(items))]
        start = (max(gaps)[1] + 1) % len(items)
    items = items[start:] + items[:start]
    out, day, last = [], 0, None
    for t, s, a, d, _ in items:
        if last is not None and t + day < last:
            day += 1440
        aa = None if a is None else a + day
        dd = None if d is None else d + day
        if aa is not None and dd is not None and dd < aa:
            dd += 1440
        out.append((s, aa, dd))
        last = dd if dd is not None else aa
    return out


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--src", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "rail", "gtfs"))
    ap.add_argument("--positions", default=os.path.join(here, "..", "data", "rail", "sources", "station_positions.csv"))
    args = ap.parse_args()
    rail = os.path.join(args.src, "china_rail")

    events = read_csv(os.path.join(rail, "timetable_station_events.csv"))
    routes = collections.defaultdict(list)
    for r in read_csv(os.path.join(rail, "timetable_train_city_routes.csv")):
        routes[r["train"]].append(r)
    for v in routes.values():
        v.sort(key=lambda r: int(r["seq"]))
    coords = {}
    for r in read_csv(os.path.join(rail, "stations_coords.csv")):
        coords.setdefault(r["name"], (float(r["lon_wgs84"]), float(r["lat_wgs84"]), r["city"], r["province"]))
    telecode = {r["name"]: r["telecode"] for r in read_csv(os.path.join(rail, "stations_telecode_12306.csv"))}
    divisions = read_csv(os.path.join(args.src, "china_admin_divisions", "divisions.csv"))
    cited = read_positions(args.positions)

    # Calls per (train, origin): a train number used by two different services is split.
    by_trip = collections.defaultdict(list)
    for e in events:
        by_trip[(e["train"], e["origin"], e["terminus"])].append(e)

    # Station -> city, from the city-route entry each call matches (majority vote).
    city_votes = collections.defaultdict(collections.Counter)
    for (train, _, _), calls in by_trip.items():
        for c in calls:
            probe = hhmm(c["departure"]) if c["departure"] != "-" else hhmm(c["arrival"])
            for r in routes.get(train, []):
                times = [hhmm(r["arrival"]), hhmm(r["departure"])]
                if any(t is not None and t % 1440 == probe for t in times):
                    city_votes[c["station"]][r["city"]] += 1
                    break

    stations = sorted({e["station"] for e in events})
    # City seats: prefecture-level units and municipalities, by short name.
    seat = {}
    for d in divisions:
        if d["level"] in ("city", "province") and d["short_name"]:
            key = d["short_name"]
            if d["level"] == "city" or key not in seat:
                seat[key] = (float(d["center_lon_wgs84"]), float(d["center_lat_wgs84"]), d["name"], d["adcode"])
    # County-level cities and districts whose name is a station's city (e.g. 昆山, 义乌).
    county_seat = {}
    for d in divisions:
        if d["level"] == "district" and d["short_name"]:
            county_seat.setdefault(d["short_name"], (float(d["center_lon_wgs84"]), float(d["center_lat_wgs84"]), d["name"], d["adcode"]))

    def station_city(name):
        votes = city_votes.get(name)
        if votes:
            return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        # Fallback: the longest city name that prefixes the station name (洛阳龙门 -> 洛阳).
        for n in range(len(name), 1, -1):
            if name[:n] in seat or name[:n] in county_seat:
                return name[:n]
        return name

    def city_seat(city):
        place = seat.get(city) or county_seat.get(city)
        if place is None:  # e.g. 二连 -> 二连浩特市: the unique division whose name it begins
            hits = sorted(v for k, v in county_seat.items() if k.startswith(city))
            place = hits[0] if len(hits) == 1 else None
        return place

    unknown = sorted(set(cited) - set(stations))
    if unknown:
        sys.exit("%s: not stations of the timetable: %s" % (args.positions, ", ".join(unknown)))
    stops = {}
    extra_ids = iter("X%02d" % i for i in range(1, 100))
    unplaced, too_far = [], []
    for name in stations:
        city = station_city(name)
        sid = telecode.get(name) or next(extra_ids)
        place = None if name in coords and name not in cited else city_seat(city)
        if name in cited:
            lon, lat = cited[name]
            precision = "station"
            if place is not None and haversine_km((lon, lat), place[:2]) > MAX_SEAT_DISTANCE_KM:
                too_far.append("%s (%.0f km from %s)" % (name, haversine_km((lon, lat), place[:2]), place[2]))
        elif name in coords:
            lon, lat = coords[name][0], coords[name][1]
            precision = "station"
        else:
            if place is None:
                unplaced.append(name)
                continue
            lon, lat = place[0], place[1]
            precision = "city"
        stops[name] = {"id": sid, "name": name, "lon": lon, "lat": lat, "precision": precision, "city": city}
    if unplaced:
        sys.exit("no city seat for stations: " + ", ".join(unplaced))
    if too_far:
        sys.exit("%s: more than %.0f km from the city's seat: %s"
                 % (args.positions, MAX_SEAT_DISTANCE_KM, "; ".join(too_far)))

    trips, dropped = [], collections.Counter()
    for (train, origin, terminus), calls in sorted(by_trip.items()):
        seen, uniq = set(), []
        for c in calls:
            if c["station"] in seen:
                continue  # the same call listed twice (e.g. Z99 as 直达特快 and 往香港直通车)
            seen.add(c["station"])
            uniq.append(c)
        if len(uniq) < 2:
            dropped["fewer than 2 key stations"] += 1
            continue
        ordered = order_calls(uniq, routes.get(train), station_city)
        if len(ordered) < len(uniq):
            dropped["calls whose day is ambiguous"] += len(uniq) - len(ordered)
        ok, last = True, -1
        for i, (s, a, d) in enumerate(ordered):
            a = a if a is not None else d
            d = d if d is not None else a
            if a < last or d < a:
                ok = False
            last = d
            ordered[i] = (s, a, d)
        if not ok or ordered[0][1] < 0:
            dropped["times do not increase"] += 1
            continue
        if not plausible(ordered, stops):
            dropped["a hop faster than %d km/h (calls out of order)" % MAX_SPEED_KMH] += 1
            continue
        trips.append((train, origin, terminus, uniq[0]["train_type"], ordered))

    # Trip ids: the train number, suffixed when a number serves two origin/terminus pairs.
    counts = collections.Counter(t[0] for t in trips)
    seen_n = collections.Counter()
    os.makedirs(args.out, exist_ok=True)

    def write(name, header, rows):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("agency.txt", ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"],
          [["CR", "中国铁路 China Railway (timetable snapshot ~2020-21, via RailwayVIS)",
            "https://github.com/thaddywu/RailwayVIS", "Asia/Shanghai", "zh"]])
    write("feed_info.txt", ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date",
                            "feed_end_date", "feed_version"],
          [["zhitu scripts/build_rail_gtfs.py", "https://github.com/thaddywu/RailwayVIS", "zh", START_DATE,
            END_DATE, "china-rail-2020-21-keystations-1"]])
    stop_rows = []
    for name in stations:
        s = stops[name]
        stop_rows.append([s["id"], name, "%.6f" % s["lat"], "%.6f" % s["lon"], "0", s["precision"]])
    stop_rows.sort()
    write("stops.txt", ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "position_precision"],
          stop_rows)

    route_rows, trip_rows, st_rows = [], [], []
    for train, origin, terminus, ttype, ordered in trips:
        trip_id = train
        if counts[train] > 1:
            seen_n[train] += 1
            trip_id = "%s_%d" % (train, seen_n[train])
        rtype = "2" if train[:1] not in ("G", "D", "C") else "2"
        route_rows.append([trip_id, "CR", train, "%s %s-%s" % (ttype, origin, terminus), rtype])
        trip_rows.append([trip_id, "daily", trip_id, terminus, train])
        for seq, (s, a, d) in enumerate(ordered, start=1):
            st_rows.append([trip_id, fmt(a), fmt(d), stops[s]["id"], str(seq)])
    write("routes.txt", ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type"], route_rows)
    write("trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign", "trip_short_name"], trip_rows)
    write("stop_times.txt", ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"], st_rows)
    write("calendar.txt", ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                           "sunday", "start_date", "end_date"],
          [["daily", "1", "1", "1", "1", "1", "1", "1", START_DATE, END_DATE]])

    # Cities as GTFS areas (areas.txt + stop_areas.txt); transfers within a station and between
    # the stations of one city.
    cities = collections.defaultdict(list)
    for name in stations:
        cities[stops[name]["city"]].append(stops[name])
    area_rows, stop_area_rows, transfer_rows = [], [], []
    for city in sorted(cities):
        members = sorted(cities[city], key=lambda s: s["id"])
        area_rows.append(["city:" + city, city])
        for s in members:
            stop_area_rows.append(["city:" + city, s["id"]])
    for name in stations:
        s = stops[name]
        transfer_rows.append([s["id"], s["id"], "2", str(SAME_STATION_TRANSFER_S)])
    for city in sorted(cities):
        members = sorted(cities[city], key=lambda s: s["id"])
        for a in members:
            for b in members:
                if a is not b:
                    transfer_rows.append([a["id"], b["id"], "2",
                                          str(city_transfer_s((a["lon"], a["lat"]), (b["lon"], b["lat"])))])
    transfer_rows.sort()
    write("areas.txt", ["area_id", "area_name"], area_rows)
    write("stop_areas.txt", ["area_id", "stop_id"], sorted(stop_area_rows))
    write("transfers.txt", ["from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time"], transfer_rows)

    n_city = sum(1 for s in stops.values() if s["precision"] == "city")
    print("stations %d (%d at cited positions, %d placed at their city's seat), cities %d (%d with several "
          "stations), trips %d, stop_times %d, dropped %s" % (len(stops), len(cited), n_city, len(cities),
                                         sum(1 for v in cities.values() if len(v) > 1), len(trips),
                                         len(st_rows), dict(sorted(dropped.items()))))


if __name__ == "__main__":
    main()
