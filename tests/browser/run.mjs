// End-to-end tests of `storyweave serve` in headless Chromium (Debian's `chromium`, driven by
// playwright-core). Starts the server on a free port with a temporary data directory, ingests the five
// seeds over the API, and checks the story list, the summit story (sources, facts, quotes, a citation),
// search across languages, live updates without reload, and that script in article text never runs.
// Screenshots go to target/screenshots/.
//
// Usage: node tests/browser/run.mjs   (env: STORYWEAVE_BIN, CHROMIUM, SHARED_DIR)
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const shared = process.env.SHARED_DIR || path.resolve(repo, '..', 'shared');
const bin = process.env.STORYWEAVE_BIN || path.join(repo, 'target', 'debug', 'storyweave');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = path.join(repo, 'target', 'screenshots');
const TOKEN = 'browser-test-token';
const TIMEOUT = 20_000;

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function startServer(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--data', dataDir, '--addr', '127.0.0.1:0', '--token', TOKEN], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s: ${out}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving on (http:\/\/[^/\s]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(`[server] ${chunk}`));
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
}

async function post(base, records) {
  const response = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(records),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`POST /api/articles: ${response.status} ${body.error}`);
  return body;
}

async function getJson(base, p) {
  const response = await fetch(base + p);
  const body = await response.json();
  if (!response.ok) throw new Error(`GET ${p}: ${response.status} ${body.error}`);
  return body;
}

async function main() {
  assert(existsSync(bin), `no storyweave binary at ${bin}; run cargo build -p storyweave first`);
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storyweave-browser-'));
  const { child, base } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
  try {
    await run(base, browser);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(base, browser) {
  // The seeds, posted as one batch in the JSONL fields, and the gold event of each.
  const gold = JSON.parse(readFileSync(path.join(shared, 'corpus', 'seeds.gold.json'), 'utf8')).documents;
  const files = readdirSync(path.join(shared, 'corpus', 'seeds')).filter((f) => f.endsWith('.txt')).sort();
  const seedRecords = files.map((f) => ({
    text: readFileSync(path.join(shared, 'corpus', 'seeds', f), 'utf8'),
    url: `https://seeds.example/${f}`,
  }));
  const posted = await post(base, seedRecords);
  assert(posted.articles.length === files.length, 'one result per posted seed');
  const byGoldEvent = new Map();
  files.forEach((f, i) => {
    const g = gold[f].event;
    if (!byGoldEvent.has(g)) byGoldEvent.set(g, []);
    byGoldEvent.get(g).push(posted.articles[i]);
  });
  // The summit: the gold event with the most seeds; its story is the event most of them joined.
  const summit = [...byGoldEvent.values()].sort((a, b) => b.length - a.length)[0];
  const votes = new Map();
  for (const a of summit) votes.set(a.event, (votes.get(a.event) || 0) + 1);
  const summitEvent = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const summitIds = new Set(summit.map((a) => a.article_id));
  const story = await getJson(base, `/api/events/${summitEvent}?lang=en`);

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await check('the story list shows the stories with languages, sources, date and place', async () => {
    await page.goto(`${base}/`);
    await page.locator('#story-list .story-card').first().waitFor({ timeout: TIMEOUT });
    const card = page.locator(`.story-card[data-event="${summitEvent}"]`);
    await card.waitFor({ timeout: TIMEOUT });
    const text = await card.innerText();
    assert(/\bde\b/i.test(text) && /\ben\b/i.test(text), `the summit card names German and English: ${text}`);
    assert(/\d+ sources?/.test(text), `the card gives a source count: ${text}`);
    assert(/\d{4}-\d{2}/.test(text), `the card gives a date: ${text}`);
    assert(story.place === null || text.includes(story.place), `the card gives the place ${story.place}`);
    await page.screenshot({ path: path.join(shots, 'list.png'), fullPage: true });
  });

  await check('the summit story shows its sources side by side by language', async () => {
    await page.locator(`.story-card[data-event="${summitEvent}"] .story-link`).click();
    await page.locator('.story .headline').waitFor({ timeout: TIMEOUT });
    assert((await page.locator('.story .headline').innerText()).trim().length > 0, 'a headline');
    const shown = await page.locator('#sources .source-card').evaluateAll((cards) => cards.map((c) => c.dataset.article));
    for (const id of summitIds) {
      if (story.sources.some((s) => s.article_id === id)) assert(shown.includes(id), `source ${id} is shown`);
    }
    assert(shown.length === story.sources.length, `every source is shown once (${shown.length} of ${story.sources.length})`);
    const columns = await page.locator('#sources .column').evaluateAll((cs) => cs.map((c) => c.dataset.language));
    assert(columns.includes('de') && columns.includes('en'), `a German and an English column: ${columns}`);
    await page.screenshot({ path: path.join(shots, 'story.png'), fullPage: true });
  });

  await check('the fact table marks each fact corroborated, single-sourced or contradicted', async () => {
    assert(story.facts.length > 0, 'the story has facts');
    const rows = page.locator('#facts tr.fact');
    assert((await rows.count()) === story.facts.length, 'one row per fact');
    const marks = await page.locator('#facts tr.fact .status').allInnerTexts();
    assert(marks.every((m) => /corroborated|single source|contradicted/.test(m)), `status marks: ${marks}`);
    if (story.facts.some((f) => f.status === 'corroborated')) {
      assert((await page.locator('#facts .status-corroborated').count()) > 0, 'corroborated facts are marked');
    }
  });

  await check('quotes are shown with their speakers', async () => {
    assert(story.quotes.length > 0, 'the story has quotes');
    const quotes = page.locator('#quotes .quote');
    assert((await quotes.count()) === story.quotes.length, 'one entry per quote');
    const attributed = story.quotes.find((q) => q.speaker);
    assert(attributed, 'at least one quote has a speaker');
    const speakers = await page.locator('#quotes .speaker').allInnerTexts();
    assert(speakers.some((s) => s.includes(attributed.speaker)), `speaker ${attributed.speaker} is shown`);
  });

  await check('a citation in the summary jumps to the cited sentence of its source', async () => {
    const citation = story.summary.citations[0];
    assert(citation, 'the summary has a citation');
    await page.locator(`#summary .citation[data-n="${citation.n}"]`).first().click();
    const mark = page.locator('.cited-sentence');
    await mark.waitFor({ state: 'visible', timeout: TIMEOUT });
    const markText = (await mark.innerText()).trim();
    assert(markText === citation.sentence.trim(), `the marked text is the cited sentence: ${markText.slice(0, 80)}`);
    const inCard = await mark.evaluate((m, id) => m.closest('.source-card').dataset.article === id, citation.article_id);
    assert(inCard, 'the mark is in the cited source');
    assert(await mark.isVisible(), 'the sentence is scrolled into view');
    await page.screenshot({ path: path.join(shots, 'citation.png') });
  });

  await check('searching an entity in German finds the English articles too', async () => {
    await page.fill('#search-input', 'Südkorea');
    await page.press('#search-input', 'Enter');
    await page.locator('#search-results .search-hit').first().waitFor({ timeout: TIMEOUT });
    const languages = await page.locator('#search-results .search-hit .lang').allInnerTexts();
    assert(languages.map((l) => l.trim().toLowerCase()).includes('en'), `English hits among: ${languages}`);
    assert(await page.locator('.found-entities .entity').count() > 0, 'the query is recognized as an entity');
    await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  });

  await check('the entity page lists the entity\'s events', async () => {
    await page.locator('.found-entities .entity').first().click();
    await page.locator('.entity-page .story-card').first().waitFor({ timeout: TIMEOUT });
  });

  await check('a new article appears live without a reload', async () => {
    await page.goto(`${base}/#/`);
    await page.locator('#live-status.on').waitFor({ timeout: TIMEOUT });
    await page.evaluate(() => { window.__sameDocument = true; });
    const title = 'Harbour authority opens new ferry terminal in Bergen';
    await post(base, [{
      title,
      text: `${title}\nThe harbour authority of Bergen opened a new ferry terminal on Monday, the city council said. ` +
        'The terminal will serve routes along the western coast and is expected to handle two million passengers a year.',
      url: 'https://fixtures.example/ferry-terminal',
      date_publish: '2025-10-06',
      language: 'en',
    }]);
    await page.locator('#live-articles .live-article', { hasText: 'ferry terminal' }).waitFor({ timeout: TIMEOUT });
    await page.locator('#story-list .story-card', { hasText: 'ferry terminal' }).waitFor({ timeout: TIMEOUT });
    assert(await page.evaluate(() => window.__sameDocument === true), 'the page was not reloaded');
    await page.screenshot({ path: path.join(shots, 'live.png'), fullPage: true });
  });

  await check('script and onerror handlers in article text are shown as text and never run', async () => {
    const payload = {
      title: 'Council publishes <script>window.__xss = "script"; document.title = "owned"</script> budget notes',
      text: 'Council publishes budget notes for the coming year\n' +
        'The council published its notes <script>window.__xss = "script"; document.title = "owned"</script> on Tuesday. ' +
        'A second paragraph carries an image tag <img src=x onerror="window.__xss = \'img\'; document.title = \'owned\'"> in its text.\n' +
        'The notes list forty projects, the treasurer said in a statement on Tuesday.',
      url: 'https://fixtures.example/budget-notes',
      date_publish: '2025-11-04',
      language: 'en',
    };
    const result = await post(base, [payload]);
    const eventId = result.articles[0].event;
    assert(eventId, 'the article joined an event');
    await page.goto(`${base}/#/event/${eventId}`);
    await page.locator('.story .headline').waitFor({ timeout: TIMEOUT });
    await page.locator('#sources .article-body').first().waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(500);
    const body = await page.locator('#view').innerText();
    assert(body.includes('<script>'), 'the script tag is shown as text');
    assert(body.includes('onerror='), 'the onerror attribute is shown as text');
    assert(await page.evaluate(() => window.__xss === undefined), 'no injected code ran');
    assert((await page.title()) !== 'owned', 'the title was not changed by injected code');
    assert(await page.locator('#view script, #view img').count() === 0, 'no script or img element was created');
    await page.screenshot({ path: path.join(shots, 'xss-story.png'), fullPage: true });
    await page.fill('#search-input', 'budget notes');
    await page.press('#search-input', 'Enter');
    await page.locator('#search-results .search-hit').first().waitFor({ timeout: TIMEOUT });
    assert(await page.evaluate(() => window.__xss === undefined), 'no injected code ran in search results');
    await page.screenshot({ path: path.join(shots, 'xss-search.png'), fullPage: true });
  });

  await check('the page raised no script errors', async () => {
    assert(pageErrors.length === 0, pageErrors.join('; '));
  });
}

main()
  .catch((e) => {
    console.log(`FAIL setup: ${e.message}`);
    results.push({ name: 'setup', ok: false });
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\nbrowser tests: ${results.length - failed} passed, ${failed} failed; screenshots in ${shots}`);
    process.exit(failed ? 1 : 0);
  });
