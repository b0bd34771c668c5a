// walk.test.mjs: the web UI as its users work with it, in Debian's Chromium against a real
// klachtdesk: a phone complaint registered with the keyboard alone and walked through Jexo's
// procedure (000) to closed by the roles it names; errors next to the field; no serious
// accessibility finding on any page; screenshots of the main pages for docs/.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, choose, launch, logIn, newPage, screenshot, step } from './browser.mjs';


const env = serverAndBrowser(launch);

// What the database holds as the language of an account, read past the UI.
async function staffLanguage(email) {
  const db = env.server.env.KLACHTDESK_DATABASE.replace(/^sqlite:/, '');
  return execFileSync('sqlite3', [db, `SELECT language FROM staff WHERE email = '${email}'`]).toString().trim();
}

async function expectAccessible(page, what) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}

test('a phone complaint at Jexo (000), from intake to closed, as coordinator and handler', { timeout: 180000 }, async () => {
  const coordinator = await newPage(env.browser);
  await coordinator.goto(env.server.url + '/');
  await expectAccessible(coordinator, 'login page');
  await screenshot(coordinator, 'login');
  await logIn(coordinator, env.server.url, 'kwaliteit@jexo.example');
  await expectAccessible(coordinator, 'my work');

  // Intake with the keyboard alone: the form opens on "received at" (now), Tab moves on.
  await coordinator.getByRole('link', { name: 'Nieuwe klacht' }).click();
  const receivedAt = coordinator.getByLabel('Ontvangen op');
  await receivedAt.waitFor();
  assert.match(await receivedAt.inputValue(), /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
  await expectAccessible(coordinator, 'intake form');
  // Saving an empty form keeps what was typed and says what to fix next to the field.
  await coordinator.getByRole('button', { name: 'Opslaan' }).click();
  await coordinator.getByRole('alert').filter({ hasText: 'naam van de indiener is verplicht' }).waitFor();
  const nameField = coordinator.getByLabel('Naam', { exact: false }).first();
  assert.equal(await nameField.getAttribute('aria-invalid'), 'true');

  await receivedAt.focus();
  const kb = coordinator.keyboard;
  await kb.press('Tab'); // channel: phone is the default
  await kb.press('Tab');
  await kb.type('Jan de Boer');
  await kb.press('Tab');
  await kb.type('0612345678');
  await kb.press('Tab');
  await kb.type('jan@example.org');
  await kb.press('Tab'); // the language for e-mail: Dutch is the default
  await kb.press('Tab'); // external is the default
  await kb.press('Tab');
  await kb.type('uitzendkracht');
  await kb.press('Tab');
  await kb.type('Mijn loonstrook van week 12 klopt niet: de overuren ontbreken.');
  await screenshot(coordinator, 'intake');
  await coordinator.getByRole('button', { name: 'Opslaan' }).focus();
  await kb.press('Enter');

  await coordinator.getByRole('heading', { name: /^Klacht 000-/ }).waitFor();
  const reference = (await coordinator.getByRole('heading', { name: /^Klacht 000-/ }).textContent()).replace('Klacht ', '');
  assert.ok(await coordinator.getByText('Ontvangen', { exact: true }).first().isVisible());
  await expectAccessible(coordinator, 'case page');

  await step(coordinator, 'Behandelaar toewijzen', async (form) => {
    await choose(form.getByLabel('Behandelaar'), 'Sanne de Vries');
  });
  await coordinator.getByText('Toegewezen', { exact: true }).first().waitFor();

  // The handler finds it under her own work, with its deadline in working days.
  const handler = await newPage(env.browser);
  await logIn(handler, env.server.url, 'sanne@jexo.example');
  const mine = handler.getByRole('region', { name: 'Mijn klachten in behandeling' });
  const row = mine.getByRole('row').filter({ hasText: reference });
  await row.waitFor();
  assert.match(await row.textContent(), /nog \d+ werkdag|vandaag/);
  await screenshot(handler, 'my-work');
  await row.getByRole('link', { name: reference }).click();
  await handler.getByRole('heading', { name: `Klacht ${reference}` }).waitFor();

  await step(handler, 'Behandeling starten');
  // R-REPORT (000): resolving waits for the cause, and the page says so.
  await handler.getByText(/Klacht afhandelen: Leg eerst de oorzaak/).waitFor();
  await step(handler, 'Oorzaak vastleggen', async (form) => {
    await form.getByLabel('Oorzaak', { exact: true }).selectOption('planning en bereikbaarheid');
    await form.getByLabel('Toelichting op de oorzaak').fill('Het rooster kwam te laat.');
  });
  await step(handler, 'Klacht afhandelen', async (form) => {
    await form.getByLabel('Oplossing').fill('Overuren nabetaald met de volgende verloning.');
    await form.getByLabel('Uitkomst').selectOption('solved');
  });
  // Closing waits for the complainant's satisfaction, and the page says so.
  await handler.getByText(/Afsluiten: Een klacht wordt pas afgesloten/).waitFor();
  await step(handler, 'Tevredenheid vastleggen', async (form) => {
    await form.getByLabel('De indiener is tevreden').check();
    await form.getByLabel('Notitie').fill('Telefonisch bevestigd');
  });
  await step(handler, 'Afsluiten');
  await handler.getByText('Gesloten', { exact: true }).first().waitFor();
  await screenshot(handler, 'case');

  // The timeline says who did what, in words: seven steps, the cause among them.
  const timeline = handler.getByRole('region', { name: 'Tijdlijn' });
  assert.equal(await timeline.getByRole('row').count(), 1 + 7);
  assert.match(await timeline.textContent(), /Oorzaak vastleggen/);
  assert.match(await timeline.textContent(), /Sanne de Vries/);
  assert.doesNotMatch(await timeline.textContent(), /\b1[0-9]{9}\b/, 'no epoch seconds');

  // The register finds it by the complainant's name, and keeps the filter in the address.
  await handler.getByRole('link', { name: 'Register' }).click();
  await handler.getByRole('textbox', { name: 'Zoeken' }).fill('Boer loonstrook');
  await handler.getByRole('button', { name: 'Zoeken' }).click();
  await handler.waitForURL(/q=Boer\+loonstrook/);
  await handler.getByRole('row').filter({ hasText: reference }).waitFor();
  await expectAccessible(handler, 'register');
  await screenshot(handler, 'register');

  await handler.getByRole('link', { name: 'Procedure' }).click();
  await handler.getByRole('heading', { name: /Klachtenprocedure|procedure/i }).first().waitFor();
  await expectAccessible(handler, 'procedure page');
});

test('a page of the app loads from its own address, and the server keeps out inline scripts', { timeout: 180000 }, async () => {
  const res = await fetch(env.server.url + '/klachten/1');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await fetch(env.server.url + '/assets/nothing.js')).status, 404);
  assert.equal((await fetch(env.server.url + '/api/v1/nothing')).status, 404);
});

test('the admin adds an account, may not grant a role that opens complaints, and deactivates it', { timeout: 120000 }, async () => {
  const admin = await newPage(env.browser);
  await logIn(admin, env.server.url, 'beheer@jexo.example');
  await admin.getByRole('link', { name: 'Accounts' }).click();
  const add = admin.getByRole('form', { name: 'Account toevoegen' });
  await add.getByLabel('Naam').fill('Karin Smit');
  await add.getByLabel('E-mailadres').fill('karin@jexo.example');
  await add.getByLabel('Functie').fill('Intercedent');
  await add.getByLabel('Eerste wachtwoord').fill('lang-genoeg-wachtwoord');
  await add.getByLabel('Taal voor e-mail').selectOption('en');
  await add.getByLabel('kwaliteitscoördinator').check();
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  // Only management grants the coordinator's role; the refusal is said in words.
  await add.getByRole('alert').filter({ hasText: /directie|management/i }).waitFor();
  await add.getByLabel('kwaliteitscoördinator').uncheck();
  await add.getByLabel('behandelaar').check();
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await add.getByRole('status').filter({ hasText: 'Karin Smit' }).waitFor();
  const row = admin.getByRole('row').filter({ hasText: 'karin@jexo.example' });
  await row.waitFor();
  assert.match(await row.textContent(), /behandelaar/);
  // Her own mails (assigned, reminders, the digest) come in English, as set; and back.
  const language = row.getByLabel('Taal voor e-mail van Karin Smit');
  assert.equal(await language.inputValue(), 'en');
  await language.selectOption('nl');
  for (let i = 0; i < 50 && (await staffLanguage('karin@jexo.example')) !== 'nl'; i++) await admin.waitForTimeout(100);
  assert.equal(await staffLanguage('karin@jexo.example'), 'nl');
  await expectAccessible(admin, 'accounts page');
  // The switch shows what the server stored: it turns off once the change is saved.
  await row.getByRole('switch', { name: 'Karin Smit actief' }).click({ force: true });
  for (let i = 0; i < 50 && (await row.getByRole('switch').isChecked()); i++) await admin.waitForTimeout(100);
  assert.equal(await row.getByRole('switch').isChecked(), false);
  // A deactivated account cannot log in.
  const res = await fetch(env.server.url + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'karin@jexo.example', password: 'lang-genoeg-wachtwoord' }),
  });
  assert.equal(res.status, 401);
});
