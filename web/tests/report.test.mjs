// report.test.mjs: the management-review report (Rapportage, docs/reports.md) in Debian's
// Chromium against a real klachtdesk, at Xs2more (004): the coordinator reads this quarter
// beside the last, as the API answers it, with charts that have a label and no serious
// accessibility finding; a year and a span of days in the address, a span that ends before
// it starts refused next to the field; the review's conclusions recorded (an empty text
// refused next to the field) and kept after a reload; on paper no menu, picker or buttons,
// but the periods, figures and conclusions; the auditor reads without a form; a handler has
// no menu item and is refused the page. The tests run in order and build on each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);
const api = '/api/v1/organisations/xs2more';

async function expectAccessible(page, what) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}

// As the page writes them: "24-11-2026", "4e kwartaal 2026 (01-10-2026 t/m 31-12-2026)",
// numbers and rates with a decimal comma.
const dutchDay = (iso) => iso.split('-').reverse().join('-');
function periodName(p) {
  if (p.kind === 'custom') return `${dutchDay(p.from)} – ${dutchDay(p.to)}`;
  const m = /^(\d{4})-([QH])(\d)$/.exec(p.name);
  return !m ? p.name : `${m[3]}e ${m[2] === 'Q' ? 'kwartaal' : 'halfjaar'} ${m[1]}`;
}
function periodTitle(p) {
  const days = `${dutchDay(p.from)} t/m ${dutchDay(p.to)}`;
  return p.kind === 'custom' ? days : `${periodName(p)} (${days})`;
}
const number = (n) => (n === null ? '—' : n.toLocaleString('nl-NL'));
const percent = (rate) => (rate === null ? '—' : `${(rate * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}\u00a0%`);

async function report(page, query = '') {
  const r = await page.request.get(`${env.server.url}${api}/report${query}`);
  assert.equal(r.status(), 200, query);
  return r.json();
}

// The cells after the row's heading, in a table of a region of the page.
async function rowCells(page, region, heading) {
  const row = page.getByRole('region', { name: region, exact: true }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: heading, exact: true }) });
  return row.getByRole('cell').allTextContents();
}

// The page shows the periods and the figures of `r`, the API's answer for the same address.
async function expectFigures(page, r) {
  await page.getByText(`Periode: ${periodTitle(r.period)}`, { exact: true }).waitFor();
  await page.getByText(`Vergeleken met: ${periodTitle(r.previous_period)}`, { exact: true }).waitFor();
  const diff = (a, b) => (a === b ? '0' : `${a > b ? '+' : '−'}${Math.abs(a - b)}`);
  assert.deepEqual(await rowCells(page, 'Kerncijfers', 'Ontvangen klachten'),
    [number(r.current.received), number(r.previous.received), diff(r.current.received, r.previous.received)]);
  assert.deepEqual(await rowCells(page, 'Kerncijfers', 'Open aan het eind van de periode'),
    [number(r.current.open_at_end), number(r.previous.open_at_end), diff(r.current.open_at_end, r.previous.open_at_end)]);
  assert.deepEqual((await rowCells(page, 'Kerncijfers', 'Doorlooptijd tot afhandeling, mediaan (dagen)')).slice(0, 2),
    [number(r.current.handling.median_days), number(r.previous.handling.median_days)]);
  for (const c of r.current.breakdowns.find((b) => b.measure === 'channel').counts)
    assert.equal((await rowCells(page, 'Kanaal', c.label))[0], number(c.n), c.label);
  for (const d of r.current.deadlines) {
    const cells = await rowCells(page, 'Termijnen gehaald', d.label);
    assert.deepEqual(cells.slice(0, 4), [percent(d.on_time_rate), number(d.met), number(d.missed), number(d.running)], d.label);
  }
}

const conclusions = 'De afhandeltermijn wordt vaker gehaald. Besluit: terugbellen binnen één werkdag wordt de norm; '
  + 'de kwaliteitscoördinator meldt in het volgende kwartaal hoe vaak dat lukte.';

test('the coordinator reads this quarter beside the last, as the API answers it, with labelled charts', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.getByRole('link', { name: 'Rapportage', exact: true }).click();
  await page.getByRole('heading', { name: 'Rapportage', level: 1 }).waitFor();
  const r = await report(page);
  assert.equal(r.period.kind, 'quarter');
  assert.ok(r.current.received > 0, 'the demo data has complaints this quarter');
  await page.getByText(`Xs2more · directiebeoordeling van de klachtenbehandeling`).waitFor();
  await expectFigures(page, r);
  assert.equal(await page.getByLabel('Soort periode').inputValue(), 'quarter');
  assert.equal(await page.getByLabel('Periode', { exact: true }).inputValue(), r.period.name);

  // A chart per breakdown with figures and one of the deadlines: SVG images with a label.
  const charts = page.locator('svg[role="img"]');
  const withCounts = r.current.breakdowns.filter((b) => b.counts.length > 0).length;
  assert.equal(await charts.count(), withCounts + 1);
  for (const label of await charts.evaluateAll((all) => all.map((c) => c.getAttribute('aria-label'))))
    assert.match(label, /tegenover/);
  await page.getByRole('img', { name: /^Ontvangen klachten naar kanaal, / }).waitFor();
  assert.equal(await page.getByRole('img', { name: /^Termijnen op tijd gehaald per stap/ }).locator('rect').count() > 0, true);
  await expectAccessible(page, 'report');
  await screenshot(page, 'report');
});

test('a year and a span of days in the address; a span that ends before it starts is refused next to the field', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.goto(`${env.server.url}/rapportage`);
  const quarter = await report(page);
  await expectFigures(page, quarter);
  const year = quarter.period.to.slice(0, 4);

  await page.getByLabel('Soort periode').selectOption({ label: 'Jaar' });
  await page.waitForURL((u) => u.searchParams.get('periode') === year);
  const thisYear = await report(page, `?period=${year}`);
  await expectFigures(page, thisYear);
  assert.equal(thisYear.previous_period.name, String(Number(year) - 1));
  // The year before: the address and the figures follow, and a reload keeps them.
  await page.getByLabel('Periode', { exact: true }).selectOption(String(Number(year) - 1));
  await page.waitForURL((u) => u.searchParams.get('periode') === String(Number(year) - 1));
  const lastYear = await report(page, `?period=${Number(year) - 1}`);
  await page.reload();
  await expectFigures(page, lastYear);
  assert.equal(await page.getByLabel('Soort periode').inputValue(), 'year');

  // A span of days that ends before it starts: the server's refusal next to "Tot en met".
  await page.getByLabel('Soort periode').selectOption({ label: 'Eigen periode' });
  await page.getByLabel('Vanaf').fill(`01-10-${year}`);
  await page.getByLabel('Tot en met').fill(`01-09-${year}`);
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.waitForURL((u) => u.searchParams.get('tot') === `${year}-09-01`);
  await page.getByText('De einddatum ligt voor de begindatum.').waitFor();
  assert.equal(await page.getByLabel('Tot en met').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Vanaf').getAttribute('aria-invalid'), 'false');
  assert.equal(await page.getByRole('region', { name: 'Kerncijfers' }).count(), 0);
  await expectAccessible(page, 'span refused');
  // A date that is no date is refused before it is sent.
  await page.getByLabel('Tot en met').fill('31-13-2026');
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.getByText('Schrijf een datum als 24-11-2026.').waitFor();

  await page.getByLabel('Tot en met').fill(`31-10-${year}`);
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.waitForURL((u) => u.searchParams.get('van') === `${year}-10-01` && u.searchParams.get('tot') === `${year}-10-31`);
  const span = await report(page, `?from=${year}-10-01&to=${year}-10-31`);
  assert.equal(span.previous_period.to, `${year}-09-30`);
  await expectFigures(page, span);
  assert.equal(await page.getByLabel('Tot en met').getAttribute('aria-invalid'), 'false');
});

test('the coordinator records the conclusions of the review; empty is refused next to the field; a reload keeps them', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.goto(`${env.server.url}/rapportage`);
  const r = await report(page);
  assert.equal(r.may_review, true);
  assert.equal(r.review, null);
  const section = page.getByRole('region', { name: 'Conclusies en besluiten van de directiebeoordeling' });
  await section.getByText('Nog geen conclusies vastgelegd.').waitFor({ state: 'attached' });
  const field = section.getByLabel('Conclusies en besluiten');
  await section.getByRole('button', { name: 'Opslaan' }).click();
  await section.getByText('Schrijf de conclusies en besluiten op.').waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'conclusions refused');

  await field.fill(conclusions);
  await section.getByRole('button', { name: 'Opslaan' }).click();
  await section.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'false');
  await section.getByText('Vastgelegd door Kwaliteitscoördinator Xs2more op ').first().waitFor();
  await page.reload();
  assert.equal(await field.inputValue(), conclusions);
  const stored = await report(page);
  assert.equal(stored.review.conclusions, conclusions);
  assert.equal(stored.review.updated_by.name, 'Kwaliteitscoördinator Xs2more');
  // Another period has conclusions of its own.
  assert.equal((await report(page, `?period=${r.previous_period.name}`)).review, null);
});

test('on paper: no menu, period picker or buttons; the organisation, the periods, the figures, charts and conclusions', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.goto(`${env.server.url}/rapportage`);
  const r = await report(page);
  await expectFigures(page, r);
  await page.emulateMedia({ media: 'print' });
  // The main part starts at the sheet's edge, not after the room of the menu, and at once: a PDF taken
  // right away must not catch the menu's room sliding away.
  const [left, sliding] = await page.getByRole('main').evaluate((m) => [m.getBoundingClientRect().left + parseFloat(getComputedStyle(m).paddingLeft),
    m.getAnimations().length]);
  assert.ok(left < 20, `main starts at ${left}px`);
  assert.equal(sliding, 0, 'main is still moving');
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Uitloggen' }).isVisible(), false);
  assert.equal(await page.getByRole('form', { name: 'Periode kiezen' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Opslaan' }).isVisible(), false);
  assert.equal(await page.getByRole('textbox').count() === 0 || !(await page.getByRole('textbox').first().isVisible()), true);
  for (const text of ['Xs2more · directiebeoordeling van de klachtenbehandeling', `Periode: ${periodTitle(r.period)}`,
    `Vergeleken met: ${periodTitle(r.previous_period)}`])
    assert.equal(await page.getByText(text, { exact: true }).isVisible(), true, text);
  for (const region of ['Kerncijfers', 'Kanaal', 'Termijnen gehaald', 'Doorlooptijd per stap', 'Conclusies en besluiten van de directiebeoordeling'])
    assert.equal(await page.getByRole('region', { name: region, exact: true }).isVisible(), true, region);
  assert.equal(await page.getByRole('img', { name: /^Ontvangen klachten naar categorie, / }).isVisible(), true);
  // The conclusions as recorded, as text: a text field would cut them off.
  assert.equal(await page.getByLabel('Conclusies en besluiten', { exact: true }).isVisible(), false);
  assert.equal(await page.getByRole('paragraph').filter({ hasText: conclusions }).isVisible(), true);
  assert.equal(await page.getByText('Vastgelegd door Kwaliteitscoördinator Xs2more op ').filter({ visible: true }).count(), 1);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000, `a PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), true);
});

test('the auditor reads the report and its conclusions without a form', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'auditor@xs2more.example');
  await page.getByRole('link', { name: 'Rapportage', exact: true }).click();
  const r = await report(page);
  await expectFigures(page, r);
  const section = page.getByRole('region', { name: 'Conclusies en besluiten van de directiebeoordeling' });
  await section.waitFor();
  assert.equal(await section.getByRole('textbox').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Opslaan' }).count(), 0);
  assert.equal(r.may_review, false);
  await section.getByText(conclusions).waitFor();
  await section.getByText('Vastgelegd door Kwaliteitscoördinator Xs2more op ').waitFor();
  const session = await (await page.request.get(`${env.server.url}/api/v1/session`)).json();
  const put = await page.request.put(`${env.server.url}${api}/report/review?period=${r.period.name}`, {
    headers: { 'X-CSRF-Token': session.csrf_token }, data: { conclusions: 'Niet mijn besluit.' },
  });
  assert.equal(put.status(), 403);
  await expectAccessible(page, 'report as auditor');
  // The server's PDF of the same period, with the conclusions in it.
  const link = page.getByRole('link', { name: 'PDF downloaden' });
  assert.match(await link.getAttribute('href'), /\/report\?(.*&)?format=pdf$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), `directiebeoordeling-xs2more-${r.period.name}.pdf`);
  const pdf = await page.request.get(`${env.server.url}${api}/report?period=${r.period.name}&format=pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
});

test('a handler has no menu item and is refused the page', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'sanne@xs2more.example');
  assert.equal(await page.getByRole('link', { name: 'Rapportage', exact: true }).count(), 0);
  await page.goto(`${env.server.url}/rapportage`);
  await page.getByRole('alert').filter({ hasText: 'Alleen de klachtencoördinator, het management en de auditor lezen de rapportage.' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Kerncijfers' }).count(), 0);
  assert.equal(await page.getByRole('form', { name: 'Periode kiezen' }).count(), 0);
  // Management reads it too.
  const management = await newPage(env.browser);
  await logIn(management, env.server.url, 'directie@xs2more.example');
  await management.getByRole('link', { name: 'Rapportage', exact: true }).click();
  await management.getByRole('region', { name: 'Kerncijfers' }).waitFor();
});
