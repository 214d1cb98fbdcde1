// SPDX-License-Identifier: Apache-2.0
// The legend (#legend): one row per content kind with a colour swatch, its label, its count and
// a checkbox that shows or hides the kind's layers. While a time filter is on, each count reads
// "shown / all" and a note says that undated entries are hidden. A key says what a hollow ring
// means (a position known only to its district or city).
//
//   const legend = createLegend(el, { onToggle: (kind, visible) => … });
//   legend.setKinds([{kind, count}]); legend.setLocated('dynasty', 0); legend.setLoading(false);
//   legend.setShown(new Map([['heritage_site', 312]]));   // or null: no time filter
//   legend.setHidden(new Set(['museum']));                 // unticked, as from the permalink

import { h } from './dom.js';
import { formatCount, kindLabel, t } from './i18n.js';
import { kindColour } from './layers.js';

function swatch(kind) {
  const el = h('span', { class: 'legend-swatch' });
  el.style.background = kindColour(kind); // CSSOM, not a style attribute: fine under a strict CSP
  return el;
}

export function createLegend(el, { onToggle }) {
  let kinds = [];
  let loading = true;
  const visible = new Map();
  const locatedCount = new Map();
  let shown = null; // Map kind → features matching the time filter, or null

  function render() {
    const rows = kinds.map(({ kind, count }) => {
      const noLocation = locatedCount.get(kind) === 0;
      const box = h('input', { type: 'checkbox', class: 'legend-toggle', checked: visible.get(kind) !== false,
                               disabled: noLocation });
      box.addEventListener('change', () => {
        visible.set(kind, box.checked);
        onToggle(kind, box.checked);
      });
      return h('li', { class: `legend-item${noLocation ? ' legend-item-nolocation' : ''}`,
                       dataset: { kind }, title: kind },
        h('label', {},
          box,
          swatch(kind),
          h('span', { class: 'legend-label' }, kindLabel(kind, true)),
          noLocation ? h('span', { class: 'legend-note' }, t('legendNoLocation')) : null,
          h('span', { class: 'legend-count' },
            shown && !noLocation ? `${formatCount(shown.get(kind) ?? 0)} / ${formatCount(count)}`
              : formatCount(count))));
    });
    el.replaceChildren(
      h('h2', { class: 'legend-title' }, t('legendTitle')),
      h('ul', { class: 'legend-list' }, rows),
      h('div', { class: 'legend-status legend-precision' },
        h('span', { class: 'legend-ring' }), t('legendCoarse')),
      ...(shown ? [h('div', { class: 'legend-status legend-time' }, t('legendTimeFilter'))] : []),
      ...(loading ? [h('div', { class: 'legend-status' }, t('legendLoading'))] : []));
  }

  return {
    setKinds(next) {
      kinds = next;
      render();
    },
    setLocated(kind, n) {
      locatedCount.set(kind, n);
      render();
    },
    setLoading(next) {
      loading = next;
      render();
    },
    setShown(next) {
      shown = next;
      render();
    },
    setHidden(hidden) {
      visible.clear();
      for (const kind of hidden) visible.set(kind, false);
      render();
    },
    render,
  };
}
