// SPDX-License-Identifier: Apache-2.0
/* The page: the profile, the draft kept in the browser, opening and saving
 * files, the live preview and the diagnostics beside their fields. Part of
 * preview.html (scripts/page.cmake). */

const $ = (id) => document.getElementById(id);
const NBSP = '\u00a0';
const CLE_BROUILLON = 'delib.brouillon', CLE_PROFIL = 'delib.profil';
const DELAI_APERCU = 150; /* ms of pause in typing before the preview is made */
const GRAVITE = { error: 'Erreur', warning: 'Avertissement', note: 'Note' };
const xml = $('xml');

const Etat = {
  profil: null,      /* the collectivity's profile (XML document) */
  index: null,       /* positions of the elements in the text last sent */
  sale: false,       /* the form changed the document since it was last written */
  enAttente: null,   /* its text, not yet in the XML view (closed) */
  seq: 0,            /* number of the last preview asked */
  requete: null,     /* its AbortController */
  minuteur: 0,
  urlPdf: null,
  focusProfil: null, /* data-cle to focus after the profile form is rebuilt */
  annonce: '',       /* what happened (file opened…), said before the next preview's state */
};

function dire(texte, erreur) {
  const etat = $('etat');
  etat.textContent = texte;
  etat.classList.toggle('erreur', Boolean(erreur));
}

function pluriel(n, mot) {
  return n + ' ' + mot + (n > 1 ? 's' : '');
}

function guillemets(s) {
  return '«' + NBSP + s + NBSP + '»';
}

function lireStockage(cle) {
  try {
    return localStorage.getItem(cle);
  } catch (e) {
    return null;
  }
}

function ecrireStockage(cle, valeur) {
  try {
    localStorage.setItem(cle, valeur);
    return true;
  } catch (e) {
    dire('Le navigateur refuse d' + '\u2019' + 'enregistrer le brouillon' + NBSP + ': ' + e.message, true);
    return false;
  }
}

/* ---- The document: the form writes the XML, the XML rebuilds the form. */

/* A keystroke in the form only changes the document: the XML is written
 * once the typing pauses (synchroniser, by the preview), so typing stays
 * quick on a long deliberation (the sample's XML is 90 kB). */
function apresFormulaire(structure) {
  Etat.sale = true;
  if (structure) {
    synchroniser();
    construireFormulaire($('formulaire'));
  }
  planifier();
}
Formulaire.changement = apresFormulaire;

/* Writes the form's document as text, if it changed, and into the XML view
 * when that is open (filling a closed 90 kB textarea costs more than the
 * render). */
function synchroniser() {
  if (Etat.sale) {
    Etat.sale = false;
    Etat.enAttente = serialiser(Formulaire.doc);
  }
  if (Etat.enAttente !== null && $('vue-xml').open) {
    xml.value = Etat.enAttente;
    Etat.enAttente = null;
  }
}

/* The deliberation's text: the XML view's, or the one waiting for it. */
function texteXml() {
  return Etat.enAttente !== null ? Etat.enAttente : xml.value;
}

function sauverBrouillon() {
  synchroniser();
  ecrireStockage(CLE_BROUILLON, JSON.stringify({ xml: texteXml(), modele: $('modele').value, quand: new Date().toISOString() }));
}
/* What the last pause did not save yet is saved when the page goes. */
addEventListener('pagehide', sauverBrouillon);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') sauverBrouillon();
});
$('vue-xml').addEventListener('toggle', synchroniser);
xml.addEventListener('focus', synchroniser);

/* Reads xml.value into the form (when it is well-formed). */
function lireDepuisXml() {
  const r = lireXml(xml.value);
  const note = $('formulaire-note');
  if (r.erreur) {
    Etat.index = null;
    note.textContent = 'Le XML n' + '\u2019' + 'est pas bien formé (ligne ' + r.ligne + ')' + NBSP + ': le formulaire reprendra quand il sera corrigé dans la vue XML.';
    note.hidden = false;
    $('formulaire').inert = true;
    return;
  }
  note.hidden = true;
  $('formulaire').inert = false;
  Formulaire.doc = r.doc;
  construireFormulaire($('formulaire'));
}

function chargerTexte(texte, message) {
  Etat.sale = false;
  Etat.enAttente = null;
  xml.value = texte;
  lireDepuisXml();
  dire(message);
  Etat.annonce = message;
  planifier(0);
}

let minuteurXml = 0;
xml.addEventListener('input', () => {
  clearTimeout(minuteurXml);
  minuteurXml = setTimeout(lireDepuisXml, DELAI_APERCU);
  planifier();
});

/* ---- Live preview: after each pause, the text is rendered; an invalid
 * text takes the PDF away (it would no longer match). */

/* #zone-apercu's data-etat: attente (a preview is due), en-cours, pret
 * (the preview or its diagnostics match the current text). */
function etatApercu(etat) {
  $('zone-apercu').dataset.etat = etat;
  $('zone-apercu').setAttribute('aria-busy', etat === 'pret' ? 'false' : 'true');
}

function planifier(delai) {
  etatApercu('attente');
  clearTimeout(Etat.minuteur);
  Etat.minuteur = setTimeout(apercu, delai === undefined ? DELAI_APERCU : delai);
}

function retirerPdf(message) {
  const cadre = $('apercu');
  if (Etat.urlPdf) {
    const neuf = cadre.cloneNode(false);
    neuf.removeAttribute('src');
    cadre.replaceWith(neuf);
    const ancienne = Etat.urlPdf;
    setTimeout(() => URL.revokeObjectURL(ancienne), 10000);
    Etat.urlPdf = null;
  }
  $('apercu').hidden = true;
  $('telecharger').hidden = true;
  const p = $('perime');
  p.textContent = message;
  p.hidden = false;
}

function montrerPdf(blob, nom, pages) {
  const url = URL.createObjectURL(blob);
  const cadre = $('apercu');
  cadre.src = url;
  cadre.hidden = false;
  /* The viewer may still be reading the previous PDF: freed a little later. */
  const ancienne = Etat.urlPdf;
  if (ancienne) setTimeout(() => URL.revokeObjectURL(ancienne), 10000);
  Etat.urlPdf = url;
  const lien = $('telecharger');
  lien.href = url;
  lien.download = nom;
  lien.textContent = 'Télécharger le PDF (' + nom + ', ' + pluriel(pages, 'page') + ')';
  lien.hidden = false;
  $('perime').hidden = true;
}

/* The file name the service gives (Content-Disposition: deliberation-NUMÉRO.pdf). */
function nomPdf(r) {
  const m = /filename="([A-Za-z0-9._-]+)"/.exec(r.headers.get('Content-Disposition') || '');
  return m ? m[1] : 'deliberation.pdf';
}

async function lireJson(r) {
  try {
    return await r.json();
  } catch (e) {
    return {};
  }
}

function envoyer(chemin, texte, signal) {
  const q = new URLSearchParams({ template: $('modele').value || 'default' });
  return fetch(chemin + '?' + q.toString(), {
    method: 'POST', signal, body: texte,
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
}

async function apercu() {
  clearTimeout(Etat.minuteur);
  synchroniser();
  const texte = texteXml();
  const n = ++Etat.seq;
  if (Etat.requete) Etat.requete.abort();
  etatApercu('en-cours');
  if (!texte.trim()) {
    etatApercu('pret');
    retirerPdf('Pas encore de délibération' + NBSP + ': commencez un projet, partez de l' + '\u2019' + 'exemple ou ouvrez un fichier.');
    afficherDiagnostics([]);
    return;
  }
  const ctl = new AbortController();
  Etat.requete = ctl;
  const debut = performance.now();
  let diags = [], index = null;
  try {
    const reponse = envoyer('/v1/render', texte, ctl.signal);
    /* While the service renders: the draft saved, the positions of the
     * text's elements for its diagnostics. */
    sauverBrouillon();
    index = Formulaire.doc && !$('formulaire').inert ? indexerPositions(texte, Formulaire.doc) : null;
    const r = await reponse;
    const type = r.headers.get('Content-Type') || '';
    if (r.ok && type.startsWith('application/pdf')) {
      const blob = await r.blob();
      if (n !== Etat.seq) return;
      const pages = Number(r.headers.get('X-Delib-Pages') || 0);
      montrerPdf(blob, nomPdf(r), pages);
      /* The text may have changed while the PDF was made: that PDF is
       * shown until the next one, but the preview is not up to date. */
      if (texte !== texteXml() || Etat.sale) return;
      dire(annonce() + 'Aperçu à jour' + NBSP + ': ' + pluriel(pages, 'page') + '.');
      signalerApercu(true, debut);
      if (Number(r.headers.get('X-Delib-Diagnostics') || 0) > 0) {
        const v = await lireJson(await envoyer('/v1/validate', texte, ctl.signal));
        diags = v.diagnostics || [];
      }
    } else {
      const corps = await lireJson(r);
      diags = corps.diagnostics || [];
      const erreurs = diags.filter((d) => d.severity === 'error').length;
      const pourquoi = erreurs ? pluriel(erreurs, 'erreur') + ', signalée' + (erreurs > 1 ? 's' : '') + ' à côté des champs'
                              : (corps.message || 'refus du service (' + r.status + ')');
      if (n !== Etat.seq || texte !== texteXml() || Etat.sale) return;
      retirerPdf('Aperçu retiré' + NBSP + ': le texte actuel n' + '\u2019' + 'est pas valide (' + pourquoi + '). Corrigez-le pour revoir le PDF.');
      dire(annonce() + 'PDF non produit (' + r.status + ')' + NBSP + ': ' + pourquoi + '.', true);
      signalerApercu(false, debut);
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    if (n !== Etat.seq) return;
    etatApercu('pret');
    retirerPdf('Aperçu retiré' + NBSP + ': le service ne répond pas.');
    dire('Le service ne répond pas' + NBSP + ': ' + e.message, true);
  }
  if (n !== Etat.seq || texte !== texteXml() || Etat.sale) return;
  Etat.index = index;
  afficherDiagnostics(diags);
  etatApercu('pret');
}

function annonce() {
  const a = Etat.annonce;
  Etat.annonce = '';
  return a ? a + ' ' : '';
}

/* The preview follows the text (a new PDF, or none): an event for whoever
 * measures its latency (tests). */
function signalerApercu(ok, debut) {
  document.dispatchEvent(new CustomEvent('delib:apercu', { detail: { ok, debut, ms: performance.now() - debut } }));
}

/* ---- Diagnostics: in the list, and beside the field they concern. */

/* The form control a diagnostic is about, if the form shows it. */
function champDuDiagnostic(d) {
  if (!Etat.index || !(d.line > 0) || String(d.id).startsWith('template.')) return null;
  const pos = trouverPosition(Etat.index, d.line, d.column || 0);
  if (!pos) return null;
  let attr = pos.attr;
  const m = /attribut «\s*([\w-]+)\s*»/.exec(d.message);
  if (!attr && m) attr = m[1];
  for (let e = pos.element; e && e.nodeType === Node.ELEMENT_NODE; e = e.parentNode) {
    const c = chemin(e);
    if (attr && Formulaire.champs.has(c + '@' + attr)) return Formulaire.champs.get(c + '@' + attr);
    if (Formulaire.champs.has(c)) return Formulaire.champs.get(c);
    attr = null;
  }
  return null;
}

function effacerDiagnosticsChamps() {
  for (const p of document.querySelectorAll('.diag-champ')) p.remove();
  for (const c of document.querySelectorAll('[data-decrit]')) {
    c.removeAttribute('aria-invalid');
    const avant = c.dataset.decrit;
    if (avant) c.setAttribute('aria-describedby', avant);
    else c.removeAttribute('aria-describedby');
    delete c.dataset.decrit;
  }
}

function montrerBesideChamp(ctl, d, k) {
  const id = 'diag-champ-' + k;
  const p = h('p', { class: 'diag-champ ' + d.severity, id },
              h('strong', { texte: (GRAVITE[d.severity] || d.severity) + NBSP + ': ' }), d.message);
  (ctl.closest('.champ') || ctl.parentNode).append(p);
  if (!('decrit' in ctl.dataset)) ctl.dataset.decrit = ctl.getAttribute('aria-describedby') || '';
  if (d.severity === 'error') ctl.setAttribute('aria-invalid', 'true');
  ctl.setAttribute('aria-describedby', ((ctl.getAttribute('aria-describedby') || '') + ' ' + id).trim());
}

function allerAuChamp(ctl) {
  for (let e = ctl.parentNode; e; e = e.parentNode) if (e.tagName === 'DETAILS') e.open = true;
  ctl.focus();
  ctl.scrollIntoView({ block: 'center' });
}

/* The offsets of line n (1-based) in the XML view, end of line excluded. */
function allerALaLigne(n) {
  $('vue-xml').open = true;
  synchroniser();
  const lignes = xml.value.split('\n');
  const k = Math.min(Math.max(1, n), lignes.length);
  let debut = 0;
  for (let i = 0; i < k - 1; i++) debut += lignes[i].length + 1;
  xml.focus();
  xml.setSelectionRange(debut, debut + lignes[k - 1].length);
  const hauteur = parseFloat(getComputedStyle(xml).lineHeight) || 18;
  xml.scrollTop = Math.max(0, (k - 4) * hauteur);
  dire('Ligne ' + k + ' sélectionnée dans la vue XML.');
}

function afficherDiagnostics(diags) {
  effacerDiagnosticsChamps();
  const liste = $('liste-diagnostics');
  liste.textContent = '';
  $('nb-diagnostics').textContent = diags.length ? '(' + diags.length + ')' : '';
  if (!diags.length) {
    liste.append(h('li', { class: 'vide', texte: 'Aucun diagnostic.' }));
    return;
  }
  diags.forEach((d, k) => {
    const ctl = champDuDiagnostic(d);
    if (ctl) montrerBesideChamp(ctl, d, k);
    const li = h('li', { class: d.severity });
    li.append(h('span', { class: 'gravite', texte: (GRAVITE[d.severity] || d.severity) + NBSP + ': ' }),
              d.message + ' [' + d.id + ']');
    const actions = h('div', { class: 'boutons' });
    if (ctl) {
      const libelle = ctl.labels && ctl.labels[0] ? ctl.labels[0].textContent : 'le champ';
      actions.append(h('button', { type: 'button', class: 'petit', texte: 'Aller au champ ' + guillemets(libelle),
                                   onclick: () => allerAuChamp(ctl) }));
    }
    if (d.line > 0 && !String(d.id).startsWith('template.'))
      actions.append(h('button', { type: 'button', class: 'petit', 'data-line': String(d.line),
                                   texte: 'Ligne ' + d.line + (d.column > 0 ? ', colonne ' + d.column : '') + ' du XML',
                                   onclick: () => allerALaLigne(d.line) }));
    if (actions.firstChild) li.append(actions);
    liste.append(li);
  });
}

/* ---- The profile of the collectivity. */

function profilCourant() {
  if (!Etat.profil) {
    const t = lireStockage(CLE_PROFIL);
    const r = t ? lireProfil(t) : null;
    Etat.profil = r && r.doc ? r.doc : profilVide();
  }
  return Etat.profil;
}

function profilModifie(structure, focus) {
  ecrireStockage(CLE_PROFIL, serialiser(Etat.profil));
  if (structure) {
    Etat.focusProfil = focus || null;
    construireProfil();
  }
}

function champProfil(parent, e, attr, o) {
  const ctl = champ(parent, Object.assign({ valeur: attr ? e.getAttribute(attr) || '' : e.textContent }, o, {
    surSaisie: (v) => {
      if (attr) poserAttr(e, attr, v.trim());
      else e.textContent = v;
      if (o.apres) o.apres(v);
      profilModifie(false);
    },
  }));
  ctl.dataset.cle = o.cleProfil;
  return ctl;
}

function lignesMembres(parent, cons) {
  const liste = enfants(cons, 'conseiller');
  const table = h('table', { class: 'membres' },
    h('caption', { texte: 'Conseillers en exercice (' + liste.length + ')' }),
    h('thead', {}, h('tr', {}, ...['Civilité', 'Prénom', 'Nom', 'Fonction', 'Actions'].map((t) => h('th', { scope: 'col', texte: t })))));
  const corps = h('tbody');
  table.append(corps);
  const renommer = (c) => {
    const pris = new Set(enfants(cons, 'conseiller').filter((x) => x !== c).map((x) => x.getAttribute('id')));
    c.setAttribute('id', identifiantMembre(c.getAttribute('prenom'), c.getAttribute('nom'), pris));
  };
  liste.forEach((c, i) => {
    const tr = h('tr');
    const cellule = () => {
      const td = h('td');
      tr.append(td);
      return td;
    };
    const qui = 'du conseiller ' + (i + 1);
    champProfil(cellule(), c, 'civilite', { libelle: 'Civilité ' + qui, type: 'select', options: [['M.', 'M.'], ['Mme', 'Mme']],
      cache: true, cleProfil: 'm' + i + '-civilite' });
    champProfil(cellule(), c, 'prenom', { libelle: 'Prénom ' + qui, cache: true, cleProfil: 'm' + i + '-prenom', apres: () => renommer(c) });
    champProfil(cellule(), c, 'nom', { libelle: 'Nom ' + qui, cache: true, cleProfil: 'm' + i + '-nom', apres: () => renommer(c) });
    champProfil(cellule(), c, 'fonction', { libelle: 'Fonction ' + qui, cache: true, cleProfil: 'm' + i + '-fonction' });
    const deplacer = (delta, suffixe) => () => {
      if (delta < 0) cons.insertBefore(c, liste[i - 1]);
      else cons.insertBefore(liste[i + 1], c);
      profilModifie(true, 'm' + (i + delta) + suffixe);
    };
    const bouton = (texte, action, actif, suffixe) => h('button', { type: 'button', class: 'petit', disabled: !actif,
      'data-cle': 'm' + i + suffixe, 'aria-label': texte + '\u00a0: conseiller ' + (i + 1), texte, onclick: action });
    cellule().append(bouton('Monter', deplacer(-1, '-monter'), i > 0, '-monter'),
                     bouton('Descendre', deplacer(1, '-descendre'), i < liste.length - 1, '-descendre'),
                     bouton('Supprimer', () => {
                       cons.removeChild(c);
                       compterMembres(cons);
                       profilModifie(true, 'ajout-membre');
                     }, true, '-supprimer'));
    corps.append(tr);
  });
  parent.append(h('div', { class: 'defile' }, table));
  parent.append(h('button', { type: 'button', class: 'ajout', 'data-cle': 'ajout-membre', texte: 'Ajouter un conseiller', onclick: () => {
    const pris = new Set(enfants(cons, 'conseiller').map((x) => x.getAttribute('id')));
    cons.appendChild(creer(Etat.profil, 'conseiller', { id: identifiantMembre('', 'membre', pris), civilite: 'Mme' }));
    compterMembres(cons);
    profilModifie(true, 'm' + liste.length + '-prenom');
  } }));
}

function construireProfil() {
  const p = profilCourant().documentElement;
  const c = enfant(p, 'collectivite'), cons = enfant(p, 'conseillers');
  const type = enfant(p, 'seance-type') || p.appendChild(creer(Etat.profil, 'seance-type'));
  const lieu = enfant(type, 'lieu') || type.appendChild(creer(Etat.profil, 'lieu'));
  const boite = h('div');
  const g = h('div', { class: 'ligne-champs' });
  boite.append(g);
  champProfil(g, c, 'type', { libelle: 'Type de collectivité', type: 'select', options: TYPES, cleProfil: 'type' });
  champProfil(g, assurer(c, 'nom'), null, { libelle: 'Nom de la collectivité', cleProfil: 'nom' });
  champProfil(g, assurer(c, 'organe'), null, { libelle: 'Assemblée', cleProfil: 'organe', aide: 'Par exemple ' + guillemets('Conseil municipal') + '.' });
  champProfil(g, c, 'siren', { libelle: 'SIREN', cleProfil: 'siren', aide: '9 chiffres.' });
  champProfil(g, c, 'departement', { libelle: 'Département', cleProfil: 'departement' });
  champProfil(g, c, 'population', { libelle: 'Population', type: 'number', cleProfil: 'population' });
  const g2 = h('div', { class: 'ligne-champs' });
  boite.append(g2);
  champProfil(g2, type, 'heure', { libelle: 'Heure habituelle des séances', type: 'time', cleProfil: 'heure' });
  champProfil(g2, lieu, null, { libelle: 'Lieu habituel des séances', cleProfil: 'lieu' });
  champProfil(g2, type, 'publique', { libelle: 'Séances publiques', type: 'select', options: OUI_NON, cleProfil: 'publique' });
  const modeles = [...$('modele').options].map((o) => [o.value, o.textContent]);
  champProfil(g2, p, 'modele', { libelle: 'Modèle par défaut', type: 'select', options: modeles, cleProfil: 'modele' });
  lignesMembres(boite, cons);
  $('profil-formulaire').replaceChildren(boite);
  if (Etat.focusProfil) {
    const cible = boite.querySelector('[data-cle="' + CSS.escape(Etat.focusProfil) + '"]');
    Etat.focusProfil = null;
    if (cible && !cible.disabled) cible.focus();
    else if (cible) cible.closest('td').querySelector('button:not([disabled])').focus();
  }
}

function telecharger(texte, nom, type) {
  const url = URL.createObjectURL(new Blob([texte], { type }));
  const a = h('a', { href: url, download: nom, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$('profil-exporter').addEventListener('click', () => {
  const nom = (enfant(enfant(profilCourant().documentElement, 'collectivite'), 'nom') || { textContent: '' }).textContent;
  const fichier = 'profil-' + (nom.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'collectivite') + '.xml';
  telecharger(serialiser(profilCourant()), fichier, 'application/xml');
  dire('Profil exporté dans ' + guillemets(fichier) + '.');
});

$('profil-fichier').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  e.target.value = '';
  if (!f) return;
  const r = lireProfil(await f.text());
  if (r.erreur) {
    dire('Profil ' + guillemets(f.name) + ' refusé' + NBSP + ': ' + r.erreur + '.', true);
    return;
  }
  Etat.profil = r.doc;
  profilModifie(true);
  const m = r.doc.documentElement.getAttribute('modele');
  if (m && [...$('modele').options].some((o) => o.value === m)) $('modele').value = m;
  dire('Profil ' + guillemets(f.name) + ' importé' + NBSP + ': ' + pluriel(enfants(enfant(r.doc.documentElement, 'conseillers'), 'conseiller').length, 'conseiller') + '.');
});

$('profil-depuis').addEventListener('click', () => {
  if (xmlIllisible()) return;
  if (!Formulaire.doc || !enfant(Formulaire.doc.documentElement, 'collectivite')) {
    dire('Aucune délibération ouverte dont reprendre la collectivité.', true);
    return;
  }
  Etat.profil = profilDe(Formulaire.doc, $('modele').value);
  profilModifie(true);
  dire('Profil repris de la délibération ouverte.');
});

/* While the XML view holds a text that is not well-formed, the form's
 * document is an older one: nothing is written from it. */
function xmlIllisible() {
  if (!$('formulaire').inert) return false;
  dire('Corrigez d' + '\u2019' + 'abord le XML (il n' + '\u2019' + 'est pas bien formé).', true);
  return true;
}

/* A profile holds no substitute delegates: those of the deliberation
 * whose titular member the profile still has are kept (after the members,
 * as the schema orders them), so that applying the profile loses none. */
function garderSuppleants(ancien, neuf) {
  if (!ancien) return;
  const ids = new Set(enfants(neuf, 'conseiller').map((c) => c.getAttribute('id')));
  for (const sup of enfants(ancien, 'suppleant'))
    if (ids.has(sup.getAttribute('titulaire'))) neuf.appendChild(copier(Formulaire.doc, sup));
}

$('profil-appliquer').addEventListener('click', () => {
  if (xmlIllisible()) return;
  if (!Formulaire.doc || Formulaire.doc.documentElement.localName !== 'deliberation') {
    dire('Aucune délibération ouverte.', true);
    return;
  }
  const d = Formulaire.doc.documentElement, p = profilCourant().documentElement;
  for (const nom of ['collectivite', 'conseillers']) {
    const neuf = copier(Formulaire.doc, enfant(p, nom));
    if (nom === 'conseillers') {
      garderSuppleants(enfant(d, nom), neuf);
      compterMembres(neuf);
    }
    if (enfant(d, nom)) d.replaceChild(neuf, enfant(d, nom));
    else insererRange(d, neuf);
  }
  apresFormulaire(true);
  dire('Collectivité et conseillers repris du profil.');
});

/* ---- Starting points, opening and saving. */

/* Before a new projet, the sample or a file replaces the text: the text
 * replaced is kept (in the browser too) and one button brings it back. */
const CLE_PRECEDENT = 'delib.brouillon.precedent';

function remplacerBrouillon() {
  synchroniser();
  const bouton = $('retablir');
  if (texteXml().trim()) {
    ecrireStockage(CLE_PRECEDENT, texteXml());
    bouton.hidden = false;
  }
  return true;
}

$('retablir').addEventListener('click', () => {
  const avant = lireStockage(CLE_PRECEDENT);
  if (!avant) return;
  synchroniser();
  const actuel = texteXml();
  chargerTexte(avant, 'Délibération remplacée rétablie.');
  if (actuel.trim()) ecrireStockage(CLE_PRECEDENT, actuel);
});

$('nouveau').addEventListener('click', () => {
  remplacerBrouillon();
  const p = profilCourant();
  const m = p.documentElement.getAttribute('modele');
  if (m && [...$('modele').options].some((o) => o.value === m)) $('modele').value = m;
  Formulaire.aFocaliser = '/deliberation[1]@numero';
  chargerTexte(serialiser(projetVide(p)), 'Nouveau projet pour ' + (enfant(enfant(p.documentElement, 'collectivite'), 'nom').textContent || 'la collectivité du profil') + '.');
  if (!enfants(enfant(p.documentElement, 'conseillers'), 'conseiller').length) {
    $('profil').open = true;
    dire('Nouveau projet' + NBSP + ': renseignez d' + '\u2019' + 'abord le profil de la collectivité (nom, SIREN, conseillers), puis «' + NBSP + 'Appliquer le profil à la délibération' + NBSP + '».', true);
  }
});

$('exemple').addEventListener('click', () => {
  remplacerBrouillon();
  chargerTexte($('xml-exemple').textContent.replace(/^\s+/, ''), 'Exemple chargé' + NBSP + ': délibération 2021-10-14-22 de Saint-Étienne-du-Rouvray.');
});

$('fichier').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  e.target.value = '';
  if (!f) return;
  remplacerBrouillon();
  chargerTexte(await f.text(), 'Fichier ' + guillemets(f.name) + ' ouvert.');
});

$('enregistrer').addEventListener('click', () => {
  synchroniser();
  if (!texteXml().trim()) {
    dire('Rien à enregistrer.', true);
    return;
  }
  const r = lireXml(texteXml());
  const numero = r.doc ? r.doc.documentElement.getAttribute('numero') : null;
  const nom = 'deliberation' + (numero && /^[0-9A-Za-z_-]+$/.test(numero) ? '-' + numero : '') + '.xml';
  telecharger(texteXml(), nom, 'application/xml');
  dire('XML enregistré sous ' + guillemets(nom) + '.');
});

$('actualiser').addEventListener('click', () => apercu());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    apercu();
  }
});
$('modele').addEventListener('change', () => planifier(0));

async function chargerModeles() {
  const choix = $('modele');
  try {
    const r = await fetch('/v1/templates');
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const modeles = await r.json();
    const avant = choix.value;
    choix.textContent = '';
    for (const m of modeles)
      choix.append(h('option', { value: m.name, texte: m.description ? m.name + ' — ' + m.description : m.name }));
    choix.value = modeles.some((m) => m.name === avant) ? avant : 'default';
  } catch (e) {
    dire('Liste des modèles indisponible' + NBSP + ': ' + e.message, true);
  }
}

/* ---- Start: the templates, the profile, then the draft left last time. */
(async function demarrer() {
  await chargerModeles();
  construireProfil();
  let brouillon = null;
  try {
    brouillon = JSON.parse(lireStockage(CLE_BROUILLON) || 'null');
  } catch (e) {
    brouillon = null;
  }
  if (brouillon && brouillon.xml && brouillon.xml.trim()) {
    if ([...$('modele').options].some((o) => o.value === brouillon.modele)) $('modele').value = brouillon.modele;
    const quand = new Date(brouillon.quand);
    chargerTexte(brouillon.xml, 'Brouillon restauré (enregistré dans ce navigateur le ' +
      quand.toLocaleDateString('fr-FR') + ' à ' + quand.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }) + ').');
  } else {
    $('formulaire').replaceChildren(h('p', { class: 'aide', texte: 'Commencez un nouveau projet à partir du profil de la collectivité, partez de l' + '\u2019' + 'exemple ou ouvrez un fichier XML.' }));
    retirerPdf('Pas encore de délibération.');
    etatApercu('pret');
  }
  $('retablir').hidden = !lireStockage(CLE_PRECEDENT);
  document.body.dataset.pret = 'oui';
})();
