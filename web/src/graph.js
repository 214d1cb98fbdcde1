// SPDX-License-Identifier: Apache-2.0
// The relations graph (#graph-panel): an entity's neighbourhood from /api/entities/{id}/graph
// (1 or 2 hops) drawn by cytoscape: nodes in their kind's colour, ringed by distance from the
// entity; edges labelled with the predicate in the UI language, dashed when the engine derived
// them. Clicking a node calls onSelect (the map flies there, the card opens). "How is it connected
// to …" picks a second entity (the search box's autocomplete) and highlights /api/path's path,
// adding the nodes on it that the view lacks. cytoscape (~400 KB) is loaded on first use only.
// The panel keeps the root in `data-id`, its state in `data-state` (loading | ready | error).
//
//   const graph = createGraphPanel(el, { onSelect: (node) => …, onClose });
//   graph.open({ id, names });  graph.close();  graph.render();  graph.cy  // for tests

import * as api from './api.js';
import { h } from './dom.js';
import { entityName, predicateLabel, t } from './i18n.js';
import { kindColour } from './layers.js';
import { createSearch } from './search.js';

const kPathColour = '#c2352b';

// Canvas text has no CSS cascade: the page's font family is passed in.
const graphStyle = (font) => [
  { selector: 'node', style: {
    'background-color': 'data(colour)', label: 'data(label)', width: 16, height: 16,
    'border-width': 1.5, 'border-color': '#ffffff', 'font-family': font, 'font-size': 11,
    color: '#1f2a44', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
    'text-max-width': 120, 'text-background-color': '#ffffff', 'text-background-opacity': 0.8,
    'text-background-padding': 1,
  } },
  { selector: 'node.root', style: { width: 26, height: 26, 'border-width': 3, 'border-color': '#1f2a44',
                                    'font-weight': 'bold' } },
  { selector: 'edge', style: {
    width: 1.2, 'line-color': '#9aa5b4', 'target-arrow-color': '#9aa5b4', 'target-arrow-shape': 'triangle',
    'arrow-scale': 0.8, 'curve-style': 'bezier', label: 'data(label)', 'font-family': font,
    'font-size': 9, color: '#5f6b7a', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff',
    'text-background-opacity': 0.85, 'text-background-padding': 1,
  } },
  { selector: 'edge.derived', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 3] } },
  { selector: '.faded', style: { opacity: 0.25 } },
  { selector: 'node.path', style: { 'border-width': 3, 'border-color': kPathColour } },
  { selector: 'edge.path', style: { width: 3, 'line-color': kPathColour, 'target-arrow-color': kPathColour,
                                    color: kPathColour } },
];

const nodeLabel = (d) => entityName(d.name, d.name_en) || d.id;

// Cytoscape elements for the graph `data` plus the nodes and edges of `path` (steps from the root)
// that it lacks. An edge's id keeps an imported fact and the same fact derived apart.
export function graphElements(data, path) {
  const nodes = new Map();
  const edges = new Map();
  const addNode = (n, hops) => {
    if (n?.id && !nodes.has(n.id)) nodes.set(n.id, { ...n, hops: n.hops ?? hops });
  };
  const addEdge = (source, target, predicate, derived) => {
    const id = `${source}|${predicate}|${target}|${derived ? 'derived' : 'stated'}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, predicate, derived: Boolean(derived) });
  };
  for (const n of data?.nodes ?? []) addNode(n, 0);
  for (const e of data?.edges ?? []) addEdge(e.source, e.target, e.predicate, e.derived);
  // A path has the fewest steps, so step i's node is i + 1 hops from the root.
  (path?.steps ?? []).forEach((s, i) => {
    addNode(s.node, i + 1);
    const known = [...edges.values()].some((e) => e.source === s.subject && e.target === s.object
                                                  && e.predicate === s.predicate);
    if (!known) addEdge(s.subject, s.object, s.predicate, s.derived);
  });
  const ids = new Set(nodes.keys());
  return [
    ...[...nodes.values()].map((n) => ({
      group: 'nodes', classes: n.hops === 0 ? 'root' : '',
      data: { id: n.id, kind: n.kind, name: n.name, name_en: n.name_en, lon: n.lon, lat: n.lat,
              hops: n.hops, label: nodeLabel(n), colour: kindColour(n.kind) },
    })),
    ...[...edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({
      group: 'edges', classes: e.derived ? 'derived' : '',
      data: { ...e, label: predicateLabel(e.predicate) },
    })),
  ];
}

// The path as a line of node buttons and predicate arrows: forward steps read "→ 位于 →".
function renderPath(root, path, onSelect) {
  const chip = (n) => h('button', { type: 'button', class: 'graph-path-node', dataset: { id: n.id },
                                    onclick: () => onSelect(n) }, nodeLabel(n));
  const parts = [chip(root)];
  for (const s of path.steps) {
    const label = predicateLabel(s.predicate);
    parts.push(h('span', { class: `graph-path-edge${s.derived ? ' derived' : ''}` },
      s.direction === 'backward' ? `← ${label} ←` : `→ ${label} →`), chip(s.node));
  }
  return parts;
}

export function createGraphPanel(el, { onSelect, onClose }) {
  let cy = null;
  let cytoscape = null;
  let root = null;   // {id, name, name_en, lon, lat, kind}
  let hops = 1;
  let data = null;   // the /graph answer
  let path = null;   // the /path answer, or null
  let pathMessage = ''; // searching, not found, error
  let status = '';   // loading, error
  let seq = 0;

  const closeButton = h('button', { type: 'button', class: 'panel-close', onclick: () => onClose() }, '×');
  const title = h('h2', { id: 'graph-title' });
  const rootName = h('div', { class: 'panel-subtitle' });
  const hopButtons = [1, 2].map((n) => h('button', {
    type: 'button', role: 'radio', class: 'graph-hops-button', dataset: { hops: String(n) },
    onclick: () => {
      if (hops === n) return;
      hops = n;
      load();
    },
  }));
  const hopsGroup = h('div', { class: 'graph-hops', role: 'radiogroup' }, hopButtons);
  const canvas = h('div', { id: 'graph-canvas' });
  const statusEl = h('p', { class: 'graph-status', role: 'status' });
  const note = h('p', { class: 'panel-note' });
  const pathLabel = h('label', { for: 'graph-path-input' });
  const pathInput = h('input', { id: 'graph-path-input', type: 'search', autocomplete: 'off', spellcheck: 'false',
                                 role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
                                 'aria-controls': 'graph-path-results' });
  const pathList = h('ul', { id: 'graph-path-results', role: 'listbox', hidden: true });
  const pathClear = h('button', { type: 'button', class: 'graph-path-clear', hidden: true,
                                  onclick: () => { path = null; pathMessage = ''; pathInput.value = ''; draw(); } }, '×');
  const pathOut = h('div', { class: 'graph-path-result', 'aria-live': 'polite' });
  el.replaceChildren(closeButton,
    h('header', {}, title, rootName),
    h('div', { class: 'graph-controls' }, hopsGroup),
    canvas, statusEl,
    h('section', { class: 'graph-path' }, pathLabel,
      h('div', { class: 'graph-path-search' }, pathInput, pathList, pathClear), pathOut),
    note);

  const pathSearch = createSearch({ input: pathInput, list: pathList, onSelect: (r) => findPath(r.id) });

  async function findPath(to) {
    const mySeq = ++seq;
    path = null;
    pathMessage = t('pathSearching');
    render();
    try {
      const answer = await api.getPath(root.id, to);
      if (mySeq !== seq) return;
      path = answer.found ? answer : null;
      pathMessage = answer.found ? '' : t('pathNotFound');
    } catch (err) {
      if (mySeq !== seq) return;
      pathMessage = t('pathError') + err.message;
    }
    draw();
  }

  async function ensureCy() {
    if (cy) return cy;
    cytoscape ??= (await import('cytoscape')).default;
    const font = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
    cy ??= cytoscape({ container: canvas, style: graphStyle(font), minZoom: 0.2, maxZoom: 3 });
    cy.on('tap', 'node', (e) => onSelect(e.target.data()));
    cy.on('mouseover', 'node', () => { canvas.style.cursor = 'pointer'; });
    cy.on('mouseout', 'node', () => { canvas.style.cursor = ''; });
    return cy;
  }

  async function load() {
    const mySeq = ++seq;
    status = 'loading';
    data = null;
    render();
    try {
      const [answer] = await Promise.all([api.getGraph(root.id, { hops }), ensureCy()]);
      if (mySeq !== seq) return;
      data = answer;
      status = '';
    } catch (err) {
      if (mySeq !== seq) return;
      status = err;
    }
    draw();
  }

  // Puts data + path into cytoscape, rings by distance from the root, and marks the path.
  function draw() {
    if (cy && data) {
      cy.resize(); // the panel may have been hidden since cytoscape last measured it
      cy.batch(() => {
        cy.elements().remove();
        cy.add(graphElements(data, path));
        if (path) {
          const onPath = new Set([root.id, ...path.steps.map((s) => s.node.id)]);
          const stepKeys = new Set(path.steps.map((s) => `${s.subject}|${s.predicate}|${s.object}`));
          cy.nodes().forEach((n) => n.addClass(onPath.has(n.id()) ? 'path' : 'faded'));
          cy.edges().forEach((e) => {
            const d = e.data();
            e.addClass(stepKeys.has(`${d.source}|${d.predicate}|${d.target}`) ? 'path' : 'faded');
          });
        }
      });
      const maxHops = Math.max(0, ...cy.nodes().map((n) => n.data('hops')));
      cy.layout({ name: 'concentric', concentric: (n) => maxHops - n.data('hops'), levelWidth: () => 1,
                  minNodeSpacing: 24, padding: 16, animate: false }).run();
    }
    render();
  }

  function render() {
    el.dataset.state = status === 'loading' ? 'loading' : status ? 'error' : 'ready';
    if (root) el.dataset.id = root.id;
    closeButton.title = t('close');
    closeButton.setAttribute('aria-label', t('close'));
    title.textContent = t('graphTitle');
    rootName.textContent = root ? nodeLabel(root) : '';
    hopsGroup.setAttribute('aria-label', t('graphHops'));
    hopButtons.forEach((b, i) => {
      b.textContent = t(`graphHops${i + 1}`);
      b.setAttribute('aria-checked', hops === i + 1 ? 'true' : 'false');
    });
    if (status === 'loading') statusEl.textContent = t('graphLoading');
    else if (status) statusEl.textContent = t('graphError') + status.message;
    else if (data && data.nodes.length <= 1) statusEl.textContent = t('graphEmpty');
    else statusEl.textContent = data?.truncated ? t('graphTruncated') : '';
    statusEl.classList.toggle('graph-error', Boolean(status && status !== 'loading'));
    note.textContent = t('graphNote');
    pathLabel.textContent = t('pathLabel');
    pathInput.placeholder = t('pathPlaceholder');
    pathClear.hidden = !path && !pathMessage;
    pathClear.title = t('pathClear');
    pathClear.setAttribute('aria-label', t('pathClear'));
    pathOut.replaceChildren(...(path ? renderPath(root, path, onSelect) : []),
      ...(pathMessage ? [h('span', { class: 'graph-path-message' }, pathMessage)] : []));
    pathSearch.render();
    if (cy) {
      cy.batch(() => {
        cy.nodes().forEach((n) => n.data('label', nodeLabel(n.data())));
        cy.edges().forEach((e) => e.data('label', predicateLabel(e.data('predicate'))));
      });
    }
  }

  return {
    open(entity) {
      const names = entity.names ?? {};
      root = { id: entity.id, kind: entity.kind, name: names.zh, name_en: names.en };
      path = null;
      pathMessage = '';
      pathInput.value = '';
      el.hidden = false;
      load();
    },
    close() {
      ++seq;
      el.hidden = true;
    },
    render,
    get cy() {
      return cy;
    },
  };
}
