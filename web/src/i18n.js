// SPDX-License-Identifier: Apache-2.0
// UI strings in Chinese (default) and English, labels for entity kinds and property keys, and the
// current language. Modules call `t(key)` and re-render on `onLangChange`.
//
//   import { t, lang, setLang, onLangChange, kindLabel, entityName } from './i18n.js';
//   setLang('en');                  // notifies listeners, remembers the choice
//   kindLabel('museum', true)       // "Museums"
//   predicateLabel('located_in')    // "位于"

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
    legendTimeFilter: '按时间筛选中：没有年代的条目不显示',
    legendCoarse: '空心圆：仅知所在区县或城市',
    dynasties: '朝代',
    positionPrecision: '位置精度',
    relations: '关系',
    relationsError: '关系加载失败：',
    relationsIncoming: '这些条目指向本条目',
    showAll: '显示全部',
    derived: '推导',
    cites: '引用',
    citedSource: '出处',
    eraFilterTitle: '在地图上只显示这一时期的条目',
    openGraph: '关系图谱',
    graphTitle: '关系图谱',
    graphHops: '范围',
    graphHops1: '1 跳',
    graphHops2: '2 跳',
    graphLoading: '正在加载关系……',
    graphError: '关系图谱加载失败：',
    graphEmpty: '这个条目还没有关系',
    graphTruncated: '节点过多，只显示了前 500 个',
    graphNote: '虚线为系统推导的关系（所在区县、所属朝代）。关系超过 40 条的条目（如朝代、城市）只显示，不再展开。点击节点可在地图上查看。',
    pathLabel: '与另一个条目有何联系？',
    pathPlaceholder: '搜索另一个条目',
    pathSearching: '正在查找联系……',
    pathNotFound: '6 步之内没有找到联系',
    pathError: '查找联系失败：',
    pathClear: '清除路径',
    timelineLabel: '朝代时间轴',
    timelineTitle: '朝代',
    timelineLuoyang: '洛阳都城',
    timelineHint: '点击朝代或拖动下方年份刻度，按时间筛选地图',
    timelineClear: '清除时间筛选',
    timelineYear: '年份',
    articleToggle: '文章识图',
    articleTitle: '文章识图',
    articleHint: '粘贴一段文章，识别其中提到的文物、地点和机构，并在地图上标出。',
    articleLabel: '文章',
    articlePlaceholder: '例如：龙门石窟位于洛阳南郊……',
    articleRun: '识别',
    articleRunning: '正在识别……',
    articleFound: '识别到的条目：',
    articleNone: '没有识别到条目',
    articleError: '识别失败：',
    journeyToggle: '高铁行程',
    journeyTitle: '高铁行程',
    journeyHint: '按列车时刻表（2020—2021 年，主要车站）查询最早到达的行程。可输入车站名或城市名。',
    journeyFrom: '出发',
    journeyTo: '到达',
    journeyStationPlaceholder: '车站或城市',
    journeyDate: '日期',
    journeyDateHint: '留空则使用时刻表的第一个运营日',
    journeyDepart: '出发时间',
    journeyRun: '查询',
    journeySearching: '正在查询……',
    journeyFound: '行程：',
    journeyNone: '没有找到行程',
    journeyError: '查询失败：',
    journeyNeedStations: '请填写出发和到达车站',
    journeyDirect: '直达',
    journeyWalk: '换站',
    itineraryToggle: '行程规划',
    itineraryTitle: '行程规划',
    itineraryHint: '从一个车站或城市出发，游览一组城市（按主题或自选），每处至少停留一段时间：按列车时刻表（2020—2021 年，主要车站）求出最早结束的游览顺序和车次。',
    itineraryStart: '出发地',
    itineraryWhere: '去哪里',
    itineraryModeTheme: '按主题',
    itineraryModePlaces: '自选地点',
    itineraryTheme: '主题',
    itineraryThemesLoading: '正在加载主题……',
    itineraryThemesError: '主题加载失败：',
    itineraryNotInTimetable: '时刻表中没有',
    itinerarySource: '来源',
    itineraryAddToPlaces: '加入自选地点',
    itineraryPlace: '地点',
    itineraryPlacePlaceholder: '搜索车站或城市，或直接输入',
    itineraryAdd: '添加',
    itineraryRemove: '移除',
    itineraryNoPlaces: '还没有地点：搜索添加，或在主题中点 ＋',
    itineraryStayHours: '停留小时',
    itineraryDefaultStay: '每处停留（小时）',
    itineraryDepartHint: '留空则从乘车时段开始',
    itineraryReturn: '最后返回出发地',
    itineraryHours: '乘车时段',
    itineraryAnyHour: '不限（含夜车）',
    itineraryRun: '规划',
    itineraryPlanning: '正在规划……',
    itineraryError: '规划失败：',
    itineraryNeedStart: '请填写出发地',
    itineraryNeedTheme: '请选择主题',
    itineraryNeedPlaces: '请至少添加一个地点',
    itineraryPrint: '打印',
    itineraryPlanFrom: '出发：',
    itineraryTotal: '全程',
    itineraryStops: '站',
    itineraryExact: '精确求解：没有更早结束的顺序',
    itineraryHeuristic: '启发式求解：顺序较优，但不保证最早结束',
    itineraryInfeasible: '无法安排：',
    itineraryArrive: '到达',
    itineraryLeave: '离开',
    itineraryStay: '停留',
    itineraryAtLeast: '至少',
    itineraryInPlace: '在',
    itineraryAllDay: '全天',
    itineraryTourEnds: '行程结束',
    itinerarySites: '车站附近',
    itineraryNoSites: '车站附近没有收录的文物古迹',
    itineraryLeftOut: '未安排的地点',
    itineraryStartMark: '起',
    confidence: '置信度',
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
    legendTimeFilter: 'Filtered by time: entries without dates are hidden',
    legendCoarse: 'Hollow ring: only the district or city is known',
    dynasties: 'Dynasties',
    positionPrecision: 'Position',
    relations: 'Relations',
    relationsError: 'Could not load the relations: ',
    relationsIncoming: 'These entries point to this one',
    showAll: 'Show all',
    derived: 'derived',
    cites: 'Cites',
    citedSource: 'source',
    eraFilterTitle: 'Show only the entries of this era on the map',
    openGraph: 'Relations graph',
    graphTitle: 'Relations graph',
    graphHops: 'Reach',
    graphHops1: '1 hop',
    graphHops2: '2 hops',
    graphLoading: 'Loading the relations…',
    graphError: 'Could not load the graph: ',
    graphEmpty: 'This entry has no relations yet',
    graphTruncated: 'Too many nodes: the first 500 are shown',
    graphNote: 'Dashed: relations derived by the engine (district, era). Entries with more than 40 relations (dynasties, cities) are shown but not expanded. Click a node to see it on the map.',
    pathLabel: 'How is it connected to…',
    pathPlaceholder: 'Search another entry',
    pathSearching: 'Looking for a connection…',
    pathNotFound: 'No connection within 6 steps',
    pathError: 'Could not find a connection: ',
    pathClear: 'Clear the path',
    timelineLabel: 'Dynasty timeline',
    timelineTitle: 'Dynasties',
    timelineLuoyang: 'Capital at Luoyang',
    timelineHint: 'Click a dynasty or drag along the years below to filter the map by time',
    timelineClear: 'Clear the time filter',
    timelineYear: 'Year',
    articleToggle: 'Article to map',
    articleTitle: 'Article to map',
    articleHint: 'Paste an article: the sites, places and organisations it mentions are found and shown on the map.',
    articleLabel: 'Article',
    articlePlaceholder: 'e.g. 龙门石窟位于洛阳南郊……',
    articleRun: 'Find places',
    articleRunning: 'Reading…',
    articleFound: 'Mentions found: ',
    articleNone: 'No mentions found',
    articleError: 'Could not read the article: ',
    journeyToggle: 'Rail journeys',
    journeyTitle: 'Rail journeys',
    journeyHint: 'Earliest-arrival journeys on the train timetable (key stations, 2020–21). Type a station or a city.',
    journeyFrom: 'From',
    journeyTo: 'To',
    journeyStationPlaceholder: 'Station or city',
    journeyDate: 'Date',
    journeyDateHint: 'Empty: the timetable\'s first service day',
    journeyDepart: 'Depart at',
    journeyRun: 'Search',
    journeySearching: 'Searching…',
    journeyFound: 'Journeys: ',
    journeyNone: 'No journey found',
    journeyError: 'Could not find journeys: ',
    journeyNeedStations: 'Fill in both stations',
    journeyDirect: 'direct',
    journeyWalk: 'Walk',
    itineraryToggle: 'Trip planner',
    itineraryTitle: 'Trip planner',
    itineraryHint: 'Start at a station or city, visit a set of cities (a theme or your own), stay a while at each: the order and the trains that end the tour earliest, on the train timetable (key stations, 2020–21).',
    itineraryStart: 'Start',
    itineraryWhere: 'Where to',
    itineraryModeTheme: 'A theme',
    itineraryModePlaces: 'My places',
    itineraryTheme: 'Theme',
    itineraryThemesLoading: 'Loading themes…',
    itineraryThemesError: 'Could not load the themes: ',
    itineraryNotInTimetable: 'not in the timetable',
    itinerarySource: 'source',
    itineraryAddToPlaces: 'Add to my places',
    itineraryPlace: 'Place',
    itineraryPlacePlaceholder: 'Search a station or city, or type one',
    itineraryAdd: 'Add',
    itineraryRemove: 'Remove',
    itineraryNoPlaces: 'No places yet: search and add, or press ＋ on a theme\'s place',
    itineraryStayHours: 'Stay hours',
    itineraryDefaultStay: 'Stay at each (hours)',
    itineraryDepartHint: 'Empty: the start of the travel hours',
    itineraryReturn: 'Return to the start',
    itineraryHours: 'Travel hours',
    itineraryAnyHour: 'Any hour (overnight too)',
    itineraryRun: 'Plan',
    itineraryPlanning: 'Planning…',
    itineraryError: 'Could not plan: ',
    itineraryNeedStart: 'Fill in the start',
    itineraryNeedTheme: 'Choose a theme',
    itineraryNeedPlaces: 'Add at least one place',
    itineraryPrint: 'Print',
    itineraryPlanFrom: 'From ',
    itineraryTotal: 'In all',
    itineraryStops: 'stops',
    itineraryExact: 'exact: no order ends earlier',
    itineraryHeuristic: 'heuristic: a good order, not proven the earliest',
    itineraryInfeasible: 'No plan: ',
    itineraryArrive: 'arrive',
    itineraryLeave: 'leave',
    itineraryStay: 'stay',
    itineraryAtLeast: 'at least',
    itineraryInPlace: 'In',
    itineraryAllDay: 'all day',
    itineraryTourEnds: 'the tour ends',
    itinerarySites: 'Near the station',
    itineraryNoSites: 'no listed heritage near the station',
    itineraryLeftOut: 'Left out',
    itineraryStartMark: 'S',
    confidence: 'confidence',
  },
};

// [zh, en plural (legend), en singular (card)]
const kKinds = {
  heritage_site: ['文物保护单位', 'Heritage sites', 'Heritage site'],
  station: ['火车站', 'Railway stations', 'Railway station'],
  museum: ['博物馆', 'Museums', 'Museum'],
  scenic_spot: ['景区', 'Scenic spots', 'Scenic spot'],
  scenic_area: ['风景名胜区', 'Scenic areas', 'Scenic area'],
  world_heritage: ['世界遗产', 'World Heritage sites', 'World Heritage site'],
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
  project: ['重点项目', 'Projects', 'Project'],
  organisation: ['机构', 'Organisations', 'Organisation'],
  facility: ['公共设施', 'Facilities', 'Facility'],
  industry: ['产业', 'Industries', 'Industry'],
  period: ['历史时期', 'Periods', 'Period'],
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

// position_precision: how far a marker can be trusted (a district centre is not the address).
const kPrecisions = {
  exact: ['精确', 'exact'],
  street: ['街道', 'street only'],
  district: ['区县', 'district only'],
  city: ['城市', 'city only'],
};

// Relation predicates, read subject → object ("龙门石窟 位于 洛龙区").
const kPredicates = {
  capital_of: ['都城', 'capital of'],
  remains_at: ['遗址在', 'remains at'],
  part_of: ['属于', 'part of'],
  located_in: ['位于', 'located in'],
  built_by: ['修建者', 'built by'],
  commissioned_by: ['主持兴建', 'commissioned by'],
  founded_by: ['创建者', 'founded by'],
  buried_at: ['葬于', 'buried at'],
  born_in: ['生于', 'born in'],
  died_in: ['卒于', 'died in'],
  lived_in: ['居于', 'lived in'],
  worked_in: ['任职于', 'worked in'],
  wrote_in: ['著述于', 'wrote in'],
  ruler_of: ['统治', 'ruler of'],
  member_of: ['成员', 'member of'],
  moved_capital_to: ['迁都至', 'moved capital to'],
  held_by: ['收藏于', 'held by'],
  discovered_at: ['出土于', 'discovered at'],
  occurred_at: ['发生于', 'occurred at'],
  involved: ['涉及', 'involved'],
  during: ['时期', 'during'],
  inscribed_in: ['列入', 'inscribed in'],
  tenant_of: ['入驻', 'tenant of'],
  anchor_of: ['龙头企业', 'anchor of'],
  industry_of: ['主导产业', 'industry of'],
  operated_by: ['运营方', 'operated by'],
  developed_by: ['开发方', 'developed by'],
  campus_of: ['校区', 'campus of'],
  near: ['邻近', 'near'],
  era: ['朝代', 'era'],
  relocated_by: ['迁建者', 'relocated by'],
  affiliated_with: ['隶属', 'affiliated with'],
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

// Unknown predicates read as themselves, underscores as spaces.
export function predicateLabel(predicate) {
  const row = kPredicates[predicate];
  return row ? row[current === 'zh' ? 0 : 1] : String(predicate).replaceAll('_', ' ');
}

export function precisionLabel(precision) {
  const row = kPrecisions[precision];
  return row ? row[current === 'zh' ? 0 : 1] : String(precision);
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

// Years are astronomical, as the API gives them: 0 is 1 BCE, -769 is 770 BCE.
export function formatYear(y) {
  if (current === 'zh') return y <= 0 ? `前${1 - y}年` : `${y}年`;
  return y <= 0 ? `${1 - y} BCE` : `${y}`;
}

// A time span {start, end} in astronomical years as text, e.g. "前770年—前256年", "770 BCE – 256 BCE".
export function formatTimeSpan(time) {
  if (!time) return '';
  const { start, end } = time;
  const has = (v) => typeof v === 'number' && Number.isFinite(v);
  const dash = current === 'zh' ? '—' : ' – ';
  const ce = current === 'en' && ((has(start) && start <= 0) || (has(end) && end <= 0));
  const fmt = (y) => (ce && y > 0 ? `${y} CE` : formatYear(y));
  if (has(start) && has(end)) return start === end ? fmt(start) : `${fmt(start)}${dash}${fmt(end)}`;
  if (has(start)) return current === 'zh' ? `${fmt(start)}起` : `from ${fmt(start)}`;
  if (has(end)) return current === 'zh' ? `至${fmt(end)}` : `until ${fmt(end)}`;
  return '';
}

export function formatCount(n) {
  return Number(n).toLocaleString(current === 'zh' ? 'zh-CN' : 'en-US');
}

// A cluster's hover text: its most prominent member and how many it holds, e.g. "龙门石窟等8处".
export function clusterLabel(name, n) {
  return current === 'zh' ? `${name}等${formatCount(n)}处` : `${name} and ${formatCount(n - 1)} more`;
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
