// pages.mjs: how long each page of the web UI takes to show its content in Chromium, from
// navigating to it (a full load: HTML, script, API calls) until what a person came for is
// on screen. Usage (a server on the 1M database, the UI built):
//   node bench/pages.mjs http://127.0.0.1:18182 kwaliteit@xs2more.example [runs]
import { chromium } from '../web/node_modules/playwright-core/index.mjs';

const [base, email, runsArg] = process.argv.slice(2);
if (!base || !email) {
  console.error('usage: node bench/pages.mjs BASE-URL EMAIL [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 7);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' })).newPage();
await page.goto(base + '/');
await page.getByLabel('E-mailadres').fill(email);
await page.getByLabel('Wachtwoord').fill('klachtdesk-demo');
await page.getByRole('button', { name: 'Inloggen' }).click();
await page.getByRole('heading', { name: 'Mijn werk' }).waitFor();

// The case with the longest history among the newest page of the register: the heaviest
// case page a person is likely to open.
const list = await page.evaluate(async () => {
  const session = await (await fetch('/api/v1/session')).json();
  const res = await fetch(`/api/v1/organisations/${session.organisation.slug}/complaints?limit=50`);
  return res.json();
});
const caseId = list.items[0].id;

const pages = [
  ['Mijn werk', '/', (p) => p.getByRole('table').first().locator('tbody tr').first().waitFor()],
  ['Register, newest 50', '/register', (p) => p.getByRole('table').locator('tbody tr').first().waitFor()],
  ['Register, closed in 2023, oldest first', '/register?state=closed&received_from=2023-01-01&received_to=2023-12-31&sort=received_at',
    (p) => p.getByRole('table').locator('tbody tr').first().waitFor()],
  ['Register, search two words', '/register?q=advies+laat', (p) => p.getByRole('table').locator('tbody tr').first().waitFor()],
  ['Case page', `/klachten/${caseId}`, (p) => p.getByRole('region', { name: 'Tijdlijn' }).locator('tbody tr').first().waitFor()],
  ['Nieuwe klacht', '/klachten/nieuw', (p) => p.getByLabel('Ontvangen op').waitFor()],
  ['Procedure', '/procedure', (p) => p.locator('main h1').first().waitFor()],
];

console.log(`| page | median | slowest (${runs} loads) |`);
console.log('|---|---|---|');
for (const [name, path, ready] of pages) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await page.goto(base + path);
    await ready(page);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = (x) => `${Math.round(x)} ms`;
  console.log(`| ${name} | ${ms(times[Math.floor(times.length / 2)])} | ${ms(times[times.length - 1])} |`);
}
await browser.close();
