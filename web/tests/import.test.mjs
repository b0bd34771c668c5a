// import.test.mjs: historic complaints brought in with `klachtdesk import` (docs/import.md), as
// the coordinator of Quoratio (003) then sees them in Debian's Chromium against a real
// klachtdesk: the FCC file of shared/data imported on the command line next to the running
// server, the year 2015 in the report with all 2,224 of them, and the first one as a closed
// historic case that says which file and row it came from.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);
const root = resolve(import.meta.dirname, '..', '..');
const api = '/api/v1/organisations/quoratio';

test('imported FCC complaints: in the 2015 report, and each a historic case saying where it came from', async () => {
  const out = execFileSync(env.server.binary, ['import', '--organisation', 'quoratio',
    '--mapping', join(root, 'docs', 'import', 'fcc.toml'),
    join(root, '..', 'shared', 'data', 'fcc_comcast_complaints_2015.csv')],
  { env: env.server.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const m = /^imported: 2224 complaint\(s\) into quoratio, (003-\d+) to (003-\d+)$/m.exec(out);
  assert.ok(m, out);

  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@quoratio.example');
  await page.goto(`${env.server.url}/rapportage?periode=2015`);
  await page.getByText('Periode: 2015 (01-01-2015 t/m 31-12-2015)', { exact: true }).waitFor();
  const received = page.getByRole('region', { name: 'Kerncijfers', exact: true }).getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Ontvangen klachten', exact: true }) });
  assert.equal(await received.getByRole('cell').first().textContent(), '2.224');

  // The file's first row: received 22-04-15, ticket 250635.
  const list = await page.request.get(`${env.server.url}${api}/complaints?received_from=2015-04-22&received_to=2015-04-22&limit=100`);
  assert.equal(list.status(), 200);
  const first = (await list.json()).items.find((c) => c.reference === m[1]);
  assert.ok(first, `${m[1]} is among the complaints of 22 April 2015`);
  await page.goto(`${env.server.url}/klachten/${first.id}`);
  await page.getByRole('heading', { name: `Klacht ${m[1]}` }).waitFor();
  await page.getByText('Historisch dossier (geïmporteerd)', { exact: true }).waitFor();
  await page.getByText('Gesloten', { exact: true }).first().waitFor();
  await page.getByText('fcc_comcast_complaints_2015.csv, rij 2, Ticket # 250635', { exact: true }).waitFor();
  await page.getByText('Comcast Cable Internet Speeds', { exact: true }).waitFor();
  await page.getByText(/^\d\d-\d\d-\d{4} \d\d:\d\d, bij de import$/).waitFor();
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], problems.join('\n'));
  await screenshot(page, 'imported-case');
});
