// SPDX-License-Identifier: Apache-2.0
// The time filter of the map: a span {from, to} of astronomical years, inclusive. A feature
// matches when its own span (properties `start`, `end`) shares a year with it; a missing end is
// open (`start` alone: "since 1909"). Features with neither are undated and do not match, as the
// server's `datetime` parameter treats them: while a filter is on they are hidden (the legend
// says so), since "no date" cannot be said to overlap 690.
//
//   inSpan({ start: 386, end: 907 }, { from: 690, to: 705 })   // true
//   map.setFilter(layer, ['all', geometryFilter, spanFilter(span)]);

const isYear = (v) => typeof v === 'number' && Number.isFinite(v);

export function inSpan(props, span) {
  if (!span) return true;
  const { start, end } = props ?? {};
  if (!isYear(start) && !isYear(end)) return false;
  return (isYear(start) ? start : -Infinity) <= span.to && (isYear(end) ? end : Infinity) >= span.from;
}

// The same test as a MapLibre expression. `number` with fallbacks reads null and missing alike.
export function spanFilter(span) {
  const year = (key) => ['==', ['typeof', ['get', key]], 'number'];
  return ['all',
    ['any', year('start'), year('end')],
    ['<=', ['number', ['get', 'start'], -1e9], span.to],
    ['>=', ['number', ['get', 'end'], 1e9], span.from]];
}
