// procedures.test.mjs: for each of the other four organisations, a complaint through every
// step of its own procedure to closed in the browser, by the roles that procedure names
// (Jexo's is walk.test.mjs, typed with the keyboard).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { readFile } from 'node:fs/promises';
import { addFile, choose, launch, logIn, newPage, screenshot, step } from './browser.mjs';

const env = serverAndBrowser(launch);

// A phone intake by the coordinator; `extra` fills what this procedure asks for besides.
async function register(page, slug, extra = async () => {}) {
  await logIn(page, env.server.url, `kwaliteit@${slug}.example`);
  await page.getByRole('link', { name: 'Nieuwe klacht' }).click();
  await page.getByRole('textbox', { name: /^Naam/ }).fill('Jan de Boer');
  await page.getByLabel('Telefoon', { exact: true }).fill('0612345678');
  await page.getByLabel('Omschrijving van de klacht').fill('De factuur van oktober is te hoog.');
  await extra(page);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const heading = page.getByRole('heading', { name: /^Klacht \d{3}-/ });
  // A confidential complaint is confirmed on the form: its registrar does not see it after.
  const confirmed = page.getByRole('status').filter({ hasText: /^Klacht \d{3}-\d+ is geregistreerd/ });
  await heading.or(confirmed).waitFor();
  const text = (await heading.isVisible()) ? await heading.textContent() : await confirmed.textContent();
  return text.match(/\d{3}-\d+/)[0];
}

async function openAs(slug, who, reference) {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, `${who}@${slug}.example`);
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { name: `Klacht ${reference}` }).waitFor();
  return page;
}

async function expectState(page, label) {
  await page.getByText(label, { exact: true }).first().waitFor();
}

const inDays = (n) => {
  const d = new Date(Date.now() + n * 86400000);
  const p = (x) => String(x).padStart(2, '0');
  return `${p(d.getDate())}-${p(d.getMonth() + 1)}-${d.getFullYear()}`;
};

test('Exact PI (001): approved description, acknowledged at intake, agreed term, satisfied', { timeout: 180000 }, async () => {
  const coordinator = await newPage(env.browser);
  const ref = await register(coordinator, 'exactpi', async (p) => {
    await p.getByLabel('De indiener heeft de omschrijving goedgekeurd').check();
    await p.getByLabel('De procedure is aan de indiener uitgelegd').check();
    await p.getByLabel('Ontvangst is bij de intake al bevestigd').check();
  });
  await expectState(coordinator, 'Ontvangst bevestigd');
  await step(coordinator, 'Behandelaar toewijzen', (f) => choose(f.getByLabel('Behandelaar'), 'Sanne de Vries'));
  const handler = await openAs('exactpi', 'sanne', ref);
  await step(handler, 'Behandeling starten');
  await step(handler, 'Contact vastleggen', async (f) => {
    await f.getByLabel('Notitie').fill('Gebeld; termijn afgesproken');
    await f.getByLabel('Afgesproken afhandeltermijn').fill(inDays(10));
  });
  await step(handler, 'Klacht afhandelen', (f) => f.getByLabel('Oplossing').fill('Factuur gecorrigeerd'));
  await step(handler, 'Tevredenheid vastleggen', (f) => f.getByLabel('De indiener is tevreden').check());
  await step(handler, 'Afsluiten');
  await expectState(handler, 'Gesloten');
});

test('Een Loket MK (002): acknowledged, handled, satisfaction with evidence', { timeout: 180000 }, async () => {
  const coordinator = await newPage(env.browser);
  const ref = await register(coordinator, 'een-loket-mk');
  await step(coordinator, 'Behandelaar toewijzen', (f) => choose(f.getByLabel('Behandelaar'), 'Mohamed'));
  await step(coordinator, 'Ontvangst bevestigen');
  const handler = await openAs('een-loket-mk', 'mohamed', ref);
  await step(handler, 'Behandeling starten');
  await step(handler, 'Oorzaak vastleggen', (f) => f.getByLabel('Oorzaak', { exact: true }).selectOption('administratie en verloning'));
  await step(handler, 'Klacht afhandelen', (f) => f.getByLabel('Oplossing').fill('Factuur gecrediteerd'));

  // The project folder (002): a web page is refused whatever it is called, next to the field;
  // the customer's letter is added, listed, and comes back byte for byte as a download.
  const caseFile = handler.getByRole('region', { name: 'Dossier' });
  await addFile(handler, { name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>') }, 'Brief of e-mail');
  await caseFile.getByRole('alert').filter({ hasText: 'Dit soort bestand wordt niet aangenomen' }).waitFor();
  const letter = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024, 7), Buffer.from('\n%%EOF\n')]);
  await addFile(handler, { name: 'akkoord klant.pdf', mimeType: 'application/pdf', buffer: letter }, 'Brief of e-mail');
  await handler.getByRole('status').filter({ hasText: 'Bestand toegevoegd' }).waitFor();
  const link = caseFile.getByRole('link', { name: 'akkoord klant.pdf' });
  await link.waitFor();
  assert.match(await caseFile.textContent(), /Brief of e-mail/);
  const [download] = await Promise.all([handler.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'akkoord klant.pdf');
  assert.ok(letter.equals(await readFile(await download.path())), 'the download is the file as sent');
  // Both are in the timeline, with the file's name.
  const timeline = handler.getByRole('region', { name: 'Tijdlijn' });
  await handler.reload();
  await timeline.getByText('Bestand toegevoegd').waitFor();
  await timeline.getByText('Bestand gedownload').waitFor();
  await caseFile.scrollIntoViewIfNeeded();
  await screenshot(handler, 'case-file');

  // Without evidence the satisfaction is refused, next to the field.
  await handler.getByRole('button', { name: 'Tevredenheid vastleggen', exact: true }).click();
  const verify = handler.getByRole('form', { name: 'Tevredenheid vastleggen' });
  await verify.getByLabel('De indiener is tevreden').check();
  await verify.getByRole('button', { name: 'Opslaan' }).click();
  const evidence = verify.getByLabel('Bewijs van tevredenheid');
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50 && (await evidence.getAttribute('aria-invalid')) !== 'true'; i++)
      await handler.waitForTimeout(100);
  });
  assert.equal(await evidence.getAttribute('aria-invalid'), 'true');
  await evidence.fill('E-mail van de klant');
  await verify.getByRole('button', { name: 'Opslaan' }).click();
  await handler.getByRole('status').filter({ hasText: 'Tevredenheid vastleggen: opgeslagen' }).waitFor();
  await step(handler, 'Afsluiten');
  await expectState(handler, 'Gesloten');
});

test('Quoratio (003): confidential through the confidant, who alone works it', { timeout: 180000 }, async () => {
  const coordinator = await newPage(env.browser);
  const ref = await register(coordinator, 'quoratio', async (p) => {
    await p.getByLabel('Vertrouwelijk (via een vertrouwenspersoon)').check();
    await choose(p.getByLabel('Vertrouwenspersoon', { exact: true }), 'Fatima');
  });
  // The coordinator who registered it no longer finds it in the register.
  await coordinator.getByRole('link', { name: 'Register' }).click();
  await coordinator.getByRole('table').first().waitFor();
  assert.equal(await coordinator.getByRole('link', { name: ref }).count(), 0);
  const confidant = await openAs('quoratio', 'vertrouwenspersoon.fatima', ref);
  await step(confidant, 'Ontvangst bevestigen', (f) =>
    f.getByLabel('Notitie').fill('Klacht over rooster; eerste actie: gesprek met planner.'));
  await step(confidant, 'Behandeling starten');
  await step(confidant, 'Klacht afhandelen', (f) => f.getByLabel('Oplossing').fill('Rooster aangepast'));
  await step(confidant, 'Tevredenheid vastleggen', async (f) => {
    await f.getByLabel('De indiener is tevreden').check();
    await f.getByLabel('Bewijs van tevredenheid').fill('Ondertekende bevestiging');
  });
  await step(confidant, 'Afsluiten');
  await expectState(confidant, 'Gesloten');
});

test('Xs2more (004): category, hearing, assessment, not satisfied, referred, closed', { timeout: 180000 }, async () => {
  const coordinator = await newPage(env.browser);
  const ref = await register(coordinator, 'xs2more', (p) => p.getByLabel('Categorie').selectOption('bejegening'));
  await step(coordinator, 'Ontvangst bevestigen');
  await step(coordinator, 'Behandelaar toewijzen', (f) => choose(f.getByLabel('Behandelaar'), 'Sanne de Vries'));
  const handler = await openAs('xs2more', 'sanne', ref);
  await step(handler, 'Behandeling starten');
  await step(handler, 'Hoor en wederhoor vastleggen', (f) => f.getByLabel('Notitie').fill('Beide kanten gehoord'));
  await step(handler, 'Klacht beoordelen', async (f) => {
    await f.getByLabel('De klacht is gegrond').check();
    await f.getByLabel('Notitie').fill('Gegrond');
  });
  await step(handler, 'Oorzaak vastleggen', async (f) => {
    await f.getByLabel('Oorzaak', { exact: true }).selectOption('gedrag of bejegening');
    await f.getByLabel('Toelichting op de oorzaak').fill('Toon aan de telefoon');
  });
  await step(handler, 'Klacht afhandelen', (f) => f.getByLabel('Oplossing').fill('Excuses aangeboden'));
  await step(handler, 'Tevredenheid vastleggen');
  await step(handler, 'Doorverwijzen');
  await expectState(handler, 'Doorverwezen');
  await step(handler, 'Afsluiten');
  await expectState(handler, 'Gesloten');
});
