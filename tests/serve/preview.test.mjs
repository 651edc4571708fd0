// SPDX-License-Identifier: Apache-2.0
// The preview page of `delib serve` in Debian's headless Chromium, driven
// with playwright-core (tests/serve/package.json; `npm ci` in
// scripts/install-deps.sh). Run by tests/serve/browser.sh, which starts the
// server and checks the PDF this script saves.
//
// Usage: node preview.test.mjs BASE_URL SAMPLE.xml BROKEN.xml OUT_DIR
//
// Loads the page, pastes the sample, asks for a draft with the default
// template, renders, and checks the viewer gets a blob: URL whose PDF is
// saved to OUT_DIR/preview.pdf; then pastes the broken sample, checks its
// diagnostics are listed, clicks one and checks the textarea's selection
// is that line; then opens the sample through the file input. No console
// error and no Content-Security-Policy violation may occur.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, samplePath, brokenPath, outDir] = process.argv.slice(2);
const sample = readFileSync(samplePath, 'utf8');
const broken = readFileSync(brokenPath, 'utf8');
let failed = 0;

function check(ok, what) {
  console.log((ok ? 'ok - ' : 'not ok - ') + what);
  if (!ok) failed++;
}

const profile = mkdtempSync(join(tmpdir(), 'delib-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 1000 },
});
try {
  await run(context);
} catch (e) {
  check(false, 'unexpected failure: ' + (e && e.stack ? e.stack : e));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function run(context) {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(60000);
  const problems = [];
  // Chromium logs every non-2xx fetch as a console error: the 422 of the
  // broken sample is expected; anything else (a CSP violation…) is not.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 422/.test(m.text()))
      problems.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  const outside = [];
  // Network requests only: the PDF viewer's own chrome:// and
  // chrome-extension:// resources are the browser's.
  page.on('request', (r) => { const u = r.url(); if (/^(https?|wss?|ftp):/.test(u) && !u.startsWith(base + '/')) outside.push(u); });

  // ---- Load
  const resp = await page.goto(base + '/');
  check(resp.status() === 200, 'page loads: ' + resp.status());
  check((await page.getAttribute('html', 'lang')) === 'fr', 'the page is in French (lang="fr")');
  await page.waitForFunction(() => [...document.querySelectorAll('#modele option')].some((o) => o.value === 'default')
                                   && document.querySelectorAll('#modele option').length >= 1);
  const templates = await page.$$eval('#modele option', (os) => os.map((o) => o.value));
  check(templates.includes('default'), 'template choice filled from /v1/templates: ' + templates.join(', '));
  const unlabelled = await page.$$eval('textarea, input, select', (els) => els.filter((e) => !e.labels || !e.labels.length).map((e) => e.id));
  check(unlabelled.length === 0, 'every control has a label' + (unlabelled.length ? ': missing for ' + unlabelled : ''));
  check(await page.getByLabel('XML de la délibération').count() === 1, 'textarea reachable by its label');
  check(await page.getByRole('button', { name: 'Produire le PDF' }).count() === 1, 'render button reachable by its name');

  // ---- Paste the sample, draft, render, see the PDF
  await page.getByLabel('XML de la délibération').fill(sample);
  await page.getByLabel('Projet (filigrane « PROJET »)').check();
  await page.getByLabel('Modèle').selectOption('default');
  const [renderReq] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/v1/render')),
    page.getByRole('button', { name: 'Produire le PDF' }).click(),
  ]);
  const q = new URL(renderReq.url()).searchParams;
  check(q.get('draft') === '1' && q.get('template') === 'default', 'render asked with draft=1&template=default');
  check(renderReq.postData() === sample, 'the pasted text is the body sent');
  await page.waitForFunction(() => (document.getElementById('apercu').getAttribute('src') || '').startsWith('blob:'));
  const src = await page.getAttribute('#apercu', 'src');
  check(src.startsWith('blob:'), 'the viewer shows a blob: URL');
  const status = await page.textContent('#etat');
  check(/PDF produit : \d+ pages/.test(status), 'status says the PDF was made: ' + status);
  const b64 = await page.evaluate(async (u) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, src);
  const pdf = Buffer.from(b64, 'base64');
  writeFileSync(join(outDir, 'preview.pdf'), pdf);
  check(pdf.subarray(0, 5).toString() === '%PDF-', 'the blob is a PDF (' + pdf.length + ' bytes; checked by qpdf next)');
  check(await page.isVisible('#telecharger'), 'a download link appears');
  check((await page.getAttribute('#telecharger', 'download')) === 'deliberation-2021-10-14-22.pdf',
        'the download is named after the deliberation\'s number');
  await page.screenshot({ path: join(outDir, 'preview-pdf.png') });

  // ---- Paste a broken sample, see the diagnostics, click one
  await page.getByLabel('XML de la délibération').fill(broken);
  await page.getByRole('button', { name: 'Produire le PDF' }).click();
  await page.waitForSelector('#liste-diagnostics li button');
  const lines = await page.$$eval('#liste-diagnostics li button', (bs) => bs.map((b) => Number(b.dataset.line)));
  check(JSON.stringify(lines) === '[6,22]', 'diagnostics listed at lines 6 and 22: ' + JSON.stringify(lines));
  const status2 = await page.textContent('#etat');
  check(/PDF non produit \(422\)/.test(status2), 'status says why no PDF: ' + status2);
  const items = await page.$$eval('#liste-diagnostics li', (ls) => ls.map((l) => l.textContent));
  check(items.every((t) => t.includes('[xml.schema]') && t.includes('erreur')), 'each diagnostic shows its severity and id');
  await page.getByRole('button', { name: /^Ligne 22/ }).click();
  const sel = await page.evaluate(() => {
    const t = document.getElementById('xml');
    return { start: t.selectionStart, end: t.selectionEnd, focused: document.activeElement === t,
             text: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  const srcLines = broken.split('\n');
  const start = srcLines.slice(0, 21).reduce((n, l) => n + l.length + 1, 0);
  check(sel.start === start && sel.end === start + srcLines[21].length,
        `clicking line 22 selects it (${sel.start}..${sel.end}, expected ${start}..${start + srcLines[21].length})`);
  check(sel.text === srcLines[21] && sel.focused, 'the selection is the text of line 22, in the focused textarea');
  await page.getByRole('button', { name: /^Ligne 6/ }).click();
  const sel6 = await page.evaluate(() => { const t = document.getElementById('xml'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  check(sel6 === srcLines[5], 'clicking line 6 selects line 6');
  await page.screenshot({ path: join(outDir, 'preview-diagnostics.png') });

  // ---- Validate, and open a file
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForFunction(() => /non valide/.test(document.getElementById('etat').textContent));
  check(true, 'Vérifier says the broken deliberation is not valid');
  await page.getByLabel('Ouvrir un fichier XML').setInputFiles(samplePath);
  await page.waitForFunction((n) => document.getElementById('xml').value.length === n, sample.length);
  check((await page.inputValue('#xml')) === sample, 'a file opened through the file input fills the textarea');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForFunction(() => /Délibération valide/.test(document.getElementById('etat').textContent));
  check(true, 'Vérifier says the sample is valid');

  check(problems.length === 0, 'no console error, no CSP violation' + (problems.length ? ': ' + problems.join(' | ') : ''));
  check(outside.length === 0, 'no request outside the server' + (outside.length ? ': ' + outside.join(' ') : ''));
}
