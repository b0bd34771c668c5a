// browser.mjs: Debian's Chromium, headless, driven by playwright-core; and the accessibility
// check (axe-core) that every page must pass without serious or critical findings.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Written on every run; the best are copied to docs/screenshots by hand.
export const screenshots = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

export async function logIn(page, url, email) {
  await page.goto(url + '/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('klachtdesk-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Mijn werk' }).waitFor();
}

// The serious and critical findings of axe-core on the page as it is now.
export async function accessibilityProblems(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

// Clicks a step on the case page, fills its form, saves, and waits for the confirmation.
export async function step(page, button, fill = async () => {}) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const form = page.getByRole('form', { name: button });
  await fill(form);
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: `${button}: opgeslagen` }).waitFor();
}

// Picks the option whose text starts with `name` (a person's name, job title after it).
export async function choose(select, name) {
  await select.selectOption(await select.locator('option', { hasText: name }).first().getAttribute('value'));
}

// Adds a file to the case file on the case page: chosen through the drop zone's file input,
// its kind chosen, then sent.
export async function addFile(page, file, kind) {
  await page.locator('input[type=file]').setInputFiles(file);
  await choose(page.getByRole('combobox', { name: /^Soort stuk/ }), kind);
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
}
