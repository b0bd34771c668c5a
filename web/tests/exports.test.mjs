// exports.test.mjs: the lists as files for Excel, in Debian's Chromium against a real klachtdesk,
// at Xs2more (004) as its coordinator: the register and the nonconformity register, each with a
// filter set, downloaded as .xlsx (a workbook: a zip, "PK") and as CSV for Dutch Excel (BOM,
// semicolons) under the server's file name, the CSV holding exactly the rows the API's JSON
// list gives for the same filter, in its order; a refusal (more than 100,000 rows) is said on
// the page and a session that ended sends back to logging in, instead of a failed file.
import { readFileSync } from 'node:fs';
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

// Clicks a download link and returns the download with its bytes.
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(await file.failure(), null);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

// The records of a CSV as Excel reads it: semicolons between cells, a cell in double quotes
// may hold semicolons, line breaks and doubled quotes.
function csvRecords(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (cell || record.length) records.push([...record, cell]);
  return records;
}

// A CSV download: the BOM first (so Excel reads UTF-8), the header, then the data records.
function readCsv(bytes, header) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte-order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith(header), text.slice(0, 80));
  const [, ...rows] = csvRecords(text);
  return rows;
}

// The API's JSON list for the filter in a download link's address.
async function jsonFor(page, link) {
  const address = new URL(await link.getAttribute('href'), env.server.url);
  address.searchParams.delete('format');
  return (await page.request.get(address.toString())).json();
}

test('the register with a filter as .xlsx and as CSV: every complaint the filter selects, in its order; refusals in words', { timeout: 90000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  const all = await (await page.request.get(`${env.server.url}${api}/complaints?limit=200`)).json();
  await page.getByRole('link', { name: 'Register', exact: true }).click();
  await page.getByRole('textbox', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'Alle lopende' }).click();
  await page.waitForURL(/state=open/);
  await page.getByRole('textbox', { name: 'Sorteren', exact: true }).click();
  await page.getByRole('option', { name: 'Kenmerk' }).click();
  await page.waitForURL(/sort=reference/);

  const downloads = page.getByRole('group', { name: 'Downloaden' });
  const xlsxLink = downloads.getByRole('link', { name: 'Download voor Excel (.xlsx)' });
  const csvLink = downloads.getByRole('link', { name: 'CSV', exact: true });
  await xlsxLink.waitFor();
  await downloads.getByText('Alle klachten van dit filter, niet alleen deze pagina.').waitFor();
  // The filter of the page, in the address of the file: the open states, the order.
  const href = new URL(await xlsxLink.getAttribute('href'), env.server.url);
  assert.equal(href.pathname, `${api}/complaints`);
  assert.equal(href.searchParams.get('format'), 'xlsx');
  assert.equal(href.searchParams.get('sort'), 'reference');
  assert.ok(href.searchParams.get('state').split(',').includes('in_handling'), href.search);
  assert.ok(!href.searchParams.get('state').split(',').includes('closed'), href.search);
  assert.equal(href.searchParams.get('cursor'), null);
  await expectAccessible(page, 'register with downloads');
  await screenshot(page, 'register-downloads');

  const xlsx = await download(page, xlsxLink);
  assert.equal(xlsx.name, 'klachten-xs2more.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');

  const csv = await download(page, csvLink);
  assert.equal(csv.name, 'klachten-xs2more.csv');
  const rows = readCsv(csv.bytes, 'kenmerk;ontvangen;');
  const json = await jsonFor(page, csvLink);
  assert.ok(json.items.length > 0 && json.items.length < all.items.length,
    `the filter selects some: ${json.items.length} of ${all.items.length}`);
  assert.equal(rows.length, json.items.length);
  assert.deepEqual(rows.map((r) => r[0]), json.items.map((c) => c.reference));
  // The table shows the same complaints.
  assert.equal(await page.getByRole('table', { name: 'Register' }).locator('tbody tr').count(), json.items.length);

  // More than 100,000 complaints (answered here by the browser in the server's words: a
  // demo database has six): the refusal is said next to the links, no file is left.
  const tooMany = `${env.server.url}${api}/complaints?*format=xlsx*`;
  await page.route(tooMany, (route) => route.fulfill({
    status: 422,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      title: 'Refused', status: 422, detail: 'Niet gedaan.', detail_en: 'Not done.',
      errors: [{ field: 'format', message: 'Meer dan 100.000 klachten: kies een kortere periode of een filter.',
        message_en: 'More than 100,000 complaints: choose a shorter period or a filter.' }],
    }),
  }));
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await xlsxLink.click();
  await page.getByRole('alert').filter({ hasText: 'Meer dan 100.000 klachten: kies een kortere periode of een filter.' }).waitFor();
  assert.equal(downloaded, false);
  await expectAccessible(page, 'register with a refused download');
  await page.unroute(tooMany);

  // A session that ended: the click sends back to logging in, no failed file is left.
  await page.context().clearCookies();
  await xlsxLink.click();
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  assert.equal(downloaded, false);
});

test('the nonconformity register by kind as .xlsx and as CSV: the rows of the JSON list, a text over lines as one', { timeout: 90000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  const session = await (await page.request.get(`${env.server.url}/api/v1/session`)).json();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const record = (kind, description) => page.request.post(`${env.server.url}${api}/nonconformities`, {
    headers: { 'X-CSRF-Token': session.csrf_token },
    data: { kind, occurred_on: today, description, source: 'employee' },
  });
  for (const [kind, description] of [
    ['nonconformity', 'Het contract van een uitzendkracht was niet op tijd getekend.'],
    ['improvement', 'Idee: een vaste dag voor het bijwerken van de vacaturebank.'],
    ['nonconformity', 'Twee klachten lagen een week stil; "niemand" wist wie ze had;\nde verdeling stond niet in het rooster.'],
  ])
    assert.equal((await record(kind, description)).status(), 201, description);

  await page.getByRole('link', { name: 'Afwijkingen', exact: true }).click();
  const register = page.getByRole('region', { name: 'Afwijkingenregister' });
  await register.getByText('3 meldingen', { exact: false }).waitFor();
  await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'Afwijking' });
  await page.waitForURL(/soort=nonconformity/);
  await register.getByText('2 meldingen', { exact: false }).waitFor();

  const downloads = register.getByRole('group', { name: 'Downloaden' });
  const xlsxLink = downloads.getByRole('link', { name: 'Download voor Excel (.xlsx)' });
  const csvLink = downloads.getByRole('link', { name: 'CSV', exact: true });
  const href = new URL(await xlsxLink.getAttribute('href'), env.server.url);
  assert.equal(href.pathname, `${api}/nonconformities`);
  assert.equal(href.searchParams.get('kind'), 'nonconformity');
  await expectAccessible(page, 'nonconformity register with downloads');
  await screenshot(page, 'nonconformity-register-downloads');

  const xlsx = await download(page, xlsxLink);
  assert.equal(xlsx.name, 'afwijkingenregister-xs2more.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');

  const csv = await download(page, csvLink);
  assert.equal(csv.name, 'afwijkingenregister-xs2more.csv');
  const rows = readCsv(csv.bytes, 'kenmerk;datum;');
  const json = await jsonFor(page, csvLink);
  assert.equal(json.items.length, 2);
  assert.equal(rows.length, json.items.length);
  assert.deepEqual(rows.map((r) => r[0]), json.items.map((n) => n.reference));
  assert.ok(rows.some((r) => r.includes('Twee klachten lagen een week stil; "niemand" wist wie ze had;\nde verdeling stond niet in het rooster.')),
    'the text over two lines, with quotes and semicolons, in one cell');
});
