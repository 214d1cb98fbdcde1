// SPDX-License-Identifier: Apache-2.0
// The time filter of the map: a span {from, to} of astronomical years, inclusive, put to the
// server, which does the filtering: an entity matches when its own span (`start`, `end`) shares a
// year with it, a missing end being open ("since 1909"); entities with neither are undated and
// do not match, so while a filter is on they are hidden (the legend says so), since "no date"
// cannot be said to overlap 690.
//
//   spanQuery({ from: 690, to: 705 })      // '?from=690&to=705' (vector tiles), '' for null
//   spanDatetime({ from: -769, to: 705 })  // '-0769-01-01/0705-12-31' (the API's `datetime`)

export function spanQuery(span) {
  return span ? `?from=${span.from}&to=${span.to}` : '';
}

// ISO 8601 years, expanded below 0 (`-0769`: 770 BCE), as the API's `datetime` takes them.
const isoYear = (y) => `${y < 0 ? '-' : ''}${String(Math.abs(y)).padStart(4, '0')}`;

export function spanDatetime(span) {
  return `${isoYear(span.from)}-01-01/${isoYear(span.to)}-12-31`;
}
