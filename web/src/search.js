// SPDX-License-Identifier: Apache-2.0
// The search box: typing asks `/api/suggest` (debounced 150 ms, stale answers dropped), the
// results list under the box (#search-results, items .search-result[data-id]) is navigated with
// ↑/↓, and Enter or a click selects — Enter right after typing waits for that query's answer.
// The part of the name that matched is wrapped in <mark class="sr-hit">; results found through
// pinyin show it (.sr-pinyin), e.g. "long men shi ku" for `lmsk`.
//
//   createSearch({ input, list, onSelect: (result) => … })   // result: {id, kind, names, lon, lat}
//   createSearch({ input, list, kind: 'station', onSelect })  // only that kind (asks /api/search)
// Options are `<list id>-<n>`, so two boxes (the top bar's, the graph panel's) can share a page.

import * as api from './api.js';
import { debounce, h } from './dom.js';
import { entityName, kindLabel, secondaryName, t } from './i18n.js';

const kDebounceMs = 150;
const kLimit = 8;

// `text` with [begin, end) — UTF-16 code units, as JavaScript indexes strings — marked.
export function highlight(text, begin, end) {
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end <= begin || end > text.length) {
    return [text];
  }
  return [text.slice(0, begin), h('mark', { class: 'sr-hit' }, text.slice(begin, end)), text.slice(end)];
}

export function createSearch({ input, list, onSelect, kind = null }) {
  let results = [];
  let message = '';   // shown instead of results: "no results" or an error
  let active = -1;
  let shownQuery = '';
  let inflight = null; // { q, controller, promise }

  function setExpanded(open) {
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function render() {
    const items = results.map((r, i) => {
      const zh = r.names?.zh ?? '';
      const en = r.names?.en ?? '';
      const primary = entityName(zh, en) || r.id;
      const secondary = secondaryName(zh, en);
      const m = r.matched ?? {};
      const alias = m.field === 'alias' && m.name ? `${t('aliases')}: ${m.name}` : '';
      // Highlight in the shown name when that is the name that matched, else in the sub line.
      const primaryParts = m.name === primary ? highlight(primary, m.begin, m.end) : [primary];
      const subParts = [];
      if (secondary) subParts.push(...(m.name === secondary && m.name !== primary ? highlight(secondary, m.begin, m.end) : [secondary]));
      if (alias) {
        if (subParts.length) subParts.push(' · ');
        subParts.push(`${t('aliases')}: `, ...highlight(m.name, m.begin, m.end));
      }
      const li = h('li', {
        class: 'search-result', role: 'option', id: `${list.id}-${i}`,
        'aria-selected': i === active ? 'true' : 'false', dataset: { id: r.id, kind: r.kind },
      },
      h('span', { class: 'sr-main' },
        h('span', { class: 'sr-name' }, primaryParts),
        h('span', { class: 'sr-kind' }, kindLabel(r.kind))),
      m.pinyin ? h('span', { class: 'sr-pinyin', lang: 'zh-Latn-pinyin' }, m.pinyin) : null,
      subParts.length ? h('span', { class: 'sr-sub' }, subParts) : null);
      // mousedown, not click: keeps the focus in the input, so the list does not close first.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(i);
      });
      return li;
    });
    if (!items.length && message) items.push(h('li', { class: 'search-empty', role: 'presentation' }, message));
    list.replaceChildren(...items);
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    setExpanded(items.length > 0 && document.activeElement === input);
  }

  function run(q) {
    if (inflight?.q === q) return inflight.promise;
    inflight?.controller.abort();
    if (!q) {
      inflight = null;
      results = [];
      message = '';
      shownQuery = '';
      active = -1;
      render();
      return Promise.resolve();
    }
    const controller = new AbortController();
    // /api/suggest has no kind filter; /api/search does, and answers in the same shape.
    const ask = kind ? api.search(q, { limit: kLimit, kind, signal: controller.signal })
      : api.suggest(q, { limit: kLimit, signal: controller.signal });
    const promise = ask.then(
      (res) => {
        if (inflight?.controller !== controller) return;
        results = res;
        message = res.length ? '' : t('searchNoResults');
        shownQuery = q;
        active = -1;
        render();
      },
      (err) => {
        if (err.name === 'AbortError' || inflight?.controller !== controller) return;
        results = [];
        message = t('searchError') + err.message;
        shownQuery = q;
        render();
      });
    inflight = { q, controller, promise };
    return promise;
  }

  const debouncedRun = debounce(() => run(input.value.trim()), kDebounceMs);

  function choose(i) {
    const r = results[i];
    if (!r) return;
    input.value = entityName(r.names?.zh, r.names?.en) || r.id;
    setExpanded(false);
    onSelect(r);
  }

  function move(delta) {
    if (!results.length) return;
    active = (active + delta + results.length) % results.length;
    render();
    list.querySelector(`#${list.id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('input', () => debouncedRun());
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden && results.length) setExpanded(true);
      else move(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = input.value.trim();
      if (debouncedRun.pending() || shownQuery !== q) {
        debouncedRun.cancel();
        await run(q);
        if (input.value.trim() !== q) return; // typed on meanwhile
      }
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault(); // or Chrome also clears a type=search input
        setExpanded(false);
      } else {
        input.blur();
      }
    }
  });
  input.addEventListener('focus', () => {
    if (results.length || message) setExpanded(true);
  });
  input.addEventListener('blur', () => setExpanded(false));

  return { render };
}
