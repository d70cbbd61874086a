// Opens the dashboard in Debian's headless Chromium against a live gateway:
// a refused token, the read-only dashboard token, then the master key; the
// engine table and a chart render; a test chat streams its route and answer;
// a screenshot is taken and checked not to be blank.
//   node dashboard_test.mjs BASE_URL MASTER_KEY DASHBOARD_TOKEN SCREENSHOT.png
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import puppeteer from 'puppeteer-core';

import {colourStats, decodePng} from './png.mjs';

const [base, master, dashboardToken, screenshot] = process.argv.slice(2);
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

async function chat(secret) {
  const response = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: {Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json'},
    body: JSON.stringify({model: 'mode/smart', messages: [{role: 'user', content: 'hello'}]}),
  });
  assert.equal(response.status, 200, await response.text());
}

// Traffic first, so the usage charts have something to draw.
await chat(master);
await chat(master);

// Without a token, the data the dashboard reads is refused in the OpenAI shape.
for (const path of ['/admin/health', '/admin/usage', '/admin/plugins']) {
  const refused = await fetch(base + path);
  assert.equal(refused.status, 401, path);
  const body = await refused.json();
  assert.equal(body.error.type, 'authentication_error', path);
}

const profile = mkdtempSync(join(tmpdir(), 'manifold-ui-chromium-'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  userDataDir: profile,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  await page.setViewport({width: 1280, height: 900});
  // Any script error or content-policy violation on our own page is a failure.
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('401') && !m.text().includes('403'))
      problems.push(`console: ${m.text()}`);
  });

  const opened = await page.goto(`${base}/ui`, {waitUntil: 'domcontentloaded'});
  assert.equal(opened.status(), 200);
  assert.match(opened.headers()['content-security-policy'], /script-src 'self'/);
  await page.waitForSelector('#login:not([hidden])');

  const logIn = async (secret) => {
    await page.type('#token', secret);
    await page.click('#login-form button');
  };
  await logIn('not-a-token');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
  assert.equal(await page.$eval('#dashboard', (e) => e.hidden), true, 'a bad token shows nothing');

  // The dashboard token reads everything the dashboard shows, but cannot chat.
  await logIn(dashboardToken);
  await page.waitForSelector('#engines tbody tr[data-engine="demo"]');
  await page.click('#chat-form button');
  await page.waitForFunction(() => document.getElementById('chat-end').textContent.startsWith('refused'));
  await page.click('#logout');
  await page.waitForSelector('#login:not([hidden])');

  await logIn(master);
  await page.waitForSelector('#engines tbody tr[data-engine="demo-flaky"]');
  const demoRow = await page.$eval('#engines tbody tr[data-engine="demo"]',
                                   (tr) => [...tr.cells].map((c) => c.textContent));
  assert.equal(demoRow[1], 'demo');
  assert.equal(demoRow[2], 'ok');
  assert.equal(demoRow[5], '2', `two answered requests in the last day: ${demoRow}`);
  const flakyRow = await page.$eval('#engines tbody tr[data-engine="demo-flaky"]',
                                    (tr) => [...tr.cells].map((c) => c.textContent));
  assert.equal(flakyRow[6], '100.0 %', `every demo-flaky attempt failed: ${flakyRow}`);
  assert.match(flakyRow[3], /closed, 2 failed/);
  await page.waitForFunction(() => [...document.querySelectorAll('#chart-requests-day rect.bar')]
                                       .some((r) => Number(r.getAttribute('height')) > 0));
  const modelBars = await page.$$eval('#chart-requests-model text', (t) => t.map((n) => n.textContent));
  assert.ok(modelBars.includes('demo/demo-1'), modelBars.join(','));
  await page.waitForSelector('#plugins tbody tr[data-plugin="demo"]');

  // The test chat: count how often the answer grows before it is done, to see it stream.
  await page.evaluate(() => {
    window.answerUpdates = 0;
    new MutationObserver(() => {
      if (!document.getElementById('chat-end').textContent.startsWith('done')) ++window.answerUpdates;
    }).observe(document.getElementById('chat-answer'), {childList: true, characterData: true, subtree: true});
  });
  assert.equal(await page.$eval('#chat-mode', (e) => e.value), 'smart');
  await page.click('#chat-form button');
  await page.waitForFunction(() => document.getElementById('chat-end').textContent.startsWith('done'));
  await page.screenshot({path: screenshot, fullPage: true});
  const stats = colourStats(decodePng(readFileSync(screenshot)));
  assert.ok(stats.distinct > 50 && stats.drawnShare > 0.02,
            `the screenshot looks blank: ${JSON.stringify(stats)}`);
  const route = await page.$$eval('#chat-route li', (l) => l.map((n) => [n.dataset.event, n.textContent]));
  const answer = await page.$eval('#chat-answer', (e) => e.textContent);
  const updates = await page.evaluate(() => window.answerUpdates);
  assert.ok(answer.length > 0, 'an answer arrived');
  assert.ok(updates > 1, `the answer arrived in ${updates} pieces, not streamed`);
  const routed = route.find(([type]) => type === 'auto_routed');
  assert.ok(routed && /mode smart by rule/.test(routed[1]), JSON.stringify(route));
  const attempts = route.filter(([type]) => type === 'attempt').map(([, text]) => text);
  assert.ok(attempts.length === 1 && /demo-flaky failed/.test(attempts[0]), JSON.stringify(route));
  const backend = route.find(([type]) => type === 'backend');
  assert.ok(backend && /answered by demo \(/.test(backend[1]) && /after 2 attempts/.test(backend[1]),
            JSON.stringify(route));
  assert.ok(route.findIndex(([t]) => t === 'attempt') < route.findIndex(([t]) => t === 'backend'),
            'the failed attempt shows before the engine that answered');

  assert.deepEqual(problems, []);
  console.log(`dashboard: ok (${route.length} route lines, ${updates} answer updates, ` +
              `${stats.distinct} colours in ${screenshot})`);
} finally {
  await browser.close();
  rmSync(profile, {recursive: true, force: true});
}
