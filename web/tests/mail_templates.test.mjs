// mail_templates.test.mjs: the organisation's own mail texts in Debian's Chromium against a real klachtdesk (refused with the reason next to the field, previewed, saved, kept after a reload, put back; read-only for the coordinator) and the complainant's language at intake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);

async function expectAccessible(page, what) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}

// The acknowledgement in Dutch, chosen the way a person does: the kind, then the language tab.
async function openAcknowledgement(page) {
  await page.getByRole('link', { name: 'E-mailteksten' }).click();
  await page.getByRole('heading', { name: 'E-mailteksten' }).waitFor();
  await page.getByLabel('Soort e-mail').selectOption({ label: 'Ontvangstbevestiging' });
  await page.getByRole('tab', { name: 'Nederlands' }).click();
  await page.getByLabel('Onderwerp').waitFor();
}

test('management writes its own acknowledgement, previews it, saves it and puts the standard text back', { timeout: 120000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'directie@xs2more.example');
  await openAcknowledgement(page);
  const subject = page.getByLabel('Onderwerp');
  const body = page.getByLabel('Tekst', { exact: true });
  const standardSubject = await subject.inputValue();
  const standardBody = await body.inputValue();
  assert.match(standardSubject, /\{\{reference\}\}/);
  await page.getByText('Standaardtekst van klachtdesk').waitFor();
  await expectAccessible(page, 'mail texts');

  // Without {{reference}} a reply could not find its complaint: refused, next to the subject.
  await subject.fill('Uw klacht is ontvangen');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('Zet {{reference}} in het onderwerp', { exact: false }).waitFor();
  assert.equal(await subject.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).count(), 0);
  await expectAccessible(page, 'mail text refused');
  const stored = await (await page.request.get(`${env.server.url}/api/v1/organisations/xs2more/mail-templates`)).json();
  const ack = stored.items.find((i) => i.kind === 'acknowledgement').texts.nl;
  assert.equal(ack.own, false);
  assert.equal(ack.subject, standardSubject);

  await subject.fill('Ontvangen ({{reference}})');
  await body.fill('Beste {{complainant_name}}, dank voor uw klacht.');
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
  const preview = page.getByRole('region', { name: 'Voorbeeld' });
  await preview.getByText('Beste Els Visser, dank voor uw klacht.').waitFor();
  await preview.getByText('Ontvangen (XS2-2026-0042)', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
  await page.getByText('Eigen tekst', { exact: true }).waitFor();
  await expectAccessible(page, 'mail text saved and previewed');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'mail-texts');

  await page.reload();
  await page.getByLabel('Onderwerp').waitFor();
  assert.equal(await subject.inputValue(), 'Ontvangen ({{reference}})');
  assert.equal(await body.inputValue(), 'Beste {{complainant_name}}, dank voor uw klacht.');
  await page.getByText('Eigen tekst', { exact: true }).waitFor();

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Standaardtekst terugzetten' }).click();
  await page.getByRole('status').filter({ hasText: 'Standaardtekst teruggezet' }).waitFor();
  await page.getByText('Standaardtekst van klachtdesk').waitFor();
  assert.equal(await subject.inputValue(), standardSubject);
  assert.equal(await body.inputValue(), standardBody);
});

test('the satisfaction request has no subject of its own, and a placeholder is inserted at the cursor', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'directie@xs2more.example');
  await page.goto(env.server.url + '/e-mailteksten?soort=satisfaction_request&taal=nl');
  const body = page.getByLabel('Tekst', { exact: true });
  await body.waitFor();
  assert.equal(await page.getByLabel('Onderwerp').count(), 0);
  // A placeholder clicked goes where the cursor was.
  await body.fill('Tevreden? ');
  await body.press('End');
  const first = page.getByRole('region', { name: 'Invulvelden' }).getByRole('button').first();
  const token = (await first.textContent()).trim();
  await first.click();
  assert.equal(await body.inputValue(), `Tevreden? ${token}`);
});

test('the coordinator reads the mail texts but cannot change them', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await openAcknowledgement(page);
  await page.getByRole('button', { name: 'Voorbeeld bekijken' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Opslaan' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Standaardtekst terugzetten' }).count(), 0);
  assert.equal(await page.getByLabel('Onderwerp').getAttribute('readonly'), '');
  await expectAccessible(page, 'mail texts read-only');
});

test('the intake asks the language the complainant is written to in, and the case shows English', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@jexo.example');
  await page.getByRole('link', { name: 'Nieuwe klacht' }).click();
  const language = page.getByLabel('Taal voor e-mail');
  assert.equal(await language.inputValue(), 'nl');
  await page.getByLabel('Naam', { exact: false }).first().fill('John Smith');
  await page.getByLabel('E-mailadres').fill('john@example.org');
  await language.selectOption({ label: 'English' });
  await page.getByLabel('Omschrijving van de klacht').fill('My payslip of week 12 lacks the overtime.');
  await expectAccessible(page, 'intake with language');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: /^Klacht 000-/ }).waitFor();
  const details = page.getByRole('region', { name: 'Gegevens' });
  await details.getByText('Taal voor e-mail').waitFor();
  await details.getByText('English', { exact: true }).waitFor();
});
