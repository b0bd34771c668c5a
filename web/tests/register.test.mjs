// register.test.mjs: the nonconformity register and the actions (docs/register.md) in Debian's
// Chromium against a real klachtdesk, at Xs2more (004): an employee reports an improvement
// idea; the coordinator records a nonconformity from a complaint, its cause and correction,
// a corrective measure for Sanne and a procedure change; Sanne finds hers, overdue, in "Mijn
// acties" and reports it done; the coordinator judges it not effective (refused without a
// follow-up measure, next to the field, then with one), cannot close while measures run, and
// closes when all are done and judged; the register by period shows it and links back to the
// complaint; the auditor reads without a form; on the case an agreed action is added and done.
// The tests run in order and build on each other, as the people do.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './server.mjs';
import { accessibilityProblems, choose, launch, logIn, newPage, screenshot } from './browser.mjs';

const env = serverAndBrowser(launch);
const api = '/api/v1/organisations/xs2more';

async function expectAccessible(page, what) {
  const problems = await accessibilityProblems(page);
  assert.deepEqual(problems, [], `${what}: ${problems.join('\n')}`);
}

// A day in Amsterdam as the UI writes it (dd-mm-jjjj) and as the API does (YYYY-MM-DD),
// `days` from today.
function day(days = 0) {
  const parts = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date(Date.now() + days * 86400000));
  const get = (t) => parts.find((p) => p.type === t).value;
  return { dutch: `${get('day')}-${get('month')}-${get('year')}`, iso: `${get('year')}-${get('month')}-${get('day')}` };
}

// What the database holds, read and changed past the UI (to make a measure overdue).
function sql(statement) {
  const db = env.server.env.KLACHTDESK_DATABASE.replace(/^sqlite:/, '');
  return execFileSync('sqlite3', [db, statement]).toString().trim();
}

// Shared between the tests, in the order they run.
const state = {};
const corrective = 'Intercedenten bellen elke werkdag voor 12:00 terug; de teamleider controleert het terugbelregister.';
const procedureChange = 'In de procedure komt een vaste terugbeltermijn van één werkdag.';
const followUp = 'Terugbelverzoeken gaan voortaan via het gedeelde postvak met een dagelijkse controle.';

test('an employee reports an improvement idea; an empty form is refused next to the fields', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'peter@xs2more.example');
  await page.getByRole('link', { name: 'Afwijkingen', exact: true }).click();
  await page.getByRole('heading', { name: 'Afwijkingen', level: 1 }).waitFor();
  await page.getByText('U ziet wat u zelf meldde').waitFor();
  await page.getByRole('button', { name: 'Afwijking melden' }).click();
  const form = page.getByRole('form', { name: 'Afwijking melden' });
  assert.equal(await form.getByLabel('Datum waarop het zich voordeed').inputValue(), day().dutch);
  await expectAccessible(page, 'report form');

  await form.getByRole('button', { name: 'Melden' }).click();
  await form.getByText('Beschrijf wat er is gebeurd.').waitFor();
  await form.getByText('Waar komt het vandaan?').waitFor();
  assert.equal(await form.getByLabel('Wat is er gebeurd?').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Bron').getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'report form refused');

  await form.getByLabel('Soort').selectOption({ label: 'Verbeteroptie' });
  await form.getByLabel('Wat is er gebeurd?').fill('Idee: stuur kandidaten een dag voor de start een sms met het adres en de contactpersoon.');
  await form.getByLabel('Bron').selectOption({ label: 'Medewerker' });
  await form.getByRole('button', { name: 'Melden' }).click();
  const heading = page.getByRole('heading', { name: /^Verbeteroptie \S+-A\d{4}$/ });
  await heading.waitFor();
  state.idea = (await heading.textContent()).replace('Verbeteroptie ', '');
  await page.getByRole('status').filter({ hasText: 'Gemeld.' }).waitFor();
  // Not for an employee: the investigation.
  assert.equal(await page.getByRole('button', { name: 'Oorzaak en correctie vastleggen' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Maatregel toevoegen' }).count(), 0);
  await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('cell', { name: 'Gemeld', exact: true }).waitFor();

  // The employee's register holds what they reported.
  await page.getByRole('link', { name: 'Afwijkingen', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: state.idea });
  await row.waitFor();
  assert.match(await row.textContent(), /Verbeteroptie/);
  assert.match(await row.textContent(), /Medewerker/);
  assert.match(await row.textContent(), /Open/);
});

test('the coordinator records a nonconformity from a complaint, its cause and correction, and two measures', { timeout: 60000 }, async () => {
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  const staff = await (await page.request.get(`${env.server.url}${api}/staff`)).json();
  state.sanne = staff.items.find((s) => s.email === 'sanne@xs2more.example').id;
  const cases = await (await page.request.get(`${env.server.url}${api}/complaints?state=in_handling&limit=20`)).json();
  const complaint = cases.items.find((c) => !c.confidential && c.handler_id === state.sanne);
  assert.ok(complaint, 'a complaint in handling by Sanne');
  state.complaint = { id: complaint.id, reference: complaint.reference };

  // From the case: the form opens with the complaint as its source.
  await page.goto(`${env.server.url}/klachten/${complaint.id}`);
  await page.getByRole('heading', { name: `Klacht ${complaint.reference}` }).waitFor();
  await page.getByRole('region', { name: 'Afgesproken acties' }).getByRole('link', { name: 'Afwijking registreren' }).click();
  const form = page.getByRole('form', { name: 'Afwijking melden' });
  await form.waitFor();
  assert.equal(await form.getByLabel('Bron').inputValue(), 'complaint');
  assert.equal(await form.getByLabel('Klacht (kenmerk)').inputValue(), complaint.reference);
  assert.equal(await form.getByLabel('Soort').inputValue(), 'nonconformity');
  await form.getByLabel('Wat is er gebeurd?').fill('De intercedent belde de klant na twee weken nog niet terug over de vacature.');
  await form.getByRole('button', { name: 'Melden' }).click();
  const heading = page.getByRole('heading', { name: /^Afwijking \S+-A\d{4}$/ });
  await heading.waitFor();
  state.reference = (await heading.textContent()).replace('Afwijking ', '');
  state.id = Number(new URL(page.url()).pathname.split('/').pop());
  const details = page.getByRole('region', { name: 'Gegevens' });
  await details.getByRole('link', { name: `klacht ${complaint.reference}` }).waitFor();

  // The investigation: cause and correction.
  await page.getByRole('button', { name: 'Oorzaak en correctie vastleggen' }).click();
  const edit = page.getByRole('form', { name: 'Oorzaak en correctie vastleggen' });
  await edit.getByLabel('Oorzaak', { exact: true }).selectOption('afspraken niet nagekomen');
  await edit.getByLabel('Oorzaak in woorden').fill('Geen vaste afspraak over de terugbeltermijn; drukte op het kantoor.');
  await edit.getByLabel('Correctie: wat is meteen rechtgezet?').fill('De klant is dezelfde dag teruggebeld en heeft excuses gekregen.');
  await edit.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Gewijzigd.' }).waitFor();
  await details.getByText('afspraken niet nagekomen: Geen vaste afspraak over de terugbeltermijn', { exact: false }).waitFor();
  await details.getByText('De klant is dezelfde dag teruggebeld').waitFor();

  // A corrective measure for Sanne.
  const due = day(30);
  await page.getByRole('button', { name: 'Maatregel toevoegen' }).click();
  let measure = page.getByRole('form', { name: 'Maatregel toevoegen' });
  await measure.getByLabel('Soort maatregel').selectOption({ label: 'Corrigerend' });
  await measure.getByLabel('Wat moet er gebeuren?').fill(corrective);
  await choose(measure.getByLabel('Eigenaar'), 'Sanne de Vries');
  await measure.getByLabel('Streefdatum').fill(due.dutch);
  await measure.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Maatregel toegevoegd' }).waitFor();

  // A procedure change needs the date it takes effect: refused next to that field without it.
  await page.getByRole('button', { name: 'Maatregel toevoegen' }).click();
  measure = page.getByRole('form', { name: 'Maatregel toevoegen' });
  await measure.getByLabel('Soort maatregel').selectOption({ label: 'Procedurewijziging' });
  await measure.getByLabel('Wat moet er gebeuren?').fill(procedureChange);
  await choose(measure.getByLabel('Eigenaar'), 'Kwaliteitscoördinator');
  await measure.getByLabel('Streefdatum').fill(due.dutch);
  await measure.getByRole('button', { name: 'Opslaan' }).click();
  await measure.getByText('Vanaf wanneer geldt de gewijzigde procedure?').waitFor();
  assert.equal(await measure.getByLabel('Gaat in op').getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'measure refused');
  await measure.getByLabel('Gaat in op').fill(day(45).dutch);
  await measure.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Maatregel toegevoegd' }).waitFor();

  const measures = page.getByRole('region', { name: 'Maatregelen' });
  const first = measures.getByRole('row').filter({ hasText: corrective });
  assert.match(await first.textContent(), /Corrigerend/);
  assert.match(await first.textContent(), /Sanne de Vries/);
  assert.ok((await first.textContent()).includes(due.dutch));
  const second = measures.getByRole('row').filter({ hasText: procedureChange });
  assert.ok((await second.textContent()).includes(`gaat in op ${day(45).dutch}`), await second.textContent());
  await page.getByRole('region', { name: 'Tijdlijn' }).getByText('Maatregel toegevoegd').first().waitFor();
  await expectAccessible(page, 'nonconformity with measures');
});

test('Sanne finds her measure, overdue, under "Mijn acties" and reports it done', { timeout: 60000 }, async () => {
  assert.ok(state.id, 'the nonconformity of the test before');
  // Overdue: its due date a week ago (a due date in the past cannot be given through the API).
  sql(`UPDATE actions SET due_on = '${day(-7).iso}' WHERE what = '${corrective}'`);
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'sanne@xs2more.example');
  const mine = page.getByRole('region', { name: 'Mijn acties' });
  const row = mine.getByRole('row').filter({ hasText: corrective }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /te laat/);
  assert.ok((await row.textContent()).includes(day(-7).dutch));
  await row.getByRole('link', { name: state.reference }).waitFor();
  await expectAccessible(page, 'my actions');

  await row.getByRole('button', { name: 'Gereed', exact: true }).click();
  const form = page.getByRole('form', { name: 'Gereed melden' });
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await form.getByText('Wat is er gedaan?', { exact: true }).first().waitFor();
  assert.equal(await form.getByLabel('Wat is er gedaan?').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Wat is er gedaan?').fill('Terugbelregister ingevoerd; alle intercedenten geïnstrueerd.');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Gereed:' }).waitFor();
  await mine.getByRole('row').filter({ hasText: corrective }).first().waitFor({ state: 'detached' });

  // Her own measure's nonconformity is hers to read, not to change.
  await page.goto(`${env.server.url}/afwijkingen/${state.id}`);
  const measures = page.getByRole('region', { name: 'Maatregelen' });
  const done = measures.getByRole('row').filter({ hasText: corrective });
  await done.getByText('Gedaan: Terugbelregister ingevoerd', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Maatregel toevoegen' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Beoordelen' }).count(), 0);
});

test('not effective needs a follow-up measure; closing waits until every measure is done and judged', { timeout: 60000 }, async () => {
  assert.ok(state.id, 'the nonconformity of the tests before');
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.goto(`${env.server.url}/afwijkingen/${state.id}`);
  await page.getByRole('heading', { name: `Afwijking ${state.reference}` }).waitFor();
  const measures = page.getByRole('region', { name: 'Maatregelen' });
  const row = (what) => measures.getByRole('row').filter({ hasText: what }).first();

  // Closing before the measure that is done has been judged: refused, with the reason.
  const tryToClose = async (reason) => {
    await page.getByRole('button', { name: 'Afsluiten…' }).click();
    const close = page.getByRole('form', { name: 'Afwijking afsluiten' });
    await close.getByLabel('Conclusie').fill('Opgelost.');
    await close.getByRole('button', { name: 'Afsluiten' }).click();
    await close.getByRole('alert').filter({ hasText: reason }).waitFor();
    await expectAccessible(page, 'close refused');
    await close.getByRole('button', { name: 'Annuleren' }).click();
  };
  await tryToClose('Beoordeel eerst de doeltreffendheid van elke uitgevoerde maatregel.');

  // Not effective, without a follow-up measure: refused next to the follow-up's field.
  await row(corrective).getByRole('button', { name: 'Beoordelen' }).click();
  const review = page.getByRole('form', { name: 'Doeltreffendheid beoordelen' });
  assert.equal(await review.getByLabel('Beoordeeld op').inputValue(), day().dutch);
  await review.getByLabel('Nee, niet doeltreffend').check();
  await review.getByLabel('Bewijs (waaruit blijkt het?)').fill('Steekproef week 47: drie van de tien klanten niet binnen een werkdag teruggebeld.');
  await review.getByRole('button', { name: 'Opslaan' }).click();
  await review.getByText('Een maatregel die niet doeltreffend was, krijgt een nieuwe maatregel.').waitFor();
  assert.equal(await review.getByLabel('Wat moet er gebeuren?').getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'review refused');
  const stored = await (await page.request.get(`${env.server.url}${api}/nonconformities/${state.id}`)).json();
  assert.equal(stored.measures.find((m) => m.what === corrective).reviewed_on, null);

  // With it: judged, and the follow-up added in the same go.
  await review.getByLabel('Wat moet er gebeuren?').fill(followUp);
  await choose(review.getByLabel('Eigenaar'), 'Sanne de Vries');
  await review.getByLabel('Streefdatum').fill(day(30).dutch);
  await review.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'de vervolgmaatregel is toegevoegd' }).waitFor();
  assert.match(await row(corrective).textContent(), /Niet doeltreffend/);
  assert.match(await row(followUp).textContent(), /vervolg op/);
  // Closing while the procedure change and the follow-up run: refused, with the reason.
  await tryToClose('Er lopen nog maatregelen');

  // Every measure done and judged effective, then it closes.
  for (const what of [procedureChange, followUp]) {
    await row(what).getByRole('button', { name: 'Gereed', exact: true }).click();
    const done = page.getByRole('form', { name: 'Gereed melden' });
    await done.getByLabel('Wat is er gedaan?').fill('Uitgevoerd.');
    await done.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: `Gereed: ${what}` }).waitFor();
    await row(what).getByRole('button', { name: 'Beoordelen' }).click();
    const judge = page.getByRole('form', { name: 'Doeltreffendheid beoordelen' });
    await judge.getByLabel('Ja, doeltreffend').check();
    await judge.getByLabel('Bewijs (waaruit blijkt het?)').fill('Steekproef: alle klanten binnen een werkdag teruggebeld.');
    await judge.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Beoordeeld.' }).waitFor();
    await row(what).getByText('✓ Doeltreffend').waitFor();
  }
  await page.getByRole('region', { name: 'Gegevens' }).getByText('2 van 3 doeltreffend').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'nonconformity');

  await page.getByRole('button', { name: 'Afsluiten…' }).click();
  const closing = page.getByRole('form', { name: 'Afwijking afsluiten' });
  await closing.getByRole('button', { name: 'Afsluiten' }).click();
  await closing.getByText('Wat is de conclusie?').waitFor();
  await closing.getByLabel('Conclusie').fill('Terugbellen binnen een werkdag is geborgd in de procedure en het gedeelde postvak.');
  await closing.getByRole('button', { name: 'Afsluiten' }).click();
  await page.getByRole('status').filter({ hasText: 'Gesloten.' }).waitFor();
  await page.getByText('Terugbellen binnen een werkdag is geborgd', { exact: false }).first().waitFor();
  // Closed for good: no forms any more.
  assert.equal(await page.getByRole('button', { name: 'Maatregel toevoegen' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Afsluiten…' }).count(), 0);
  const timeline = page.getByRole('region', { name: 'Tijdlijn' });
  for (const what of ['Gemeld', 'Gewijzigd', 'Maatregel toegevoegd', 'Status maatregel gewijzigd', 'Doeltreffendheid beoordeeld', 'Gesloten'])
    await timeline.getByRole('cell', { name: what, exact: true }).first().waitFor();
  await expectAccessible(page, 'nonconformity closed');
});

test('the register by period shows it with its measures and links back to the complaint', { timeout: 60000 }, async () => {
  assert.ok(state.reference, 'the nonconformity of the tests before');
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.getByRole('link', { name: 'Afwijkingen', exact: true }).click();
  const register = page.getByRole('region', { name: 'Afwijkingenregister' });
  const row = register.getByRole('row').filter({ hasText: state.reference });
  await row.waitFor();

  // Last year: not there; this quarter: there, and the address keeps the period.
  await page.getByRole('button', { name: 'Vorig jaar' }).click();
  await register.getByText(`Periode: 01-01-${Number(day().iso.slice(0, 4)) - 1}`, { exact: false }).waitFor();
  await row.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Dit kwartaal' }).click();
  await row.waitFor();
  const address = new URL(page.url());
  assert.ok(address.searchParams.get('van') <= day().iso && day().iso <= address.searchParams.get('tot'), page.url());
  await page.reload();
  await row.waitFor();
  assert.ok((await page.getByLabel('Vanaf').inputValue()).endsWith(day().iso.slice(0, 4)));

  const text = await row.textContent();
  assert.ok(text.includes(day().dutch), text);
  for (const part of ['Afwijking', 'De intercedent belde de klant', 'Klacht', state.complaint.reference, 'afspraken niet nagekomen',
    'De klant is dezelfde dag teruggebeld', '3 (3 gereed)', '2 van 3 doeltreffend', 'Gesloten'])
    assert.ok(text.includes(part), `${part} in ${text}`);
  // Status and kind filter, in the address too.
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Open' });
  await row.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).searchParams.get('status'), 'open');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Gesloten' });
  await row.waitFor();
  await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'Verbeteroptie' });
  await row.waitFor({ state: 'detached' });
  await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'Alle soorten' });
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Alle' });
  await register.getByRole('row').filter({ hasText: state.idea }).waitFor();
  await expectAccessible(page, 'register');
  await screenshot(page, 'nonconformity-register');

  await row.getByRole('link', { name: state.complaint.reference }).click();
  await page.getByRole('heading', { name: `Klacht ${state.complaint.reference}` }).waitFor();
  await page.goBack();
  await row.getByRole('link', { name: state.reference }).click();
  await page.getByRole('heading', { name: `Afwijking ${state.reference}` }).waitFor();
});

test('the auditor reads the register without a form to change it; an admin alone has no register', { timeout: 60000 }, async () => {
  assert.ok(state.reference && state.idea, 'the records of the tests before');
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'auditor@xs2more.example');
  await page.getByRole('link', { name: 'Afwijkingen', exact: true }).click();
  const register = page.getByRole('region', { name: 'Afwijkingenregister' });
  await register.getByRole('row').filter({ hasText: state.reference }).waitFor();
  await register.getByRole('row').filter({ hasText: state.idea }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Afwijking melden' }).count(), 0);
  await expectAccessible(page, 'register as auditor');

  // The open improvement idea: no investigation, no measure, no closing for the auditor.
  await register.getByRole('link', { name: state.idea }).click();
  await page.getByRole('heading', { name: `Verbeteroptie ${state.idea}` }).waitFor();
  for (const name of ['Oorzaak en correctie vastleggen', 'Maatregel toevoegen', 'Afsluiten…'])
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  await page.goto(`${env.server.url}/afwijkingen/${state.id}`);
  await page.getByRole('heading', { name: `Afwijking ${state.reference}` }).waitFor();
  await page.getByRole('region', { name: 'Maatregelen' }).getByText(followUp).waitFor();
  for (const name of ['Gereed', 'Vervallen', 'Beoordelen', 'In uitvoering'])
    assert.equal(await page.getByRole('region', { name: 'Maatregelen' }).getByRole('button', { name, exact: true }).count(), 0, name);
  await expectAccessible(page, 'nonconformity as auditor');

  const admin = await newPage(env.browser);
  await logIn(admin, env.server.url, 'beheer@xs2more.example');
  assert.equal(await admin.getByRole('link', { name: 'Afwijkingen', exact: true }).count(), 0);
});

test('on the case an action is agreed (refused next to the fields when empty) and its owner reports it done', { timeout: 60000 }, async () => {
  assert.ok(state.complaint, 'the complaint of the tests before');
  const page = await newPage(env.browser);
  await logIn(page, env.server.url, 'kwaliteit@xs2more.example');
  await page.goto(`${env.server.url}/klachten/${state.complaint.id}`);
  const section = page.getByRole('region', { name: 'Afgesproken acties' });
  await section.getByText('Geen afgesproken acties.').waitFor();
  await section.getByRole('button', { name: 'Actie afspreken' }).click();
  const form = page.getByRole('form', { name: 'Actie afspreken' });
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await form.getByText('Kies een streefdatum.').waitFor();
  await form.getByText('Kies wie het doet.').waitFor();
  assert.equal(await form.getByLabel('Eigenaar').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Streefdatum').getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'agreed action refused');

  const what = 'De klant krijgt binnen een week een schriftelijke bevestiging van de nieuwe afspraak.';
  await form.getByLabel('Wat is er afgesproken?').fill(what);
  await choose(form.getByLabel('Eigenaar'), 'Sanne de Vries');
  await form.getByLabel('Streefdatum').fill(day(7).dutch);
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Actie afgesproken' }).waitFor();
  const row = section.getByRole('row').filter({ hasText: what }).first();
  assert.match(await row.textContent(), /Sanne de Vries/);
  assert.ok((await row.textContent()).includes(day(7).dutch));
  assert.match(await row.textContent(), /Open/);
  await row.getByRole('button', { name: 'In uitvoering' }).click();
  await page.getByRole('status').filter({ hasText: 'In uitvoering' }).waitFor();
  await row.getByText('In uitvoering', { exact: true }).waitFor();
  await page.getByRole('region', { name: 'Tijdlijn' }).getByRole('cell', { name: 'Actie afgesproken', exact: true }).waitFor();
  await expectAccessible(page, 'case with an agreed action');

  // Sanne, its owner, finds it under her actions, linked to the case, and reports it done there.
  const sanne = await newPage(env.browser);
  await logIn(sanne, env.server.url, 'sanne@xs2more.example');
  const mine = sanne.getByRole('region', { name: 'Mijn acties' }).getByRole('row').filter({ hasText: what });
  await mine.getByRole('link', { name: `Klacht ${state.complaint.reference}` }).click();
  const hers = sanne.getByRole('region', { name: 'Afgesproken acties' }).getByRole('row').filter({ hasText: what }).first();
  await hers.getByRole('button', { name: 'Gereed', exact: true }).click();
  const done = sanne.getByRole('form', { name: 'Gereed melden' });
  await done.getByLabel('Wat is er gedaan?').fill('Bevestiging per e-mail verstuurd.');
  await done.getByRole('button', { name: 'Opslaan' }).click();
  await sanne.getByRole('status').filter({ hasText: 'Gereed:' }).waitFor();
  await hers.getByText('Gedaan: Bevestiging per e-mail verstuurd.').waitFor();
  assert.equal(await hers.getByRole('button').count(), 0);
  await sanne.getByRole('region', { name: 'Tijdlijn' }).getByRole('cell', { name: 'Status actie gewijzigd', exact: true }).first().waitFor();
});
