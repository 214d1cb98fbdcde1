// SPDX-License-Identifier: Apache-2.0
// Unit tests of the browser-free modules: the permalink format and the i18n formatting.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHash, kDefaultView, parseHash } from '../src/hash.js';
import { entityName, formatTimeSpan, kindLabel, secondaryName, setLang } from '../src/i18n.js';

test('hash: round trip of view, entity and language', () => {
  const hash = formatHash({ view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37', lang: 'en' });
  assert.equal(hash, '#map=9.00/34.62000/112.45000&e=nhs-1-37&lang=en');
  assert.deepEqual(parseHash(hash),
                   { view: { zoom: 9, lat: 34.62, lon: 112.45 }, entity: 'nhs-1-37', lang: 'en' });
});

test('hash: ids are percent-encoded, Chinese stays the default language', () => {
  const hash = formatHash({ view: kDefaultView, entity: 'a/b c&d=龙', lang: 'zh' });
  assert.equal(hash, '#map=9.00/34.62000/112.45000&e=a%2Fb%20c%26d%3D%E9%BE%99');
  assert.equal(parseHash(hash).entity, 'a/b c&d=龙');
  assert.equal(parseHash(hash).lang, null);
});

test('hash: bad parts are ignored, good ones kept', () => {
  assert.deepEqual(parseHash('#map=99/1/2&e=%E0%A4%A&lang=fr'), { view: null, entity: null, lang: null });
  assert.deepEqual(parseHash('#map=1/2&e=x'), { view: null, entity: 'x', lang: null });
  assert.deepEqual(parseHash(''), { view: null, entity: null, lang: null });
  assert.equal(parseHash('#map=3.5/91/0').view, null);
  assert.deepEqual(parseHash('map=3.5/-10/-170.25').view, { zoom: 3.5, lat: -10, lon: -170.25 });
});

test('i18n: time spans, BCE negative', () => {
  setLang('zh', { remember: false });
  assert.equal(formatTimeSpan({ start: -770, end: 220 }), '前770年—220年');
  assert.equal(formatTimeSpan({ start: 618, end: 907 }), '618年—907年');
  assert.equal(formatTimeSpan({ start: 1909, end: null }), '1909年起');
  assert.equal(formatTimeSpan(null), '');
  setLang('en', { remember: false });
  assert.equal(formatTimeSpan({ start: -770, end: 220 }), '770 BCE – 220 CE');
  assert.equal(formatTimeSpan({ start: -770, end: -256 }), '770 BCE – 256 BCE');
  assert.equal(formatTimeSpan({ start: 618, end: 907 }), '618 – 907');
  assert.equal(formatTimeSpan({ start: null, end: 705 }), 'until 705');
  setLang('zh', { remember: false });
});

test('i18n: kind labels and name preference', () => {
  setLang('zh', { remember: false });
  assert.equal(kindLabel('heritage_site', true), '文物保护单位');
  assert.equal(kindLabel('no_such_kind'), 'no_such_kind');
  assert.equal(entityName('龙门石窟', 'Longmen Grottoes'), '龙门石窟');
  assert.equal(secondaryName('龙门石窟', 'Longmen Grottoes'), 'Longmen Grottoes');
  setLang('en', { remember: false });
  assert.equal(kindLabel('heritage_site', true), 'Heritage sites');
  assert.equal(kindLabel('station'), 'Railway station');
  assert.equal(entityName('龙门石窟', 'Longmen Grottoes'), 'Longmen Grottoes');
  assert.equal(entityName('关林', null), '关林');
  assert.equal(secondaryName('关林', null), '');
  setLang('zh', { remember: false });
});
