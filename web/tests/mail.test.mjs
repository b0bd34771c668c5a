// mail.test.mjs: mail in, in Debian's Chromium against a real klachtdesk: a message piped in
// by `klachtdesk mailgate` (as a mail server does) waits in the mailbox; the coordinator
// registers it as a complaint from a form that starts with what the message says, and the
// message and its attachment are in the case file; a reply by reference is on the case's
// correspondence; a message that is no complaint is dismissed with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);

function mailgate(org, raw) {
  execFileSync(env.server.binary, ['mailgate', '--organisation', org], {
    env: env.server.env, input: raw, stdio: ['pipe', 'ignore', 'ignore'],
  });
}

// Sent two hours ago: a date the server takes as the moment of receipt (it takes none from
// more than a week before, or from the future).
const sentAt = new Date(Math.floor(Date.now() / 60000) * 60000 - 2 * 3600 * 1000);

function dutch(date) {
  const p = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(date);
  const get = (t) => p.find((x) => x.type === t).value;
  return `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}`;
}

function message(id, subject, text, from = 'Els Visser <els.visser@example.org>') {
  return [
    `From: ${from}`, 'To: klachten@jexo.example', `Subject: ${subject}`,
    `Date: ${sentAt.toUTCString()}`, `Message-ID: <${id}>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="grens"', '', '--grens',
    'Content-Type: text/plain; charset=utf-8', '', text, '--grens',
    'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="loonstrook.pdf"',
    'Content-Transfer-Encoding: base64', '',
    'JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==',
    '--grens--', '',
  ].join('\r\n');
}

async function expectAccessible(page, what) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}

test('a mail to the complaints address becomes a complaint with its attachment', { timeout: 120000 }, async () => {
  mailgate('jexo', message('ui-1@example.org', 'Klacht over mijn loonstrook', 'Mijn loonstrook van oktober mist 12 uur.'));
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@jexo.example');
  await page.getByRole('link', { name: 'Postvak' }).click();
  await page.getByRole('link', { name: 'Klacht over mijn loonstrook' }).click();
  await page.getByText('Mijn loonstrook van oktober mist 12 uur.').waitFor();
  await expectAccessible(page, 'a message');
  await screenshot(page, 'inbox-message');
  await page.getByRole('button', { name: 'Registreren als klacht' }).click();

  // The intake starts with the message: its date, its sender, its text; e-mail as channel.
  const received = page.getByLabel('Ontvangen op');
  await received.waitFor();
  await page.waitForFunction(() => document.querySelector('textarea')?.value.includes('12 uur'));
  assert.equal(await received.inputValue(), dutch(sentAt));
  assert.equal(await page.getByLabel('Naam', { exact: false }).first().inputValue(), 'Els Visser');
  assert.equal(await page.getByLabel('E-mailadres').inputValue(), 'els.visser@example.org');
  await expectAccessible(page, 'intake from a message');
  await page.getByRole('button', { name: 'Opslaan' }).click();

  const heading = page.getByRole('heading', { name: /^Klacht 000-/ });
  await heading.waitFor();
  const reference = (await heading.textContent()).replace('Klacht ', '').trim();
  await page.getByRole('link', { name: 'e-mail.eml' }).waitFor();
  await page.getByRole('link', { name: 'loonstrook.pdf' }).waitFor();
  assert.ok(await page.getByText('E-mail', { exact: true }).first().isVisible()); // the channel

  // A reply naming the reference joins the case's correspondence.
  mailgate('jexo', message('ui-2@example.org', `Aanvulling op ${reference}`, 'Hierbij nog een loonstrook.'));
  await page.reload();
  const correspondence = page.getByRole('region', { name: 'Correspondentie' });
  await correspondence.getByText(`Aanvulling op ${reference}`).waitFor();
  await correspondence.getByText(`Aanvulling op ${reference}`).click();
  await correspondence.getByText('Hierbij nog een loonstrook.').waitFor();
  await expectAccessible(page, 'case with correspondence');
  await screenshot(page, 'correspondence');

  // Handled; the complainant answers through the link in the outcome mail.
  const base = `${env.server.url}/api/v1/organisations/jexo`;
  const session = await (await page.request.get(`${env.server.url}/api/v1/session`)).json();
  const headers = { 'X-CSRF-Token': session.csrf_token };
  const staff = await (await page.request.get(`${base}/staff`)).json();
  const sanne = staff.items.find((x) => x.email === 'sanne@jexo.example').id;
  const id = page.url().match(/\/klachten\/(\d+)/)[1];
  for (const [action, data] of [['assign', { handler_id: sanne }], ['start-handling', {}], ['record-cause', { category: 'administratie en verloning' }], ['resolve', { solution: 'De 12 uur zijn nabetaald.' }]])
    assert.equal((await page.request.post(`${base}/complaints/${id}/${action}`, { headers, data })).status(), 200, action);
  const db = env.server.env.KLACHTDESK_DATABASE.replace(/^sqlite:/, '');
  const body = execFileSync('sqlite3', [db, `SELECT body FROM outbox WHERE kind = 'outcome' AND complaint_id = ${id}`]).toString();
  const link = body.match(/https?:\/\/\S+\/tevredenheid\/[0-9a-f]{64}/)[0];
  const visitor = await env.browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
  const answer = await visitor.newPage();
  await answer.goto(link);
  await answer.getByText('De 12 uur zijn nabetaald.').waitFor();
  const checked = await newPage(env.browser);
  await checked.goto(link);
  assert.deepEqual(await accessibilityProblems(checked), []);
  await answer.getByRole('button', { name: 'Versturen' }).click(); // no choice made
  await answer.getByRole('alert').filter({ hasText: 'Kies ja of nee.' }).waitFor();
  await answer.getByLabel('Nee, ik ben niet tevreden').check();
  await answer.getByLabel('Toelichting (niet verplicht)').fill('Het vakantiegeld ontbreekt nog.');
  await answer.getByRole('button', { name: 'Versturen' }).click();
  await answer.getByText('Uw behandelaar neemt uw klacht opnieuw in behandeling').waitFor();
  await visitor.close();
  await page.reload();
  await page.getByText('Niet tevreden', { exact: false }).first().waitFor();
});

test('a message that is no complaint is dismissed with the reason', { timeout: 120000 }, async () => {
  mailgate('jexo', message('ui-3@example.org', 'Aanbieding kantoorartikelen', 'Koop nu!', 'Verkoop <verkoop@example.com>'));
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@jexo.example');
  await page.goto(env.server.url + '/postvak');
  await page.getByRole('link', { name: 'Aanbieding kantoorartikelen' }).click();
  await page.getByRole('button', { name: 'Geen klacht' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const reason = page.getByLabel('Waarom is dit geen klacht?');
  await page.getByText('Zeg waarom dit bericht geen klacht is.').waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await reason.fill('Reclame');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'Postvak' }).waitFor();
  await page.getByText('Geen klacht', { exact: true }).click();
  await page.getByRole('cell', { name: 'Reclame' }).waitFor();
  await expectAccessible(page, 'dismissed messages');
});
