// SPDX-License-Identifier: Apache-2.0
// UI strings in Chinese (default) and English, labels for entity kinds and property keys, and the
// current language. Modules call `t(key)` and re-render on `onLangChange`.
//
//   import { t, lang, setLang, onLangChange, kindLabel, entityName } from './i18n.js';
//   setLang('en');                  // notifies listeners, remembers the choice
//   kindLabel('museum', true)       // "Museums"

const kStorageKey = 'zhitu.lang';
export const kLangs = ['zh', 'en'];

const kStrings = {
  zh: {
    docTitle: '智图 · 洛阳文化地图',
    brand: '智图',
    brandSub: '洛阳文化地图',
    searchPlaceholder: '搜索文物、车站、博物馆……',
    searchLabel: '搜索',
    searchNoResults: '没有找到结果',
    searchError: '搜索出错：',
    legendTitle: '图层',
    legendLoading: '正在加载数据……',
    legendNoLocation: '无坐标',
    close: '关闭',
    kind: '类别',
    era: '年代',
    time: '时间',
    aliases: '别名',
    location: '坐标',
    properties: '属性',
    sources: '来源',
    record: '记录',
    licence: '许可',
    link: '链接',
    loading: '加载中……',
    notFound: '未找到该条目：',
    loadError: '加载失败：',
    apiError: '无法连接数据服务：',
    noWebgl: '地图无法显示：浏览器不支持 WebGL2',
    langToggle: 'EN',
    langToggleTitle: 'Switch to English',
    mapLabel: '地图',
    yes: '是',
    no: '否',
  },
  en: {
    docTitle: 'zhitu · Luoyang culture map',
    brand: 'zhitu',
    brandSub: 'Luoyang culture map',
    searchPlaceholder: 'Search sites, stations, museums…',
    searchLabel: 'Search',
    searchNoResults: 'No results',
    searchError: 'Search failed: ',
    legendTitle: 'Layers',
    legendLoading: 'Loading data…',
    legendNoLocation: 'no location',
    close: 'Close',
    kind: 'Kind',
    era: 'Era',
    time: 'Time',
    aliases: 'Also known as',
    location: 'Location',
    properties: 'Properties',
    sources: 'Sources',
    record: 'Record',
    licence: 'Licence',
    link: 'Link',
    loading: 'Loading…',
    notFound: 'Not found: ',
    loadError: 'Could not load: ',
    apiError: 'Cannot reach the data service: ',
    noWebgl: 'The map cannot be shown: this browser lacks WebGL2',
    langToggle: '中文',
    langToggleTitle: '切换到中文',
    mapLabel: 'Map',
    yes: 'yes',
    no: 'no',
  },
};

// [zh, en plural (legend), en singular (card)]
const kKinds = {
  heritage_site: ['文物保护单位', 'Heritage sites', 'Heritage site'],
  station: ['火车站', 'Railway stations', 'Railway station'],
  museum: ['博物馆', 'Museums', 'Museum'],
  scenic_spot: ['景区', 'Scenic spots', 'Scenic spot'],
  dynasty: ['朝代', 'Dynasties', 'Dynasty'],
  person: ['人物', 'People', 'Person'],
  artifact: ['文物', 'Artifacts', 'Artifact'],
  event: ['事件', 'Events', 'Event'],
  capital: ['古都', 'Ancient capitals', 'Ancient capital'],
  city: ['城市', 'Cities', 'City'],
  historic_city: ['历史文化名城', 'Historic cities', 'Historic city'],
  rail_line: ['铁路线', 'Rail lines', 'Rail line'],
  industrial_park: ['产业园区', 'Industrial parks', 'Industrial park'],
  enterprise: ['企业', 'Enterprises', 'Enterprise'],
  school: ['学校', 'Schools', 'School'],
  investment_project: ['招商项目', 'Investment projects', 'Investment project'],
  province: ['省级行政区', 'Provinces', 'Province'],
  prefecture: ['地级行政区', 'Prefectures', 'Prefecture'],
  county: ['县级行政区', 'Counties', 'County'],
};

const kPropertyKeys = {
  era: ['年代', 'Era'],
  category: ['类型', 'Category'],
  batch: ['公布批次', 'Batch'],
  address: ['地址', 'Address'],
  adcode: ['行政区划代码', 'Admin code'],
  telecode: ['电报码', 'Telegraph code'],
  high_speed: ['高铁站', 'High-speed rail'],
  level: ['级别', 'Level'],
  website: ['网站', 'Website'],
  url: ['链接', 'Link'],
  capital: ['都城', 'Capital'],
  role: ['身份', 'Role'],
  province: ['省份', 'Province'],
  city: ['城市', 'City'],
  county: ['县区', 'County'],
  unesco: ['世界遗产', 'World Heritage'],
  wikipedia: ['维基百科', 'Wikipedia'],
  wikidata: ['维基数据', 'Wikidata'],
  opened: ['开通', 'Opened'],
  founded: ['建立', 'Founded'],
  description: ['简介', 'Description'],
};

function initialLang() {
  try {
    const stored = localStorage.getItem(kStorageKey);
    if (kLangs.includes(stored)) return stored;
  } catch {
    // Storage may be disabled (privacy mode); the default is fine then.
  }
  return 'zh';
}

let current = initialLang();
const listeners = new Set();

export function lang() {
  return current;
}

export function setLang(next, { remember = true } = {}) {
  if (!kLangs.includes(next)) return;
  if (remember) {
    try {
      localStorage.setItem(kStorageKey, next);
    } catch {
      // see initialLang
    }
  }
  if (next === current) return;
  current = next;
  for (const fn of listeners) fn(current);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function t(key) {
  return kStrings[current][key] ?? kStrings.zh[key] ?? key;
}

export function kindLabel(kind, plural = false) {
  const row = kKinds[kind];
  if (!row) return kind;
  return current === 'zh' ? row[0] : row[plural ? 1 : 2];
}

export function propertyLabel(key) {
  const row = kPropertyKeys[key];
  return row ? row[current === 'zh' ? 0 : 1] : key;
}

// The name to show first for `names` ({zh, en}) or feature properties ({name, name_en}).
export function entityName(zh, en) {
  return current === 'en' && en ? en : zh || en || '';
}

// The other-language name, if it differs from the primary one.
export function secondaryName(zh, en) {
  const primary = entityName(zh, en);
  const other = primary === zh ? en : zh;
  return other && other !== primary ? other : '';
}

function formatYear(y) {
  if (current === 'zh') return y < 0 ? `前${-y}年` : `${y}年`;
  return y < 0 ? `${-y} BCE` : `${y}`;
}

// A time span {start, end} in years (BCE negative) as text, e.g. "前770年—前256年", "770 BCE – 256 BCE".
export function formatTimeSpan(time) {
  if (!time) return '';
  const { start, end } = time;
  const has = (v) => typeof v === 'number' && Number.isFinite(v);
  const dash = current === 'zh' ? '—' : ' – ';
  const ce = current === 'en' && ((has(start) && start < 0) || (has(end) && end < 0));
  const fmt = (y) => (ce && y >= 0 ? `${y} CE` : formatYear(y));
  if (has(start) && has(end)) return start === end ? fmt(start) : `${fmt(start)}${dash}${fmt(end)}`;
  if (has(start)) return current === 'zh' ? `${fmt(start)}起` : `from ${fmt(start)}`;
  if (has(end)) return current === 'zh' ? `至${fmt(end)}` : `until ${fmt(end)}`;
  return '';
}

export function formatCount(n) {
  return Number(n).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-US');
}

// Applies `t()` to every element with data-i18n (text), data-i18n-placeholder,
// data-i18n-title and data-i18n-aria-label below `root`.
export function translateDom(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('docTitle');
}
