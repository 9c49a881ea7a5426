// storyweave's page: a story list, story pages, entity pages and search, kept live by /api/stream.
//
// Article text is untrusted. Every piece of it reaches the DOM as a text node (textContent,
// createTextNode); nothing here parses markup from data, and the server's Content-Security-Policy
// allows scripts from this origin only.
'use strict';

const LANGUAGE_NAMES = {
  ar: 'Arabic', de: 'German', en: 'English', es: 'Spanish', fr: 'French', it: 'Italian', ja: 'Japanese',
  ko: 'Korean', nl: 'Dutch', pl: 'Polish', pt: 'Portuguese', ru: 'Russian', tr: 'Turkish', zh: 'Chinese',
  ur: 'Urdu',
};
const STATUS_LABELS = {
  corroborated: ['✔', 'corroborated'],
  single_source: ['◐', 'single source'],
  contradicted: ['✖', 'contradicted'],
};
const BODY_KINDS = new Set(['title', 'heading', 'paragraph']);
const EAGER_SOURCES = 12;

// Builds an element; string and number children become text nodes, never markup.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function languageName(code) {
  return LANGUAGE_NAMES[code] || code || '?';
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

const view = () => document.getElementById('view');

function show(...children) {
  const main = view();
  main.replaceChildren();
  append(main, children);
}

function showError(error) {
  show(el('p', { class: 'error' }, `Could not load this page: ${error.message}`));
}

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function languageChips(languages) {
  return el('span', { class: 'langs' }, (languages || []).map((l) => el('span', { class: 'lang', title: languageName(l) }, l)));
}

// ---- routing -------------------------------------------------------------------------------

let current = { name: 'list' };
let listSort = 'newest';

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'event' && parts[1]) current = { name: 'event', id: parts[1] };
  else if (parts[0] === 'entity' && parts[1]) current = { name: 'entity', id: parts[1] };
  else if (parts[0] === 'search') current = { name: 'search', q: parts.slice(1).join('/') };
  else current = { name: 'list' };
  render();
}

function render() {
  const r = current;
  document.body.dataset.page = r.name;
  if (r.name === 'event') return renderStory(r.id);
  if (r.name === 'entity') return renderEntity(r.id);
  if (r.name === 'search') return renderSearch(r.q);
  return renderList();
}

// ---- story list ----------------------------------------------------------------------------

const liveArticles = [];

function storyCard(e) {
  return el('li', { class: 'story-card', dataset: { event: e.id } },
    el('a', { class: 'story-link', href: `#/event/${e.id}` }, e.title || `Event ${e.id}`),
    el('div', { class: 'meta' },
      el('span', { class: 'date' }, e.date || 'undated'),
      e.place ? el('span', { class: 'place' }, e.place) : null,
      el('span', { class: 'sources' }, `${e.independent_sources} source${e.independent_sources === 1 ? '' : 's'}`),
      el('span', { class: 'articles' }, `${e.articles} article${e.articles === 1 ? '' : 's'}`),
      languageChips(e.languages)));
}

function liveItem(a) {
  return el('li', { class: 'live-article', dataset: { article: a.id } },
    el('span', { class: 'lang' }, a.language),
    ' ',
    a.event ? el('a', { href: `#/event/${a.event}` }, a.title || a.id) : el('span', {}, a.title || a.id),
    a.site ? el('span', { class: 'muted' }, ` · ${a.site}`) : null);
}

async function renderList() {
  let page;
  try {
    page = await api(`/api/events?sort=${listSort}&limit=100`);
  } catch (e) {
    return showError(e);
  }
  if (current.name !== 'list') return;
  document.title = 'storyweave — stories';
  const sortButton = (key, label) => el('button', {
    type: 'button', class: key === listSort ? 'sort active' : 'sort', 'aria-pressed': key === listSort ? 'true' : 'false',
    onclick: () => { listSort = key; renderList(); },
  }, label);
  show(
    el('div', { class: 'list-layout' },
      el('section', { class: 'stories' },
        el('h1', {}, 'Stories'),
        el('div', { class: 'sorts' }, 'Order: ', sortButton('newest', 'Newest'), sortButton('biggest', 'Biggest')),
        page.items.length
          ? el('ol', { id: 'story-list', class: 'story-list' }, page.items.map(storyCard))
          : el('p', { class: 'muted', id: 'story-list-empty' }, 'No stories yet: POST articles to /api/articles.'),
        page.total > page.items.length ? el('p', { class: 'muted' }, `${page.items.length} of ${page.total} shown`) : null),
      el('aside', { class: 'live' },
        el('h2', {}, 'Arriving now'),
        el('ol', { id: 'live-articles' }, liveArticles.map(liveItem)))));
}

// ---- story page ----------------------------------------------------------------------------

async function renderStory(id) {
  let story;
  try {
    story = await api(`/api/events/${encodeURIComponent(id)}?lang=en`);
  } catch (e) {
    return showError(e);
  }
  // The first sources' texts come with the page; the others when their fold opens or a citation
  // points into them, so a story of hundreds of articles does not cost hundreds of requests.
  const articles = new Map();
  await Promise.all(story.sources.slice(0, EAGER_SOURCES).map(async (s) => {
    try { articles.set(s.article_id, await api(`/api/articles/${s.article_id}`)); } catch (_) { /* shown without body */ }
  }));
  if (current.name !== 'event' || current.id !== id) return;
  document.title = `storyweave — ${story.headline}`;
  const independent = story.independent_sources;
  show(
    el('article', { class: 'story', dataset: { event: story.event_id } },
      el('h1', { class: 'headline' }, story.headline || `Event ${story.event_id}`),
      el('p', { class: 'meta' },
        el('span', { class: 'date' }, story.date || 'undated'),
        story.place ? el('span', { class: 'place' }, story.place) : null,
        el('span', {}, `${independent} independent source${independent === 1 ? '' : 's'}, ${story.sources.length} article${story.sources.length === 1 ? '' : 's'}`),
        languageChips(story.languages)),
      entityChips(articles),
      summarySection(story),
      factsSection(story),
      quotesSection(story),
      timelineSection(story),
      sourcesSection(story, articles)));
}

function entityChips(articles) {
  const seen = new Map();
  for (const a of articles.values()) {
    for (const m of a.entities || []) {
      if (!seen.has(m.entity)) seen.set(m.entity, { name: m.name, count: 0 });
      seen.get(m.entity).count += 1;
    }
  }
  const top = [...seen.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 16);
  if (!top.length) return null;
  return el('nav', { class: 'entities', 'aria-label': 'People, places and organizations' },
    top.map(([eid, e]) => el('a', { class: 'entity', href: `#/entity/${encodeURIComponent(eid)}` }, e.name)));
}

function citationButton(citation) {
  return el('button', {
    type: 'button', class: 'citation', dataset: { n: citation.n, article: citation.article_id },
    title: `${languageName(citation.language)}: ${citation.sentence}`,
    onclick: () => jumpTo(citation.article_id, citation.block, citation.sentence),
  }, `[${citation.n}]`);
}

function summarySection(story) {
  const summary = story.summary || { sentences: [], citations: [] };
  const byN = new Map((summary.citations || []).map((c) => [c.n, c]));
  const body = (summary.sentences || []).length
    ? el('p', { class: 'summary-text' }, summary.sentences.map((s) => [
      el('span', { class: 'summary-sentence' }, s.text), ' ',
      s.citations.map((n) => (byN.has(n) ? citationButton(byN.get(n)) : `[${n}]`)), ' ']))
    : el('p', { class: 'muted' }, 'No summary yet.');
  return el('section', { id: 'summary' }, el('h2', {}, 'Summary'), summary.note ? el('p', { class: 'note' }, summary.note) : null, body);
}

function statusMark(status) {
  const [mark, label] = STATUS_LABELS[status] || ['?', status];
  return el('span', { class: `status status-${status}`, title: label }, `${mark} ${label}`);
}

function factsSection(story) {
  const facts = story.facts || [];
  if (!facts.length) return el('section', { id: 'facts' }, el('h2', {}, 'Facts'), el('p', { class: 'muted' }, 'No facts aligned yet.'));
  return el('section', { id: 'facts' }, el('h2', {}, 'Facts'),
    el('table', { class: 'facts' },
      el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Fact'), el('th', {}, 'Status'), el('th', {}, 'Sources'), el('th', {}, 'Languages'))),
      el('tbody', {}, facts.map((f) => el('tr', { class: `fact fact-${f.status}`, dataset: { fact: f.id } },
        el('td', {}, f.id),
        el('td', {},
          el('span', { class: 'fact-text' }, f.text),
          (f.conflicts || []).map((c) => el('div', { class: 'conflict' }, `${c.kind}: ${c.detail}`)),
          el('details', { class: 'statements' }, el('summary', {}, `${f.statements.length} statement${f.statements.length === 1 ? '' : 's'}`),
            el('ul', {}, f.statements.map((s) => el('li', {},
              el('span', { class: 'lang' }, s.language), ' ',
              el('button', { type: 'button', class: 'statement-link', onclick: () => jumpTo(s.article_id, s.block, s.text) }, s.text)))))),
        el('td', {}, statusMark(f.status)),
        el('td', { class: 'num' }, f.independent_sources),
        el('td', {}, languageChips([...new Set(f.statements.map((s) => s.language))])))))));
}

function quotesSection(story) {
  const quotes = story.quotes || [];
  return el('section', { id: 'quotes' }, el('h2', {}, 'Quotes'),
    quotes.length
      ? el('ul', { class: 'quotes' }, quotes.map((q) => el('li', { class: 'quote' },
        el('blockquote', {}, q.text),
        el('div', { class: 'speaker' }, '— ',
          q.speaker_entity
            ? el('a', { href: `#/entity/${encodeURIComponent(q.speaker_entity)}` }, q.speaker || q.speaker_entity)
            : el('span', {}, q.speaker || 'unattributed'),
          q.versions && q.versions.length > 1 ? el('span', { class: 'muted' }, ` · in ${q.versions.length} articles (${[...new Set(q.versions.map((v) => v.language))].join(', ')})`) : null))))
      : el('p', { class: 'muted' }, 'No quotes.'));
}

function timelineSection(story) {
  const entries = story.timeline || [];
  return el('section', { id: 'timeline' }, el('h2', {}, 'Timeline'),
    entries.length
      ? el('ol', { class: 'timeline' }, entries.map((t) => el('li', {},
        el('time', {}, t.until ? `${t.date} – ${t.until}` : t.date), ' ',
        el('span', {}, t.text), ' ',
        el('span', { class: 'lang' }, t.language))))
      : el('p', { class: 'muted' }, 'No dated statements.'));
}

function articleBody(article) {
  if (!article) return el('p', { class: 'muted' }, 'Text not available.');
  return el('div', { class: 'article-body', dataset: { article: article.id } },
    (article.blocks || []).map((b, i) => (BODY_KINDS.has(b.kind)
      ? el(b.kind === 'paragraph' ? 'p' : 'h4', { class: `block block-${b.kind}`, dataset: { block: i } }, b.text)
      : null)));
}

// The article's text in a fold: open when already loaded, else loaded when first opened.
function sourceText(articleId, article) {
  const fold = el('details', { class: 'source-text', open: Boolean(article), dataset: article ? { loaded: 'yes' } : {} }, el('summary', {}, 'Text'),
    article ? articleBody(article) : el('p', { class: 'muted' }, 'Open to load the text.'));
  if (!article) fold.addEventListener('toggle', () => { if (fold.open) loadSourceText(fold, articleId); });
  return fold;
}

async function loadSourceText(fold, articleId) {
  if (fold.dataset.loaded) return;
  fold.dataset.loaded = 'yes';
  let body;
  try {
    body = articleBody(await api(`/api/articles/${articleId}`));
  } catch (e) {
    body = el('p', { class: 'error' }, `Could not load the text: ${e.message}`);
  }
  fold.replaceChildren(fold.querySelector('summary'), body);
}

function sourceCard(source, article, copies, articles) {
  return el('article', { class: 'source-card', dataset: { article: source.article_id }, id: `source-${source.article_id}` },
    el('h4', { class: 'source-title' }, source.title || (article && article.text ? article.text.split('\n')[0] : source.article_id)),
    el('div', { class: 'meta' },
      el('span', { class: 'site' }, source.site || 'unknown site'),
      source.published ? el('span', {}, source.published) : null,
      source.relation !== 'origin' ? el('span', { class: 'relation' }, source.relation) : null),
    sourceText(source.article_id, article),
    copies.length
      ? el('details', { class: 'copies' }, el('summary', {}, `${copies.length} cop${copies.length === 1 ? 'y' : 'ies'} of this report`),
        copies.map((c) => sourceCard(c, articles.get(c.article_id), [], articles)))
      : null);
}

function sourcesSection(story, articles) {
  const ids = new Set(story.sources.map((s) => s.article_id));
  const copiesOf = new Map();
  const origins = [];
  for (const s of story.sources) {
    if (s.origin !== s.article_id && ids.has(s.origin)) {
      if (!copiesOf.has(s.origin)) copiesOf.set(s.origin, []);
      copiesOf.get(s.origin).push(s);
    } else {
      origins.push(s);
    }
  }
  const byLanguage = new Map();
  for (const s of origins) {
    if (!byLanguage.has(s.language)) byLanguage.set(s.language, []);
    byLanguage.get(s.language).push(s);
  }
  return el('section', { id: 'sources' }, el('h2', {}, 'Sources'),
    el('div', { class: 'columns' }, [...byLanguage.entries()].map(([lang, list]) => el('div', { class: 'column', dataset: { language: lang } },
      el('h3', {}, `${languageName(lang)} (${list.length})`),
      list.map((s) => sourceCard(s, articles.get(s.article_id), copiesOf.get(s.article_id) || [], articles))))));
}

// Shows the cited sentence: opens the folds around its article, marks the sentence, scrolls to it.
async function jumpTo(articleId, block, sentence) {
  for (const old of document.querySelectorAll('.cited-sentence')) {
    const parent = old.parentNode;
    parent.replaceChild(document.createTextNode(old.textContent), old);
    parent.normalize();
  }
  const card = document.querySelector(`.source-card[data-article="${CSS.escape(articleId)}"]`);
  if (!card) return toast('That source is not on this page.');
  for (let node = card; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
  const text = card.querySelector('.source-text');
  if (text) {
    text.open = true;
    await loadSourceText(text, articleId);
  }
  const target = card.querySelector(`[data-block="${Number(block)}"]`) || card;
  const full = target.textContent;
  const at = sentence ? full.indexOf(sentence) : -1;
  const mark = el('mark', { class: 'cited-sentence', id: 'cited-sentence', tabindex: '-1' }, at >= 0 ? sentence : full);
  if (at >= 0) {
    target.replaceChildren(document.createTextNode(full.slice(0, at)), mark, document.createTextNode(full.slice(at + sentence.length)));
  } else {
    target.replaceChildren(mark);
  }
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
}

// ---- entity page ---------------------------------------------------------------------------

async function renderEntity(id) {
  let page;
  try {
    page = await api(`/api/entities/${encodeURIComponent(id)}?limit=200`);
  } catch (e) {
    return showError(e);
  }
  if (current.name !== 'entity' || current.id !== id) return;
  document.title = `storyweave — ${page.entity.name}`;
  show(el('section', { class: 'entity-page', dataset: { entity: page.entity.id } },
    el('h1', {}, page.entity.name),
    el('p', { class: 'muted' }, `${page.entity.id} · ${page.total} event${page.total === 1 ? '' : 's'}, oldest first`),
    el('ol', { class: 'story-list entity-events' }, page.items.map(storyCard))));
}

// ---- search --------------------------------------------------------------------------------

async function renderSearch(q) {
  document.getElementById('search-input').value = q;
  if (!q.trim()) return show(el('p', { class: 'muted' }, 'Type words or a name to search for.'));
  let result;
  try {
    result = await api(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
  } catch (e) {
    return showError(e);
  }
  if (current.name !== 'search' || current.q !== q) return;
  document.title = `storyweave — search: ${q}`;
  show(el('section', { class: 'search-page' },
    el('h1', {}, 'Search: ', el('q', {}, q)),
    result.entities.length
      ? el('p', { class: 'found-entities' }, 'Names found: ', result.entities.map((e) => [el('a', { class: 'entity', href: `#/entity/${encodeURIComponent(e.id)}` }, e.name), ' ']))
      : null,
    result.events.length ? [el('h2', {}, 'Stories'), el('ol', { class: 'story-list' }, result.events.map(storyCard))] : null,
    el('h2', {}, 'Articles'),
    result.items.length
      ? el('ol', { id: 'search-results', class: 'search-results' }, result.items.map((a) => el('li', { class: 'search-hit', dataset: { article: a.id, matched: a.matched } },
        a.event ? el('a', { href: `#/event/${a.event}` }, a.title || a.id) : el('span', {}, a.title || a.id),
        a.language ? [' ', el('span', { class: 'lang' }, a.language)] : null,
        el('p', { class: 'snippet' }, a.snippet.map((p) => (p.hit ? el('mark', {}, p.text) : p.text))))))
      : el('p', { class: 'muted' }, 'No article matches.')));
}

// ---- live updates --------------------------------------------------------------------------

let refreshTimer = null;

function refreshSoon(eventId) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (current.name === 'list') renderList();
    else if (current.name === 'event' && (eventId === undefined || String(eventId) === current.id)) renderStory(current.id);
  }, 250);
}

function connectStream() {
  const status = document.getElementById('live-status');
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => { status.textContent = 'live'; status.classList.add('on'); });
  source.addEventListener('error', () => { status.textContent = 'reconnecting'; status.classList.remove('on'); });
  source.addEventListener('article', (m) => {
    const a = JSON.parse(m.data);
    liveArticles.unshift(a);
    liveArticles.length = Math.min(liveArticles.length, 50);
    const list = document.getElementById('live-articles');
    if (list) list.prepend(liveItem(a));
    toast(`New article: ${a.title || a.id}`);
  });
  source.addEventListener('event_new', (m) => refreshSoon(JSON.parse(m.data).id));
  source.addEventListener('event_update', (m) => refreshSoon(JSON.parse(m.data).id));
  source.addEventListener('resync', () => refreshSoon());
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = document.getElementById('search-input').value.trim();
    if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
  });
  window.addEventListener('hashchange', route);
  connectStream();
  route();
});
