// SPDX-License-Identifier: Apache-2.0
// The drafting page of `delib serve` in Debian's headless Chromium, driven
// with playwright-core (tests/serve/package.json; `npm ci` in
// scripts/install-deps.sh). Run by tests/serve/browser.sh, which starts the
// server and checks the PDFs this script saves.
//
// Usage: node preview.test.mjs BASE_URL SAMPLE.xml BROKEN.xml PROFILE.xml EXPECTED_PROJET.xml OUT_DIR
//
// An agent's day (issue 20): import the commune's profile, write a projet
// through the form only (some of it with the keyboard alone), see the
// preview, make a mistake and see it beside its field with the PDF taken
// away, fix it, save the XML (compared with EXPECTED_PROJET.xml), reload and
// find the draft, complete it after the séance (attendance, vote, executory
// facts) and save the final PDF (OUT_DIR/final.pdf). Then the expert's
// side: the XML view with the broken sample (diagnostics at their lines and
// fields), a file opened, the sample in the form (its draft PDF saved to
// OUT_DIR/preview.pdf). axe-core, injected at test time only, must find no
// WCAG A or AA violation; no console error, no CSP violation, no request
// outside the server. Prints the latency from the last keystroke to the
// preview, measured on the sample (a figure, not a check).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [base, samplePath, brokenPath, profilePath, expectedPath, outDir] = process.argv.slice(2);
const sample = readFileSync(samplePath, 'utf8');
const broken = readFileSync(brokenPath, 'utf8');
const expected = readFileSync(expectedPath, 'utf8');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let failed = 0;
const label = (page, text) => page.getByLabel(text, { exact: true });
const button = (page, name) => page.getByRole('button', { name, exact: true });

function check(ok, what) {
  console.log((ok ? 'ok - ' : 'not ok - ') + what);
  if (!ok) failed++;
}

const profile = mkdtempSync(join(tmpdir(), 'delib-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
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

// The preview matches the current text (rendered, or refused with its diagnostics).
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('zone-apercu').dataset.etat === 'pret');
}

async function pdfOf(page) {
  const src = await page.getAttribute('#apercu', 'src');
  const b64 = await page.evaluate(async (u) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, src);
  return Buffer.from(b64, 'base64');
}

// The XML view's text, opened if need be (a closed view is filled when it opens).
async function xmlView(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const d = document.getElementById('vue-xml');
    if (d.open) return resolve();
    d.addEventListener('toggle', () => setTimeout(resolve, 0), { once: true });
    d.querySelector('summary').click();
  }));
  return page.inputValue('#xml');
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

async function axe(page, when) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // The PDF viewer's frame is the browser's, not the page's.
    const r = await window.axe.run(document, { iframes: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  });
  check(violations.length === 0, 'axe-core, ' + when + ': no WCAG A/AA violation' + (violations.length ? ': ' + violations.join(' | ') : ''));
}


async function run(context) {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  // Chromium logs every non-2xx fetch as a console error: the 422 of an
  // invalid text and the 400 of one not well-formed are expected; anything
  // else (a CSP violation…) is not.
  // The PDF viewer's own frame (chrome-extension://) is the browser's.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4(00|22)/.test(m.text())
        && !/^chrome(-extension)?:/.test(m.location().url || ''))
      problems.push('console: ' + m.text() + ' (' + (m.location().url || '?') + ')');
  });
  page.on('pageerror', (e) => { if (!/chrome-extension:/.test(e.stack || '')) problems.push('page error: ' + (e.stack || e.message)); });
  page.on('dialog', (d) => problems.push('dialog: ' + d.message()));
  const outside = [];
  page.on('request', (r) => { const u = r.url(); if (/^(https?|wss?|ftp):/.test(u) && !u.startsWith(base + '/')) outside.push(u); });

  // ---- Load: nothing yet
  const resp = await page.goto(base + '/');
  check(resp.status() === 200, 'page loads: ' + resp.status());
  check((await page.getAttribute('html', 'lang')) === 'fr', 'the page is in French (lang="fr")');
  await page.waitForSelector('body[data-pret]');
  const templates = await page.$$eval('#modele option', (os) => os.map((o) => o.value));
  check(templates.includes('default') && templates.includes('communautaire'), 'template choice filled from /v1/templates: ' + templates.join(', '));
  check(await page.isHidden('#apercu') && /Pas encore/.test(await page.textContent('#perime')), 'no PDF before any deliberation');

  // ---- The commune's profile, imported from its file
  await page.locator('#profil summary').focus();
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.getElementById('profil').open), 'the profile opens from the keyboard');
  await page.getByLabel('Importer un profil…').setInputFiles(profilePath);
  await page.waitForFunction(() => document.querySelectorAll('#profil-formulaire tbody tr').length === 15);
  check((await label(page, 'Nom de la collectivité').first().inputValue()) === 'Saint-Aubin-des-Tilleuls', 'the profile is imported: name and 15 members');
  await axe(page, 'profile open');

  // ---- A new projet, through the form only
  await button(page, 'Nouveau projet').click();
  await page.waitForSelector('#formulaire fieldset');
  check(await page.evaluate(() => document.activeElement && document.activeElement.labels[0].textContent === 'Numéro de la délibération'),
        'a new projet puts the focus on its number');
  const xmlNew = await xmlView(page);
  check(xmlNew.includes('<nom>Saint-Aubin-des-Tilleuls</nom>') && xmlNew.includes('statut="projet"')
        && (xmlNew.match(/<conseiller /g) || []).length === 15, 'the blank projet holds the profile\'s collectivity and members');
  // The mistake: a number whose date is not the séance's.
  await page.keyboard.type('2024-05-22-3');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.labels[0].textContent === 'Nature de l\u2019acte'), 'Tab goes from the number to the nature');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.labels[0].textContent === 'Statut'), 'then to the status');
  await label(page, 'Date de la séance').fill('2024-05-23');
  check((await label(page, 'Heure').inputValue()) === '18:30' && (await label(page, 'Lieu').inputValue()) === 'à la mairie',
        'hour and place come from the profile');
  await label(page, 'Objet').fill('Acquisition de la parcelle AB 12, rue des Tilleuls');
  await label(page, 'Rapporteur').selectOption('bbernard');
  await button(page, 'Ajouter un paragraphe à l\u2019exposé').click();
  await label(page, 'Paragraphe de l\u2019exposé 1').fill('La commune souhaite agrandir la cour de l\u2019école des Tilleuls.');
  await label(page, 'Visa 1').fill('Le Code général des collectivités territoriales, et notamment son article L2241-1,');
  // Adding a visa from the keyboard: the focus goes to the new one.
  await button(page, 'Ajouter un visa').focus();
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.labels[0].textContent === 'Visa 2'), 'Enter on « Ajouter un visa » adds one and focuses it');
  await page.keyboard.type('L\u2019avis du service du Domaine du 2 avril 2024,');
  await button(page, 'Ajouter un considérant').click();
  await label(page, 'Considérant 1').fill('Que la parcelle AB 12 jouxte l\u2019école,');
  // An item removed from the keyboard: the focus goes to the one before.
  await button(page, 'Ajouter un considérant').click();
  await page.getByRole('button', { name: 'Supprimer\u00a0: considérant 2' }).focus();
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.getAttribute('aria-label') === 'Supprimer\u00a0: considérant 1')
        && await page.getByLabel('Considérant 2', { exact: true }).count() === 0, 'a removed item gives the focus to the one before');
  await label(page, 'Article 1').fill('D\u2019acquérir la parcelle AB 12 pour 18 000 €,');
  await button(page, 'Ajouter un article').click();
  await label(page, 'Article 2').fill('D\u2019autoriser le Maire à signer l\u2019acte.');
  // Moving article 2 up, then back down, from the keyboard.
  await page.getByRole('button', { name: 'Monter\u00a0: article 2' }).focus();
  await page.keyboard.press('Enter');
  check((await label(page, 'Article 1').inputValue()).startsWith('D\u2019autoriser'), 'an article moves up');
  await page.getByRole('button', { name: 'Descendre\u00a0: article 1' }).click();
  check((await label(page, 'Article 1').inputValue()).startsWith('D\u2019acquérir'), 'and down');
  // The annex: a section with a paragraph and a table pasted from a spreadsheet.
  await button(page, 'Ajouter une annexe').click();
  await label(page, 'Titre de l\u2019annexe').fill('Plan de situation et surfaces');
  await label(page, 'Titre de la section 1').fill('La parcelle');
  await button(page, 'Ajouter un paragraphe').click();
  await label(page, 'Paragraphe 1').fill('La parcelle est en zone UB du plan local d\u2019urbanisme.');
  await button(page, 'Ajouter un tableau').click();
  await label(page, 'Tableau 2 (une ligne par rangée)').fill('Parcelle\tSurface\tPrix\nAB 12\t1 250 m²\t18 000 €');
  await label(page, 'La première rangée du tableau 2 est son en-tête').check();
  await settled(page);

  // ---- The mistake, beside its field, and no PDF
  const numberField = page.locator('.champ', { has: label(page, 'Numéro de la délibération') });
  const besideNumber = await numberField.locator('.diag-champ').allTextContents();
  check(besideNumber.length === 1 && /porte la date 2024-05-22, mais la séance est du 23 mai 2024/.test(besideNumber[0]),
        'the wrong number is shown beside its field: ' + besideNumber.join(' | '));
  check((await label(page, 'Numéro de la délibération').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
  check(await page.isHidden('#apercu') && await page.isHidden('#telecharger'), 'the PDF and its download are taken away');
  check(/Aperçu retiré/.test(await page.textContent('#perime')), 'the preview says it is stale: ' + await page.textContent('#perime'));
  check(await page.getByRole('button', { name: 'Aller au champ « Numéro de la délibération »' }).count() === 1,
        'the diagnostic in the list leads to the field');
  await page.screenshot({ path: join(outDir, 'preview-mistake.png') });
  await axe(page, 'with an error beside a field');

  // ---- Fixed: the preview comes back
  await label(page, 'Numéro de la délibération').fill('2024-05-23-3');
  await settled(page);
  check(await page.locator('.diag-champ').count() === 0, 'the fix removes the diagnostic beside the field');
  check(await page.isVisible('#apercu') && /Aperçu à jour\s:\s\d+ pages?/.test(await page.textContent('#etat')),
        'the preview is back: ' + await page.textContent('#etat'));
  check((await page.getAttribute('#telecharger', 'download')) === 'deliberation-2024-05-23-3.pdf',
        'the PDF download is named after the number');

  // ---- Save the XML; compare with the expected file
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Enregistrer le XML').click()]);
  check(download.suggestedFilename() === 'deliberation-2024-05-23-3.xml', 'the XML is saved as ' + download.suggestedFilename());
  const savedPath = join(outDir, 'projet.xml');
  await download.saveAs(savedPath);
  const saved = readFileSync(savedPath, 'utf8');
  check(saved === expected, 'the saved XML is the expected file' + (saved === expected ? '' : ' (see ' + savedPath + ')'));

  // ---- Reload: the draft is back
  await page.reload();
  await page.waitForSelector('body[data-pret]');
  await settled(page);
  check((await xmlView(page)) === saved, 'after a reload the draft is restored, XML view');
  check((await label(page, 'Objet').inputValue()) === 'Acquisition de la parcelle AB 12, rue des Tilleuls', 'and form');
  check(/Brouillon restauré/.test(await page.textContent('#etat')), 'the page says so');
  check(await page.isVisible('#apercu'), 'with its preview');

  // ---- After the séance: attendance, vote, executory facts
  await label(page, 'Statut').selectOption('definitif');
  await label(page, 'Date de la convocation').fill('2024-05-17');
  await button(page, 'Marquer tous les conseillers non renseignés présents').click();
  await label(page, 'Présence de Mme Karima Garcia').selectOption('pouvoir');
  await label(page, 'Pouvoir donné par Mme Karima Garcia à').selectOption('bbernard');
  await label(page, 'Présence de M. Noël Girard').selectOption('absent');
  await label(page, 'Présence de Mme Océane Bonnet').selectOption('excuse');
  await label(page, 'Président(e) de séance').selectOption('amartin');
  await label(page, 'Secrétaire de séance').selectOption('cpetit');
  await button(page, 'Tous les votants pour (13)').click();
  await label(page, 'Signataire').selectOption('amartin');
  await label(page, 'Reçu en préfecture le').fill('2024-05-27');
  await label(page, 'Identifiant de télétransmission (ACTES)').fill('76-217600121-20240523-DEL2024_3-DE-1-1');
  await label(page, 'Publié le (acte réglementaire, depuis le 1er juillet 2022)').fill('2024-05-28');
  await settled(page);
  const diagsFinal = await page.$$eval('#liste-diagnostics li', (ls) => ls.map((l) => l.textContent));
  check(diagsFinal.length === 1 && diagsFinal[0] === 'Aucun diagnostic.', 'the completed act has no diagnostic: ' + diagsFinal.join(' | '));
  const xmlFinal = await xmlView(page);
  check(/<presences presents-ouverture="12">/.test(xmlFinal) && xmlFinal.includes('<pouvoir de="kgarcia" a="bbernard"/>')
        && /<vote scrutin="main-levee" pour="13" contre="0" abstentions="0" ne-prend-pas-part="0" resultat="adopte"\/>/.test(xmlFinal),
        'attendance and vote written to the XML');
  // A member arrives before the vote; the ballot is public, each voter's choice given.
  await button(page, 'Ajouter une arrivée ou un départ').click();
  await label(page, 'Conseiller (mouvement 1)').selectOption('ngirard');
  await label(page, 'Heure (mouvement 1)').fill('18:50');
  await label(page, 'Scrutin').selectOption('public');
  const voters = await page.$$eval('select[data-cle^="votant#"]', (ss) => ss.map((x) => x.dataset.cle.slice(7)));
  check(voters.length === 14 && voters.includes('ngirard') && voters.includes('kgarcia') && !voters.includes('obonnet'),
        'the voters are the present, the represented and the arrived: ' + voters.length);
  for (const v of voters)
    await page.locator('select[data-cle="votant#' + v + '"]').selectOption(v === 'lroux' ? 'contre' : 'pour');
  await settled(page);
  const xmlPublic = await xmlView(page);
  check(/<vote scrutin="public" pour="13" contre="1" abstentions="0" ne-prend-pas-part="0" resultat="adopte">/.test(xmlPublic)
        && xmlPublic.includes('<votant ref="lroux" choix="contre"/>')
        && xmlPublic.includes('<arrivee ref="ngirard" heure="18:50" avant="2024-05-23-3"/>'),
        'the figures follow the choices; the arrival is written');
  const diagsPublic = await page.$$eval('#liste-diagnostics li', (ls) => ls.map((l) => l.textContent));
  check(diagsPublic.length === 1 && diagsPublic[0] === 'Aucun diagnostic.', 'still no diagnostic: ' + diagsPublic.join(' | '));
  check(await page.isVisible('#apercu'), 'the final PDF is shown');
  writeFileSync(join(outDir, 'final.pdf'), await pdfOf(page));
  await page.screenshot({ path: join(outDir, 'preview-final.png') });
  // A member interested in the affair who voted: said beside her vote; she takes no part, the figures follow.
  await label(page, 'Mme Claire Petit').check();
  await settled(page);
  const besideVote = await page.locator('.champ', { has: page.locator('select[data-cle="votant#cpetit"]') }).locator('.diag-champ').allTextContents();
  check(besideVote.length === 1 && /Claire Petit/.test(besideVote[0]), 'an interested member who voted is said beside her vote: ' + besideVote.join(' | '));
  check(await page.isHidden('#apercu'), 'and the PDF is taken away');
  await page.locator('select[data-cle="votant#cpetit"]').selectOption('ne-prend-pas-part');
  await settled(page);
  const xmlInterest = await xmlView(page);
  check(xmlInterest.includes('<interesse ref="cpetit"/>') && xmlInterest.includes('pour="12" contre="1" abstentions="0" ne-prend-pas-part="1"')
        && await page.locator('.diag-champ').count() === 0 && await page.isVisible('#apercu'),
        'once she takes no part, the figures follow and the PDF is back');
  await xmlView(page);
  await axe(page, 'the completed act, XML view open');

  // ---- The expert's XML view: a text that is not well-formed, then the broken sample
  await page.getByLabel('XML de la délibération').fill('<deliberation xmlns="urn:delib:deliberation:1" numero="1"');
  await settled(page);
  check(await page.isVisible('#formulaire-note') && await page.evaluate(() => document.getElementById('formulaire').inert)
        && await page.isHidden('#apercu') && /PDF non produit \(400\)/.test(await page.textContent('#etat')),
        'a text that is not well-formed: the form waits for it, no PDF');
  await page.getByLabel('XML de la délibération').fill(broken);
  await settled(page);
  const lines = await page.$$eval('#liste-diagnostics li button[data-line]', (bs) => bs.map((b) => Number(b.dataset.line)));
  check(JSON.stringify(lines) === '[6,22]', 'diagnostics listed at lines 6 and 22: ' + JSON.stringify(lines));
  check(/PDF non produit \(422\)/.test(await page.textContent('#etat')), 'status says why no PDF');
  const sirenBeside = await page.locator('.champ', { has: label(page, 'SIREN') }).locator('.diag-champ').allTextContents();
  check(sirenBeside.length === 1 && /SIREN de 9 chiffres/.test(sirenBeside[0]), 'the SIREN error typed in the XML is shown beside the SIREN field');
  await page.getByRole('button', { name: /^Ligne 22/ }).click();
  const sel = await page.evaluate(() => {
    const t = document.getElementById('xml');
    return { text: t.value.slice(t.selectionStart, t.selectionEnd), focused: document.activeElement === t };
  });
  check(sel.text === broken.split('\n')[21] && sel.focused, 'clicking line 22 selects it in the XML view');
  await page.getByRole('button', { name: 'Aller au champ « SIREN »' }).click();
  check(await page.evaluate(() => document.activeElement.labels[0].textContent === 'SIREN'), 'and « Aller au champ » focuses the field');

  // ---- An EPCI's file with a substitute delegate sitting: the attendance round trip
  const epciPath = join(dirname(samplePath), '..', 'tests', 'corpus', 'wording', 'suppleant-epci.xml');
  const epci = readFileSync(epciPath, 'utf8');
  const presencesBlock = epci.slice(epci.indexOf('  <presences'), epci.indexOf('</presences>') + 12);
  await page.getByLabel('Ouvrir un fichier XML…').setInputFiles(epciPath);
  await settled(page);
  const substitute = label(page, 'Présence de M. Paul Roux, suppléant de Mme Inès Lefèvre');
  check((await substitute.inputValue()) === 'present', 'a substitute delegate sitting is shown present');
  await substitute.selectOption('');
  await settled(page);
  check(!(await xmlView(page)).includes('<present ref="s9"/>'), 'taken off the attendance');
  await substitute.selectOption('present');
  await settled(page);
  check((await xmlView(page)).includes(presencesBlock) && await page.locator('.diag-champ').count() === 0,
        'and back: the attendance is the file\'s again, after the members present');

  // ---- A file opened, then the sample and the latency of the preview
  await page.getByLabel('Ouvrir un fichier XML…').setInputFiles(samplePath);
  await page.waitForFunction((n) => document.getElementById('xml').value.length === n, sample.length);
  check((await xmlView(page)) === sample, 'a file opened fills the XML view as is');
  await settled(page);
  check((await label(page, 'Numéro de la délibération').inputValue()) === '2021-10-14-22', 'and the form');
  await button(page, 'Partir de l\u2019exemple').click();
  await settled(page);
  await button(page, 'Rétablir la délibération remplacée').click();
  await page.waitForFunction((n) => document.getElementById('xml').value.length === n, sample.length);
  check(true, 'the text the sample replaced can be brought back');
  await button(page, 'Partir de l\u2019exemple').click();
  await settled(page);
  await label(page, 'Statut').selectOption('projet');
  await settled(page);
  writeFileSync(join(outDir, 'preview.pdf'), await pdfOf(page));
  // Measured as an agent types: in the form, the XML view closed.
  await page.evaluate(() => { document.getElementById('vue-xml').open = false; });
  const times = [];
  for (let i = 0; i < 9; i++) {
    await label(page, 'Objet').focus();
    await page.keyboard.press('End');
    // Both ends read in the page with performance.now(): the keydown
    // handler runs when the page gets the key, the event when the new PDF
    // is in the viewer.
    const done = page.evaluate(() => new Promise((resolve) => {
      let last = 0;
      const down = () => { last = performance.now(); };
      document.addEventListener('keydown', down);
      document.addEventListener('delib:apercu', (e) => {
        document.removeEventListener('keydown', down);
        resolve({ ms: performance.now() - last, ok: e.detail.ok, render: e.detail.ms, wait: e.detail.debut - last });
      }, { once: true });
    }));
    await page.keyboard.type(' x', { delay: 40 });
    times.push(await done);
    await settled(page);
  }
  const ms = times.map((t) => t.ms).sort((a, b) => a - b);
  console.log('# latency, last keystroke in the form to updated preview, on the sample (23 pages, XML view closed), ' + ms.length + ' runs: median '
              + median(ms).toFixed(0) + ' ms, min ' + ms[0].toFixed(0) + ' ms, max ' + ms[ms.length - 1].toFixed(0)
              + ' ms; of which from the keystroke to the request (a pause of 150 ms, then the timer as the page is scheduled): median '
              + median(times.map((t) => t.wait)).toFixed(0) + ' ms; request, render and PDF into the viewer: median '
              + median(times.map((t) => t.render)).toFixed(0) + ' ms (runs: '
              + times.map((t) => t.wait.toFixed(0) + '+' + t.render.toFixed(0)).join(', ') + ')');
  check(times.every((t) => t.ok), 'every keystroke on the sample gave a new PDF');

  // ---- Applying the profile keeps the deliberation's substitute delegates
  // (a profile holds none): an EPCI deliberation with one, its profile
  // taken from it, then applied back to it.
  await page.getByLabel('Ouvrir un fichier XML…').setInputFiles(epciPath);
  await page.waitForFunction(() => document.getElementById('xml').value.includes('<suppleant '));
  await settled(page);
  await page.evaluate(() => { document.getElementById('profil').open = true; });
  await button(page, 'Reprendre la collectivité de la délibération').click();
  await button(page, 'Appliquer le profil à la délibération').click();
  await settled(page);
  const applied = await xmlView(page);
  check(/<suppleant [^>]*titulaire="m9"/.test(applied) && applied.indexOf('<suppleant ') > applied.lastIndexOf('<conseiller '),
        'applying the profile keeps the substitute delegate whose titular member it holds, after the members');

  check(problems.length === 0, 'no console error, no CSP violation' + (problems.length ? ': ' + problems.join(' | ') : ''));
  check(outside.length === 0, 'no request outside the server' + (outside.length ? ': ' + outside.join(' ') : ''));
}
