// Browser test of the page at GET /: starts the built server on a free loopback port, drives
// headless Chromium (Debian's `chromium`) with playwright-core, pastes a note that contains
// script-like text, runs it with the keyboard, waits for the final event, checks the codes and a
// highlight, and saves a screenshot.
//   node page_test.mjs <notecoder binary> <codebook.bin> <screenshot.png>
// Exit 0: passed; 1: failed; 77: skipped because no Chromium binary is installed (ctest reports
// it as skipped, never as passed).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [binary, codebook, screenshot] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM_PATH ||
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromiumPath) {
  console.log('SKIP: no Chromium binary (apt-get install chromium, or scripts/bootstrap.sh)');
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('FAIL: playwright-core is not installed: run scripts/bootstrap.sh (npm ci in tests/web)');
  process.exit(1);
}

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

function startServer() {
  const env = { ...process.env, HOST: '127.0.0.1', PORT: '0', NOTECODER_CODEBOOK: codebook,
    MODEL_PATH: process.env.PAGE_TEST_MODEL_PATH || 'none', BACKGROUND_WARMUP: '0', LOG_LEVEL: 'info' };
  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line in 20 s:\n${log}`)), 20000);
    const onData = (d) => {
      log += d;
      const m = log.match(/"event":"listening"[^\n]*?"port":(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  return { child, port };
}

const NOTE = [
  'Assessment: type 2 diabetes with CKD stage 3b. Essential hypertension.',
  'Denies chest pain. Family history of colon cancer.',
  'Pasted from a web form: <script>alert(1)</script> <img src=x onerror="alert(2)">',
].join('\n');

const server = startServer();
let browser;
try {
  const port = await server.port;
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const dialogs = [];
  const consoleErrors = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${base}/`, { waitUntil: 'load', timeout: 15000 });
  check((await page.title()) === 'notecoder', 'the page loads');
  // Locators, not waitForFunction: its polling evaluates strings, which the page's CSP forbids.
  await page.locator('#service-status', { hasText: 'service ready' }).waitFor({ timeout: 10000 });

  // Keyboard only: focus the note, type it, run it with Ctrl+Enter.
  await page.focus('#note');
  await page.fill('#note', NOTE);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 15000 });
  check(await page.$eval('body', (b) => b.dataset.state) === 'done', 'the final event arrives');
  const stages = await page.$$eval('#stages li', (lis) => lis.map((li) => [li.dataset.stage, li.className]));
  check(stages.every(([, cls]) => cls === 'done'), `every stage is marked done: ${JSON.stringify(stages)}`);

  const codes = await page.$$eval('#codes tbody tr', (rows) => rows.map((r) => r.cells[0].textContent));
  check(codes.includes('E11.22'), `codes include E11.22: ${codes.join(', ')}`);
  check(codes.includes('N18.32'), 'codes include N18.32');
  const descr = await page.$eval('#codes tbody tr', (r) => r.cells[1].textContent);
  check(descr.length > 10, 'codes have descriptions');
  const excluded = await page.$$eval('#excluded li .reason', (els) => els.map((e) => e.textContent));
  check(excluded.includes('negated'),
    `excluded mentions with reasons: ${excluded.join(', ')}`);

  // Click a code: its evidence is the highlighted (active) span.
  await page.click('#codes button:text-is("E11.22")');
  const active = await page.$$eval('#note-view mark.active', (ms) => ms.map((m) => m.textContent));
  check(active.length > 0 && active.some((t) => /diabetes/i.test(t)),
    `E11.22's evidence is highlighted: ${JSON.stringify(active)}`);
  check(await page.$eval('#codes button:text-is("E11.22")', (b) => b.getAttribute('aria-pressed')) === 'true',
    'the selected code is marked pressed');

  // The note's markup is shown as text and never runs.
  const viewText = await page.$eval('#note-view', (v) => v.textContent);
  check(viewText.includes('<script>alert(1)</script>'), 'script-like text is shown as text');
  check(await page.$$eval('#note-view *', (els) => els.every((e) => e.tagName === 'MARK')),
    'the note view holds only text and <mark> elements');
  check(await page.$$eval('script', (s) => s.every((x) => x.src.endsWith('/web/app.js'))),
    'no script element came from the note');
  check(dialogs.length === 0, `no dialog opened (${dialogs.join(', ')})`);
  check(!consoleErrors.some((e) => /Content Security Policy/i.test(e)),
    `no Content-Security-Policy violation (${consoleErrors.join(' | ')})`);
  check((await page.$eval('#json', (p) => p.textContent)).includes('"codes"'), 'the JSON is shown');
  check(!(await page.$eval('#copy', (b) => b.disabled)), 'Copy JSON is enabled');

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} catch (e) {
  failures.push(String(e && e.stack ? e.stack : e));
  console.error(e);
} finally {
  if (browser) await browser.close();
  server.child.kill('SIGTERM');
  await Promise.race([new Promise((r) => server.child.on('exit', r)), sleep(5000)]);
}
if (failures.length) {
  console.error(`FAILED: ${failures.length} check(s)`);
  process.exit(1);
}
console.log('PASSED');
