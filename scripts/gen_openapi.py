#!/usr/bin/env python3
"""Writes docs/openapi.json, the OpenAPI 3.0 document the server serves at /api.

Run after changing an endpoint:  python3 scripts/gen_openapi.py
(tests/server/openapi_test.cc checks that the document lists every route.)
"""
import json
import pathlib

def param(name, where='query', required=False, desc='', schema=None):
    return {"name": name, "in": where, "required": required or where == 'path', "description": desc,
            "schema": schema or {"type": "string"}}
def ok(desc, ctype='application/json', schema=None):
    return {"200": {"description": desc, "content": {ctype: {"schema": schema or {"type": "object"}}}},
            "400": {"$ref": "#/components/responses/Problem"}}
def get(summary, params=(), resp=None, tag='zhitu', extra=None):
    op = {"summary": summary, "tags": [tag], "parameters": list(params), "responses": resp or ok(summary)}
    if extra: op["responses"].update(extra)
    return {"get": op}
nf = {"404": {"$ref": "#/components/responses/Problem"}}
integer = lambda mn=None, mx=None, d=None: {k: v for k, v in {"type": "integer", "minimum": mn, "maximum": mx, "default": d}.items() if v is not None}
fc = {"$ref": "#/components/schemas/FeatureCollection"}
bbox = param('bbox', desc='west,south,east,north in WGS84 degrees; boxes across the antimeridian are refused',
             schema={"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number"}})
bbox["style"] = "form"; bbox["explode"] = False
datetime = param('datetime', desc='an instant or interval (a/b, open ends ..): RFC 3339 date-times or dates; '
                 'ISO 8601 expanded years for BCE (-0769-01-01 is 770 BCE). Features whose span overlaps it.')
f = param('f', desc='output format; only json', schema={"type": "string", "enum": ["json", "geojson"]})
paths = {
 "/health": get("Liveness and catalog size"),
 "/api": get("This OpenAPI 3.0 document", [f], ok("the API definition", "application/vnd.oai.openapi+json;version=3.0")),
 "/api/kinds": get("Kinds of entity with their counts"),
 "/api/stats": get("Catalog size, index build times and memory"),
 "/api/entities/{id}": get("One entity with names, geometry, time span, properties and sources (with each fact's citation)",
                           [param('id', 'path')], extra=nf),
 "/api/entities/{id}/relations": get("Imported and derived relations of an entity, with sources or rules",
                           [param('id', 'path'), param('predicate')], extra=nf),
 "/api/entities/{id}/graph": get("Neighbourhood as nodes and edges for a graph view",
                           [param('id', 'path'), param('hops', schema=integer(1, 3, 1)), param('predicate'),
                            param('hub_degree', desc='entities with more relations are shown but not walked through', schema=integer(1, None, 40))], extra=nf),
 "/api/path": get("A path with the fewest steps between two entities",
                  [param('from', required=True), param('to', required=True), param('max_hops', schema=integer(1, 8, 6)), param('predicate')], extra=nf),
 "/api/search": get("Chinese-first name search: characters, pinyin, initials, traditional, English, typos",
                    [param('q', required=True), param('near', desc='lon,lat'), param('kind', desc='comma-separated kinds'), param('limit', schema=integer(1, 100, 10))]),
 "/api/suggest": get("Autocomplete suggestions", [param('q', required=True), param('limit', schema=integer(1, 20, 8))]),
 "/api/features": get("Entities as GeoJSON, by box, kind and time, a page at a time",
                      [bbox, param('kind'), datetime, param('limit', schema=integer(1, 10000, 100)), param('offset', schema=integer(0))],
                      ok("a page of features", "application/geo+json", fc)),
 "/api/query": {"post": {"summary": "One query over text, place, time, kinds and relations, with explain", "tags": ["zhitu"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": ok("results and, when asked, the plan")}},
 "/api/annotate": {"post": {"summary": "Mentions of catalog entities in a text (article to map)", "tags": ["zhitu"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["text"], "additionalProperties": False,
                    "properties": {"text": {"type": "string", "maxLength": 524288},
                                   "kinds": {"type": "array", "items": {"type": "string"}},
                                   "min_confidence": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5}}}}}},
                "responses": ok("mentions with UTF-16 and byte offsets, entity and confidence")}},
 "/api/journeys": get("Earliest-arrival rail journeys (RAPTOR) on the loaded GTFS timetable",
                      [param('from', required=True, desc='station name, city or stop id'), param('to', required=True), param('date', desc='YYYY-MM-DD'),
                       param('depart', desc='HH:MM'), param('arrive_by', desc='HH:MM'), param('max_transfers', schema=integer(0)), param('window', desc='range query: minutes after depart')],
                      extra={"503": {"$ref": "#/components/responses/Problem"}}),
 "/api/itineraries": {"post": {"summary": "Itinerary designer: the order of places and the trains that end a tour earliest (exact up to 10 places), with the heritage around each arrival station", "tags": ["zhitu"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["start"], "additionalProperties": False,
                    "properties": {"start": {"type": "string", "description": "station or city, by id or name"},
                                   "theme": {"type": "string", "description": "a theme id from /api/itineraries/themes (or give places)"},
                                   "places": {"type": "array", "minItems": 1, "maxItems": 40, "items": {"oneOf": [
                                       {"type": "string"},
                                       {"type": "object", "required": ["place"], "additionalProperties": False,
                                        "properties": {"place": {"type": "string"}, "stay_hours": {"type": "number", "minimum": 0, "maximum": 240}}}]}},
                                   "min_stay_hours": {"type": "number", "minimum": 0, "maximum": 240, "default": 24},
                                   "return_to_start": {"type": "boolean", "default": True},
                                   "date": {"type": "string", "format": "date"},
                                   "depart": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                                   "travel_hours": {"nullable": True, "type": "object", "required": ["from", "to"],
                                                    "properties": {"from": {"type": "string", "default": "07:00"}, "to": {"type": "string", "default": "23:00"}}},
                                   "max_transfers": {"type": "integer", "minimum": 0, "maximum": 7, "default": 3},
                                   "sites_radius_km": {"type": "number", "minimum": 0, "maximum": 50, "default": 10},
                                   "sites_limit": {"type": "integer", "minimum": 0, "maximum": 50, "default": 8}}}}}},
                "responses": dict(ok("stops with arrival, departure, station and sites; legs with their trains; places left out and why"),
                                  **{"503": {"$ref": "#/components/responses/Problem"}})}},
 "/api/itineraries/themes": get("Itinerary themes (ancient capitals, provincial capitals, historic cities), each place with its source"),
 "/tiles/{set}/{z}/{x}/{y}.mvt": get("A Mapbox Vector Tile 2.1",
                      [param('set', 'path', schema={"type": "string", "enum": ["basemap", "entities"]}),
                       param('z', 'path', schema=integer(0, 22)), param('x', 'path', schema=integer(0)), param('y', 'path', schema=integer(0)),
                       param('kinds'), param('from', schema={"type": "integer"}), param('to', schema={"type": "integer"})],
                      ok("the tile", "application/vnd.mapbox-vector-tile", {"type": "string", "format": "binary"}), tag='tiles'),
 "/tiles/{set}.json": get("TileJSON 3.0.0 of a tile set", [param('set', 'path')], tag='tiles'),
 "/fonts/{fontstack}/{range}.pbf": get("Label glyphs (signed distance fields)", [param('fontstack', 'path'), param('range', 'path')],
                      ok("256 glyphs", "application/x-protobuf", {"type": "string", "format": "binary"}), tag='tiles'),
 "/styles/default.json": get("A MapLibre style using only this server's tiles and glyphs",
                      [param('lang', schema={"type": "string", "enum": ["zh", "en"]})], tag='tiles'),
 "/ogc": get("OGC API – Features landing page", [f], tag='OGC API – Features'),
 "/ogc/conformance": get("Conformance classes", [f], tag='OGC API – Features'),
 "/ogc/collections": get("The collections: one per kind of entity", [f], tag='OGC API – Features'),
 "/ogc/collections/{collectionId}": get("One collection", [param('collectionId', 'path'), f], tag='OGC API – Features', extra=nf),
 "/ogc/collections/{collectionId}/items": get("Features of a collection",
                      [param('collectionId', 'path'), bbox, datetime, param('limit', schema=integer(1, 10000, 10)), param('offset', schema=integer(0)), f,
                       param('filter', desc='CQL2 text: comparisons, LIKE, BETWEEN, IN, IS NULL, AND/OR/NOT, S_INTERSECTS/S_WITHIN/S_CONTAINS/S_DISJOINT on geometry, every T_ function on time'),
                       param('filter-lang', schema={"type": "string", "enum": ["cql2-text"]}),
                       param('filter-crs', schema={"type": "string", "enum": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]}),
                       param('skipGeometry', desc='true: features without their geometry', schema={"type": "boolean", "default": False})],
                      ok("a page of features with next/prev links", "application/geo+json", fc), tag='OGC API – Features', extra=nf),
 "/ogc/collections/{collectionId}/queryables": get("The properties a filter may name (JSON Schema)",
                      [param('collectionId', 'path'), f], ok("queryables", "application/schema+json"), tag='OGC API – Features', extra=nf),
 "/ogc/collections/{collectionId}/items/{featureId}": get("One feature",
                      [param('collectionId', 'path'), param('featureId', 'path'), f],
                      ok("the feature", "application/geo+json", {"$ref": "#/components/schemas/Feature"}), tag='OGC API – Features', extra=nf),
}
doc = {"openapi": "3.0.3",
       "info": {"title": "zhitu 智图 API", "version": "1", "description": "Cultural heritage and city data as a geo knowledge graph: search, relations, time, tiles, rail journeys, annotation and OGC API – Features. Every coordinate is WGS84 lon/lat; years are astronomical (1 BCE = 0). Errors are RFC 9457 problem details.",
                "license": {"name": "Apache-2.0"}},
       "servers": [{"url": "/"}],
       "paths": paths,
       "components": {
         "responses": {"Problem": {"description": "RFC 9457 problem details naming the bad field",
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
         "schemas": {
           "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "field": {"type": "string"}}},
           "Feature": {"type": "object", "required": ["type", "geometry", "properties"], "properties": {"type": {"type": "string", "enum": ["Feature"]}, "id": {"type": "string"}, "geometry": {"nullable": True, "type": "object"}, "properties": {"type": "object", "nullable": True}}},
           "FeatureCollection": {"type": "object", "required": ["type", "features"], "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]}, "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}}, "numberMatched": {"type": "integer"}, "numberReturned": {"type": "integer"}, "links": {"type": "array", "items": {"type": "object"}}}}}}}
(pathlib.Path(__file__).resolve().parent.parent / 'docs' / 'openapi.json').write_text(json.dumps(doc, ensure_ascii=False, indent=1) + '\n')
