// SPDX-License-Identifier: Apache-2.0
// The dynasty timeline (#timeline) under the map: China's dynasties and the periods that group
// them, as bars on a year axis in lanes (a dynasty's parts — 西周, 东周 of 周 — in a band of lanes
// below it), with Luoyang's capitals marked. Clicking a bar filters the map to its span (clicking
// it again clears); the year ruler under the bars is a slider for a single year (click or drag;
// ←/→ one year, PageUp/PageDown ten). The span shows as text, e.g. "690年—705年 武周".
//
//   const tl = createTimeline(el, { onChange: (span) => … });   // span {from, to} or null
//   tl.setFeatures(features);   // /api/features?kind=dynasty,period
//   tl.set({ from: 690, to: 705 });   // from the permalink; does not call onChange
//   tl.render();                // after a language change

import { debounce, h } from './dom.js';
import { entityName, formatTimeSpan, formatYear, lang, t } from './i18n.js';

// The thirteen capitals of Luoyang (武周 counted apart from 唐 makes fourteen dynasties).
export const kLuoyangCapitals = new Set([
  'dyn-xia', 'dyn-shang', 'dyn-western-zhou', 'dyn-eastern-zhou', 'dyn-eastern-han', 'dyn-cao-wei',
  'dyn-western-jin', 'dyn-northern-wei', 'dyn-sui', 'dyn-tang', 'dyn-wu-zhou', 'dyn-later-liang',
  'dyn-later-tang', 'dyn-later-jin',
]);

// Before 221 BCE (Qin unifies China) the dynasties are few and centuries long: a quarter of the
// density there keeps the bar usable, while 武周's fifteen years still get 30 px.
const kBreakYear = -220;
const kEarlyPxPerYear = 0.5;
const kPxPerYear = 2;
const kRowPx = 17;
const kMinBarPx = 3;
const kMargin = 30; // years of axis beyond the first and last bar

const isYear = (v) => typeof v === 'number' && Number.isFinite(v);
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

// A piecewise-linear axis from year `min` to `max`: x(year) in pixels and back.
export function timeScale(min, max) {
  const b = clamp(kBreakYear, min, max);
  const early = (b - min) * kEarlyPxPerYear;
  return {
    min,
    max,
    width: early + (max - b) * kPxPerYear,
    x: (y) => (y <= b ? (y - min) * kEarlyPxPerYear : early + (y - b) * kPxPerYear),
    year: (x) => clamp(Math.round(x <= early ? min + x / kEarlyPxPerYear : b + (x - early) / kPxPerYear),
                       min, max),
  };
}

// The bars to draw from dynasty and period features: every dynasty but regional regimes (渤海,
// 辽: they ran beside the dynasties, not in the sequence), the periods that divide a dynasty
// (春秋, 战国 of 东周) and those after the last dynasty (民国). Periods that group dynasties
// (三国, 五代) or span many (the Bronze Age) are left out: their dynasties already fill the span,
// and each would need a lane of its own. Lanes: by depth in the parent chain, then first fit.
export function timelineItems(features) {
  const all = [];
  for (const f of features) {
    const p = f.properties ?? {};
    if (p.scope === 'regional' || !isYear(p.start) || !isYear(p.end) || p.start > p.end) continue;
    all.push({ id: p.id ?? f.id, kind: p.kind, name: p.name, name_en: p.name_en, start: p.start,
               end: p.end, parent: p.parent ?? null });
  }
  const dynasties = all.filter((i) => i.kind === 'dynasty');
  const lastEnd = dynasties.length ? Math.max(...dynasties.map((i) => i.end)) : Infinity;
  const isDynasty = new Set(dynasties.map((i) => i.id));
  const shown = new Map(all.filter((i) => isDynasty.has(i.id) || isDynasty.has(i.parent) || i.start >= lastEnd)
    .map((i) => [i.id, i]));
  const depthOf = (i) => {
    let d = 0;
    for (let p = shown.get(i.parent); p && d < shown.size; p = shown.get(p.parent)) ++d;
    return d;
  };
  const items = [...shown.values()].map((i) => ({ ...i, depth: depthOf(i), luoyang: kLuoyangCapitals.has(i.id) }));
  items.sort((a, b) => a.depth - b.depth || a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const lanes = []; // {depth, end}
  for (const item of items) {
    let lane = lanes.findIndex((l) => l.depth === item.depth && l.end <= item.start);
    if (lane < 0) {
      lane = lanes.length;
      lanes.push({ depth: item.depth, end: item.end });
    }
    lanes[lane].end = item.end;
    item.lane = lane;
  }
  return { items, lanes: lanes.length };
}

// The span as text: its years, and the entries it is (or lies within), outermost first.
export function spanLabel(span, items) {
  if (!span) return '';
  const years = formatTimeSpan({ start: span.from, end: span.to });
  const exact = items.filter((i) => i.start === span.from && i.end === span.to);
  const named = exact.length ? exact
    : items.filter((i) => i.start <= span.from && i.end >= span.to).sort((a, b) => a.depth - b.depth);
  const names = named.map((i) => entityName(i.name, i.name_en)).join(lang() === 'zh' ? '、' : ', ');
  return names ? `${years} ${names}` : years;
}

// Axis labels every 100 years; before kBreakYear every 500 (BCE years are 1 - astronomical).
function tickYears(scale) {
  const years = [];
  for (let n = 100; 1 - n >= scale.min; n += 100) {
    if (1 - n > kBreakYear || n % 500 === 0) years.push(1 - n);
  }
  for (let y = 100; y <= scale.max; y += 100) years.push(y);
  return years;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

export function createTimeline(el, { onChange }) {
  let items = [];
  let lanes = 0;
  let scale = timeScale(kBreakYear - 100, 2030);
  let span = null;
  let placed = false; // scrolled to a starting place once the bars are known

  const title = h('h2', { class: 'tl-title' });
  const key = h('span', { class: 'tl-key' });
  const spanText = h('output', { id: 'timeline-span', class: 'tl-span' });
  const clear = h('button', { type: 'button', class: 'tl-clear' }, '×');
  const lanesEl = h('div', { class: 'tl-lanes' });
  const ruler = h('div', { class: 'tl-ruler', role: 'slider', tabindex: '0', 'aria-orientation': 'horizontal' });
  const band = h('div', { class: 'tl-band' });
  const track = h('div', { class: 'tl-track' }, lanesEl, ruler, band);
  const scroller = h('div', { class: 'tl-scroll' }, track);
  el.replaceChildren(h('div', { class: 'tl-head' }, title, key, spanText, clear), scroller);

  // Dragging emits at most every 60 ms: each change refilters every layer of the map.
  const emitSoon = debounce(() => onChange(span), 60);
  function change(next, { soon = false } = {}) {
    span = next;
    render();
    if (soon) {
      emitSoon();
    } else {
      emitSoon.cancel();
      onChange(span);
    }
  }

  function centreOn(year) {
    scroller.scrollLeft = scale.x(year) - scroller.clientWidth / 2;
  }

  function reveal() {
    if (!span) return;
    const left = scale.x(span.from);
    const right = scale.x(span.to);
    if (left < scroller.scrollLeft || right > scroller.scrollLeft + scroller.clientWidth) {
      centreOn((span.from + span.to) / 2);
    }
  }

  function renderBars() {
    lanesEl.style.height = `${Math.max(1, lanes) * kRowPx}px`;
    lanesEl.replaceChildren(...items.map((i) => {
      const name = entityName(i.name, i.name_en) || i.id;
      const pressed = span?.from === i.start && span?.to === i.end;
      const bar = h('button', {
        type: 'button', class: `tl-bar${i.luoyang ? ' tl-luoyang' : ''}`, dataset: { id: i.id },
        'aria-pressed': pressed ? 'true' : 'false',
        title: `${name} ${formatTimeSpan(i)}${i.luoyang ? ` · ${t('timelineLuoyang')}` : ''}`,
      }, name);
      // CSSOM, not style attributes: fine under a strict CSP.
      bar.style.left = `${scale.x(i.start)}px`;
      bar.style.width = `${Math.max(kMinBarPx, scale.x(i.end) - scale.x(i.start))}px`;
      bar.style.top = `${i.lane * kRowPx}px`;
      bar.addEventListener('click', () => change(pressed ? null : { from: i.start, to: i.end }));
      return bar;
    }));
  }

  function renderRuler() {
    ruler.replaceChildren(...tickYears(scale).map((y) => {
      const tick = h('span', { class: 'tl-tick' }, formatYear(y));
      tick.style.left = `${scale.x(y)}px`;
      return tick;
    }));
    ruler.setAttribute('aria-label', t('timelineYear'));
    ruler.setAttribute('aria-valuemin', String(scale.min));
    ruler.setAttribute('aria-valuemax', String(scale.max));
    if (span) {
      ruler.setAttribute('aria-valuenow', String(span.from));
      ruler.setAttribute('aria-valuetext', spanLabel(span, items));
    } else {
      ruler.removeAttribute('aria-valuenow');
      ruler.setAttribute('aria-valuetext', t('timelineHint'));
    }
  }

  function render() {
    el.setAttribute('aria-label', t('timelineLabel'));
    title.textContent = t('timelineTitle');
    key.replaceChildren(h('span', { class: 'tl-key-swatch' }), t('timelineLuoyang'));
    spanText.textContent = span ? spanLabel(span, items) : t('timelineHint');
    spanText.classList.toggle('tl-span-on', Boolean(span));
    clear.hidden = !span;
    clear.title = t('timelineClear');
    clear.setAttribute('aria-label', t('timelineClear'));
    track.style.width = `${scale.width}px`;
    renderBars();
    renderRuler();
    band.hidden = !span;
    if (span) {
      band.style.left = `${scale.x(span.from)}px`;
      band.style.width = `${scale.x(span.to) - scale.x(span.from)}px`;
      band.classList.toggle('tl-band-year', span.from === span.to);
    }
  }

  // --- the year slider -------------------------------------------------------------------------
  let dragging = false;
  const yearAt = (e) => scale.year(e.clientX - track.getBoundingClientRect().left);
  const setYear = (y) => change({ from: y, to: y }, { soon: true });
  ruler.addEventListener('pointerdown', (e) => {
    dragging = true;
    ruler.setPointerCapture(e.pointerId);
    setYear(yearAt(e));
  });
  ruler.addEventListener('pointermove', (e) => {
    if (dragging) setYear(yearAt(e));
  });
  const endDrag = () => {
    dragging = false;
    if (emitSoon.pending()) change(span);
  };
  ruler.addEventListener('pointerup', endDrag);
  ruler.addEventListener('pointercancel', endDrag);
  const kSteps = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 };
  ruler.addEventListener('keydown', (e) => {
    let year = null;
    const from = span?.from ?? scale.year(scroller.scrollLeft + scroller.clientWidth / 2);
    if (e.key in kSteps) year = clamp(from + kSteps[e.key], scale.min, scale.max);
    else if (e.key === 'Home') year = scale.min;
    else if (e.key === 'End') year = scale.max;
    else if (e.key === 'Escape' && span) change(null);
    else return;
    e.preventDefault();
    if (year !== null) {
      setYear(year);
      reveal();
    }
  });

  clear.addEventListener('click', () => change(null));
  // A vertical wheel scrolls the years sideways.
  scroller.addEventListener('wheel', (e) => {
    if (Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
    e.preventDefault();
    scroller.scrollLeft += e.deltaY;
  }, { passive: false });

  render();
  return {
    setFeatures(features) {
      ({ items, lanes } = timelineItems(features));
      if (items.length) {
        scale = timeScale(Math.min(...items.map((i) => i.start)) - kMargin,
                          Math.max(...items.map((i) => i.end)) + kMargin);
      }
      render();
      if (!placed && items.length) {
        placed = true;
        // Start on Luoyang's capitals (the median one), or on the chosen span.
        if (span) reveal();
        else centreOn(median(items.filter((i) => i.luoyang).map((i) => (i.start + i.end) / 2)));
      }
    },
    set(next) {
      span = next;
      render();
      reveal();
    },
    render,
  };
}
