// Drives the pool dashboard in Debian's Chromium through playwright-core (no downloaded browser):
//   node tests/browser/dashboard.mjs URL SCREENSHOT [--require curves,leaderboard,miners] [--timeout 60]
// Opens URL, waits until every required panel holds data (a chart's data-points, a table's data-rows), saves a
// full-page screenshot and prints one JSON object: each chart's points and series, each table's rows, the page's
// errors, its requests to other origins and its failed API answers. Exits 0 when every required panel held data in time.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshot, ...rest] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node dashboard.mjs URL SCREENSHOT [--require curves,leaderboard,miners] [--timeout SECONDS]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(name);
  return i >= 0 && i + 1 < rest.length ? rest[i + 1] : fallback;
};
const required = option('--require', 'curves,leaderboard,miners').split(',').filter(Boolean);
const timeoutMs = Number(option('--timeout', '60')) * 1000;
const executablePath = process.env.PONAS_CHROMIUM ?? '/usr/bin/chromium';

const profile = mkdtempSync(join(tmpdir(), 'ponas-dashboard-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});

const origin = new URL(url).origin;
const pageErrors = [];
const consoleErrors = [];
const foreignRequests = [];
const failedResponses = [];
let result;
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', error => pageErrors.push(String(error)));
  page.on('console', message => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('request', request => {
    if (!request.url().startsWith('data:') && new URL(request.url()).origin !== origin) {
      foreignRequests.push(request.url());
    }
  });
  page.on('response', response => {
    if (response.status() >= 400) {
      failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });

  await page.goto(url, { waitUntil: 'load' });
  let ready = true;
  try {
    await page.waitForFunction(names => Number(document.body.dataset.polls) > 0 && names.every(name => {
      const element = document.querySelector(`[data-chart="${name}"], [data-table="${name}"]`);
      return element && Number(element.dataset.points ?? element.dataset.rows) > 0;
    }), required, { timeout: timeoutMs, polling: 500 });
  } catch {
    ready = false;
  }

  const state = await page.evaluate(() => ({
    path: location.pathname,
    polls: Number(document.body.dataset.polls),
    status: document.getElementById('status')?.dataset.state,
    statusText: document.getElementById('status-text')?.textContent,
    stage: document.getElementById('stages')?.dataset.stage,
    charts: Object.fromEntries([...document.querySelectorAll('[data-chart]')].map(chart =>
      [chart.dataset.chart, { points: Number(chart.dataset.points), series: Number(chart.dataset.series) }])),
    tables: Object.fromEntries([...document.querySelectorAll('[data-table]')].map(table =>
      [table.dataset.table, { rows: Number(table.dataset.rows), available: table.dataset.available }])),
    facts: Object.fromEntries([...document.querySelectorAll('.facts dd')].map(fact => [fact.id.replace('fact-', ''), fact.textContent])),
  }));
  mkdirSync(dirname(resolve(screenshot)), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  result = { ready, required, ...state, pageErrors, consoleErrors, foreignRequests, failedResponses, screenshot: resolve(screenshot) };
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(JSON.stringify(result));
process.exit(result.ready ? 0 : 1);
