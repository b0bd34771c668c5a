// public.test.mjs: the public complaint form of an organisation, with JavaScript off as a
// visitor may have it: the procedure in plain words, bad input kept and explained, a
// reference and a private status link, the honeypot, the limit per address, and the status
// page showing nothing internal (R-PRIV).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);

const post = (slug, fields) =>
  fetch(`${env.server.url}/klacht/${slug}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

test('a visitor without JavaScript sends a complaint to Xs2more and follows it', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
  const page = await context.newPage();
  const form = await page.goto(`${env.server.url}/klacht/xs2more`);
  assert.equal(form.status(), 200);
  assert.match(form.headers()['content-security-policy'], /frame-ancestors \*/);
  assert.doesNotMatch(form.headers()['content-security-policy'], /script-src/);
  // The procedure in plain words: what happens and when.
  await page.getByText('Afhandeling').first().waitFor();
  assert.match(await page.textContent('main'), /binnen 6 weken/);
  // axe-core runs as a script, so it checks the same page in a browser with JavaScript on.
  const checked = await newPage(env.browser);
  await checked.goto(`${env.server.url}/klacht/xs2more`);
  assert.deepEqual(await accessibilityProblems(checked), []);

  // Without a category (004 has a list) it comes back with what was typed and why.
  await page.getByLabel('Uw naam').fill('Anna de Wit');
  await page.getByLabel('Uw e-mailadres').fill('anna@example.org');
  await page.getByRole('textbox', { name: /^Uw klacht/ }).fill('Mijn uren van week 40 zijn niet uitbetaald.');
  await page.getByRole('button', { name: 'Klacht versturen' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Uw naam').inputValue(), 'Anna de Wit');
  assert.equal(await page.getByRole('textbox', { name: /^Uw klacht/ }).inputValue(), 'Mijn uren van week 40 zijn niet uitbetaald.');
  const category = page.getByLabel('Waar gaat uw klacht over?');
  assert.equal(await category.getAttribute('aria-invalid'), 'true');
  assert.match(await page.textContent('main'), /Kies een categorie/);

  await category.selectOption('dienstverlening');
  await page.getByRole('button', { name: 'Klacht versturen' }).click();
  const registered = page.getByRole('status');
  await registered.waitFor();
  const reference = (await registered.textContent()).match(/004-\d+/)[0];
  await screenshot(page, 'public-form-sent');
  const link = await page.getByRole('link', { name: 'Status van mijn klacht' }).getAttribute('href');
  assert.match(link, /^\/klacht\/xs2more\/status\/[0-9a-f]{64}$/);
  // Reloading the thank-you page sends the form again: the same complaint comes back, not a
  // second one (the form carries its own id).
  page.once('dialog', (d) => d.accept());
  await page.reload();
  await registered.waitFor();
  assert.equal((await registered.textContent()).match(/004-\d+/)[0], reference);
  assert.equal(await page.getByRole('link', { name: 'Status van mijn klacht' }).getAttribute('href'), link);

  // The status page: the state, the next step and when; no names, no notes.
  const status = await page.goto(env.server.url + link);
  assert.equal(status.status(), 200);
  assert.match(status.headers()['content-security-policy'], /frame-ancestors 'none'/);
  const text = await page.textContent('main');
  assert.match(text, new RegExp(`Uw klacht ${reference}`));
  assert.match(text, /Stand van zaken: Ontvangen/);
  assert.match(text, /Volgende stap: .*uiterlijk \d{2}-\d{2}-\d{4}/);
  assert.doesNotMatch(text, /Anna|anna@example|uren van week 40/);
  await screenshot(page, 'public-status');
  // A link that is not one says so, and tells nothing else.
  assert.equal((await fetch(`${env.server.url}/klacht/xs2more/status/${'0'.repeat(64)}`)).status, 404);
  assert.equal((await fetch(`${env.server.url}/klacht/jexo${link.slice('/klacht/xs2more'.length)}`)).status, 404);

  // The coordinator finds it in the register, sent through the web form.
  const staff = await newPage(env.browser);
  await logIn(staff, env.server.url, 'kwaliteit@xs2more.example');
  await staff.goto(`${env.server.url}/register?q=${reference}`);
  await staff.getByRole('link', { name: reference }).click();
  await staff.getByText('Webformulier').first().waitFor();
  await context.close();
});

test('the honeypot keeps robots out and an address sends at most five an hour', { timeout: 60000 }, async () => {
  const robot = await (await post('jexo', { name: 'Robot', email: 'r@example.org', description: 'Koop nu', website: 'http://spam.example' })).text();
  assert.match(robot, /We hebben uw bericht ontvangen/);
  assert.doesNotMatch(robot, /\d{3}-\d{5}/, 'a robot gets no reference: nothing was stored');
  const statuses = [];
  for (let i = 0; i < 6; i++)
    statuses.push((await post('jexo', { name: `Klant ${i}`, phone: '0612345678', description: 'Factuur klopt niet' })).status);
  // Five registered an hour from one address at one organisation; the sixth is told to wait.
  assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
  // The limit is per organisation: another one still takes this address's complaint.
  assert.equal((await post('een-loket-mk', { name: 'Klant', phone: '0612345678', description: 'Factuur klopt niet' })).status, 201);
  const unknown = await fetch(`${env.server.url}/klacht/niemand`);
  assert.equal(unknown.status, 404);
});
