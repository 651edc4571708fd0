// SPDX-License-Identifier: Apache-2.0
/* The deliberation as an XML document (the model both views edit), its
 * serialisation, the positions of its elements in a text (to bring a
 * diagnostic's line and column back to a form field), the blank projet and
 * the collectivity's profile. Part of preview.html (scripts/page.cmake). */

const NS = 'urn:delib:deliberation:1';

/* Children order of the elements the form creates (schema/deliberation.xsd). */
const ORDER = {
  deliberation: ['collectivite', 'seance', 'objet', 'conseillers', 'presences', 'president', 'secretaire',
                 'rapporteur', 'expose', 'visas', 'considerants', 'decision', 'vote', 'signataire',
                 'executoire', 'annexe'],
  collectivite: ['nom', 'organe'],
  seance: ['lieu'],
  conseillers: ['conseiller', 'suppleant'],
  presences: ['present', 'pouvoir', 'excuse', 'absent', 'arrivee', 'depart'],
  vote: ['interesse', 'votant'],
};

/* Elements whose content is inline text: written on one line, as is. */
const INLINE = new Set(['objet', 'nom', 'organe', 'lieu', 'visa', 'considerant', 'article', 'para', 'titre',
                        'item', 'groupe', 'cellule', 'categorie', 'source', 'note', 'gras', 'italique',
                        'souligne', 'exposant', 'indice']);
const BLOCKS = new Set(['para', 'liste', 'graphique']);

function enfants(parent, nom) {
  const r = [];
  if (!parent) return r;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling)
    if (nom === undefined || c.localName === nom) r.push(c);
  return r;
}

function enfant(parent, nom) {
  if (!parent) return null;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling)
    if (c.localName === nom) return c;
  return null;
}

function creer(doc, nom, attrs) {
  const e = doc.createElementNS(NS, nom);
  for (const [k, v] of Object.entries(attrs || {}))
    if (v !== undefined && v !== null && v !== '') e.setAttribute(k, v);
  return e;
}

/* Inserts child where the schema wants it among parent's children. */
function insererRange(parent, child) {
  const ordre = ORDER[parent.localName];
  const k = ordre ? ordre.indexOf(child.localName) : -1;
  if (k >= 0)
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling)
      if (ordre.indexOf(c.localName) > k) {
        parent.insertBefore(child, c);
        return child;
      }
  parent.appendChild(child);
  return child;
}

/* The child named nom of parent, created in its place when missing. */
function assurer(parent, nom) {
  return enfant(parent, nom) || insererRange(parent, creer(parent.ownerDocument, nom));
}

/* Attribute order of the elements the form writes, as in the examples. */
const ATTR_ORDER = {
  deliberation: ['numero', 'nature', 'statut'],
  collectivite: ['type', 'siren', 'departement', 'population', 'plus-grande-commune'],
  seance: ['date', 'heure', 'convocation', 'publique', 'urgence', 'urgence-reconnue'],
  conseiller: ['id', 'civilite', 'prenom', 'nom', 'fonction'],
  vote: ['scrutin', 'pour', 'contre', 'abstentions', 'ne-prend-pas-part', 'resultat', 'mention', 'voix-preponderante'],
  signataire: ['ref', 'fonction'],
  executoire: ['reception-prefecture', 'identifiant', 'affichage', 'publication', 'notification'],
  depart: ['ref', 'heure', 'avant', 'pouvoir-a'],
  arrivee: ['ref', 'heure', 'avant', 'a-distance'],
};

/* Sets (or, empty, removes) an attribute; a new one takes its place in
 * ATTR_ORDER. */
function poserAttr(e, nom, valeur) {
  if (valeur === undefined || valeur === null || valeur === '') {
    e.removeAttribute(nom);
    return;
  }
  const ordre = ATTR_ORDER[e.localName];
  if (e.hasAttribute(nom) || !ordre || ordre.indexOf(nom) < 0) {
    e.setAttribute(nom, valeur);
    return;
  }
  const avant = [...e.attributes].map((a) => [a.name, a.value]);
  avant.push([nom, valeur]);
  const rang = (n) => (ordre.indexOf(n) < 0 ? ordre.length : ordre.indexOf(n));
  avant.sort((a, b) => rang(a[0]) - rang(b[0]));
  for (const [n] of avant) if (n !== 'xmlns') e.removeAttribute(n);
  for (const [n, v] of avant) if (n !== 'xmlns') e.setAttribute(n, v);
}

/* An element's text holds markup (bold, italics…) the form cannot show. */
function aDuBalisage(e) {
  return Boolean(e && e.firstElementChild);
}

function poserTexte(e, texte) {
  e.textContent = texte;
}

/* ---- Serialisation: two spaces a level, inline content kept as is. */

function echapper(s, attr) {
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attr ? s.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;') : s;
}

function enLigne(e) {
  if (INLINE.has(e.localName) && !(e.localName === 'cellule' || e.localName === 'item')) return true;
  let elements = 0;
  for (let c = e.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.TEXT_NODE || c.nodeType === Node.CDATA_SECTION_NODE) {
      if (c.nodeValue.trim()) return true;
    } else if (c.nodeType === Node.ELEMENT_NODE) {
      elements++;
      if (e.localName === 'cellule' && !BLOCKS.has(c.localName)) return true;
      if (e.localName === 'item' && c.localName !== 'liste') return true;
    }
  }
  return elements === 0;
}

function baliseOuvrante(e, racine) {
  let s = '<' + e.nodeName;
  if (racine && !e.hasAttribute('xmlns') && e.namespaceURI) s += ' xmlns="' + e.namespaceURI + '"';
  for (const a of e.attributes) s += ' ' + a.name + '="' + echapper(a.value, true) + '"';
  return s;
}

function serialiserEnLigne(n) {
  switch (n.nodeType) {
  case Node.TEXT_NODE: return echapper(n.nodeValue, false);
  case Node.CDATA_SECTION_NODE: return echapper(n.nodeValue, false);
  case Node.COMMENT_NODE: return '<!--' + n.nodeValue + '-->';
  case Node.ELEMENT_NODE: {
    let s = baliseOuvrante(n, false);
    if (!n.firstChild) return s + '/>';
    s += '>';
    for (let c = n.firstChild; c; c = c.nextSibling) s += serialiserEnLigne(c);
    return s + '</' + n.nodeName + '>';
  }
  default: return '';
  }
}

function serialiserNoeud(n, niveau, racine, out) {
  const marge = '  '.repeat(niveau);
  if (n.nodeType === Node.COMMENT_NODE) {
    out.push(marge + '<!--' + n.nodeValue + '-->');
    return;
  }
  if (n.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
    out.push(marge + '<?' + n.target + ' ' + n.data + '?>');
    return;
  }
  if (n.nodeType !== Node.ELEMENT_NODE) return;
  if (enLigne(n)) {
    let s = baliseOuvrante(n, racine);
    if (!n.firstChild) s += '/>';
    else {
      s += '>';
      for (let c = n.firstChild; c; c = c.nextSibling) s += serialiserEnLigne(c);
      s += '</' + n.nodeName + '>';
    }
    out.push(marge + s);
    return;
  }
  out.push(marge + baliseOuvrante(n, racine) + '>');
  for (let c = n.firstChild; c; c = c.nextSibling) serialiserNoeud(c, niveau + 1, false, out);
  out.push(marge + '</' + n.nodeName + '>');
}

function serialiser(doc) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (let c = doc.firstChild; c; c = c.nextSibling) serialiserNoeud(c, 0, c === doc.documentElement, out);
  return out.join('\n') + '\n';
}

/* The document of a text, or {erreur, ligne} when it is not well-formed. */
function lireXml(texte) {
  const doc = new DOMParser().parseFromString(texte, 'application/xml');
  const pe = doc.getElementsByTagName('parsererror')[0];
  if (pe) {
    const m = /line (\d+)/.exec(pe.textContent);
    return { erreur: pe.textContent, ligne: m ? Number(m[1]) : 0 };
  }
  return { doc };
}

/* ---- Positions: where each element's start tag and attributes are in the
 * text it was read from, its elements being in document order. */

const JETON = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/[^>]*>|<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ATTRIBUT = /([^\s=>/]+)\s*=\s*(?:"[^"]*"|'[^']*')/g;

function indexerPositions(texte, doc) {
  const elements = doc.getElementsByTagName('*');
  const lignes = [0];
  for (let i = texte.indexOf('\n'); i >= 0; i = texte.indexOf('\n', i + 1)) lignes.push(i + 1);
  const balises = [];
  let k = 0, m;
  JETON.lastIndex = 0;
  while ((m = JETON.exec(texte)) && k < elements.length) {
    if (!m[1]) continue;
    const attrs = {};
    const debutAttrs = m.index + 1 + m[1].length;
    let a;
    ATTRIBUT.lastIndex = 0;
    while ((a = ATTRIBUT.exec(m[2] || ''))) attrs[a[1]] = debutAttrs + a.index;
    balises.push({ element: elements[k++], debut: m.index, fin: m.index + m[0].length, attrs });
  }
  return { balises, lignes };
}

/* The element and attribute at line:column (1-based; column 0: the line). */
function trouverPosition(index, ligne, colonne) {
  if (!index || ligne < 1 || ligne > index.lignes.length) return null;
  const debutLigne = index.lignes[ligne - 1];
  const finLigne = ligne < index.lignes.length ? index.lignes[ligne] - 1 : Infinity;
  const pos = debutLigne + Math.max(0, colonne - 1);
  let choisie = null;
  for (const b of index.balises) {
    if (b.debut > (colonne > 0 ? pos : finLigne)) break;
    choisie = b;
  }
  if (!choisie) return null;
  let attr = null;
  if (colonne > 0 && pos >= choisie.debut && pos < choisie.fin) {
    let meilleur = -1;
    for (const [nom, p] of Object.entries(choisie.attrs))
      if (p <= pos && p > meilleur) {
        meilleur = p;
        attr = nom;
      }
  }
  return { element: choisie.element, attr };
}

/* A stable name of an element: its path, each step with its rank among
 * its namesakes (/deliberation[1]/visas[1]/visa[2]). Form fields are found
 * by it. */
function chemin(e) {
  const pas = [];
  for (; e && e.nodeType === Node.ELEMENT_NODE; e = e.parentNode) {
    let rang = 1;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling)
      if (s.localName === e.localName) rang++;
    pas.unshift(e.localName + '[' + rang + ']');
  }
  return '/' + pas.join('/');
}

/* ---- Members' identifiers: initial of the first name and the name,
 * lower case without accents (jmoyse), unique in the list. */
function identifiantMembre(prenom, nom, pris) {
  const base = ((prenom || '').trim().charAt(0) + (nom || '').trim())
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '') || 'membre';
  let id = /^[a-z_]/.test(base) ? base : 'm' + base;
  for (let i = 2; pris.has(id); i++) id = base + i;
  return id;
}

/* ---- The profile of a collectivity: what every projet of its council
 * repeats. A small XML file, in the deliberation's namespace and with its
 * elements, so that it reads like the start of a deliberation:
 *   <profil xmlns="urn:delib:deliberation:1" modele="default">
 *     <collectivite …><nom/><organe/></collectivite>
 *     <seance-type heure="18:30" publique="oui"><lieu>à la mairie</lieu></seance-type>
 *     <conseillers en-exercice="…"><conseiller …/>…</conseillers>
 *   </profil>
 * (a format of the page alone: schema/deliberation.xsd has no profile). */

function profilVide() {
  const doc = document.implementation.createDocument(NS, 'profil', null);
  const p = doc.documentElement;
  p.setAttribute('modele', 'default');
  const c = p.appendChild(creer(doc, 'collectivite', { type: 'commune' }));
  c.appendChild(creer(doc, 'nom'));
  c.appendChild(creer(doc, 'organe')).textContent = 'Conseil municipal';
  const s = p.appendChild(creer(doc, 'seance-type', { heure: '18:30', publique: 'oui' }));
  s.appendChild(creer(doc, 'lieu')).textContent = 'à la mairie';
  p.appendChild(creer(doc, 'conseillers', { 'en-exercice': '0' }));
  return doc;
}

/* A profile read from a text: the document, or an error in French. */
function lireProfil(texte) {
  const r = lireXml(texte);
  if (r.erreur) return { erreur: 'le fichier n\u2019est pas du XML bien formé (ligne ' + r.ligne + ')' };
  const p = r.doc.documentElement;
  if (p.namespaceURI !== NS || p.localName !== 'profil')
    return { erreur: 'la racine doit être <profil xmlns="' + NS + '">' };
  if (!enfant(p, 'collectivite') || !enfant(p, 'conseillers'))
    return { erreur: 'un profil contient <collectivite> et <conseillers>' };
  return { doc: r.doc };
}

/* Keeps conseillers/@en-exercice equal to the number of members. */
function compterMembres(conseillers) {
  conseillers.setAttribute('en-exercice', String(enfants(conseillers, 'conseiller').length));
}

/* A copy of element e for document doc (attributes, children and text). */
function copier(doc, e) {
  return doc.importNode(e, true);
}

/* The blank projet of a profile: collectivity, body, members, the usual
 * séance, one visa and one empty article. */
function projetVide(profil) {
  const doc = document.implementation.createDocument(NS, 'deliberation', null);
  const d = doc.documentElement;
  d.setAttribute('nature', 'DE');
  d.setAttribute('statut', 'projet');
  const p = profil.documentElement;
  d.appendChild(copier(doc, enfant(p, 'collectivite')));
  const type = enfant(p, 'seance-type');
  const seance = d.appendChild(creer(doc, 'seance', {
    heure: type ? type.getAttribute('heure') : '18:30',
    publique: type ? type.getAttribute('publique') : 'oui',
  }));
  seance.appendChild(creer(doc, 'lieu')).textContent = type && enfant(type, 'lieu') ? enfant(type, 'lieu').textContent : '';
  d.appendChild(creer(doc, 'objet'));
  const cons = d.appendChild(copier(doc, enfant(p, 'conseillers')));
  compterMembres(cons);
  const visas = d.appendChild(creer(doc, 'visas'));
  visas.appendChild(creer(doc, 'visa')).textContent = 'Le Code général des collectivités territoriales,';
  d.appendChild(creer(doc, 'decision')).appendChild(creer(doc, 'article'));
  return doc;
}

/* The profile a deliberation implies (its collectivity and members). */
function profilDe(doc, modele) {
  const p = profilVide();
  const racine = p.documentElement;
  racine.setAttribute('modele', modele || 'default');
  const d = doc.documentElement;
  const c = enfant(d, 'collectivite'), cons = enfant(d, 'conseillers'), s = enfant(d, 'seance');
  if (c) racine.replaceChild(copier(p, c), enfant(racine, 'collectivite'));
  if (cons) {
    const copie = copier(p, cons);
    for (const sup of enfants(copie, 'suppleant')) copie.removeChild(sup);
    racine.replaceChild(copie, enfant(racine, 'conseillers'));
  }
  if (s) {
    const t = enfant(racine, 'seance-type');
    poserAttr(t, 'heure', s.getAttribute('heure'));
    poserAttr(t, 'publique', s.getAttribute('publique'));
    if (enfant(s, 'lieu')) enfant(t, 'lieu').textContent = enfant(s, 'lieu').textContent;
  }
  return p;
}

/* ---- A table of the annex as tab-separated rows (what a spreadsheet
 * copies), when it is simple enough: no merged cell, no group row, no
 * formatting in its cells. */
function tableauEnTexte(t) {
  const lignes = [];
  let entete = false;
  for (const partie of enfants(t)) {
    if (partie.localName === 'colonne') continue;
    if (partie.localName !== 'entete' && partie.localName !== 'corps') return null;
    for (const l of enfants(partie)) {
      if (l.localName !== 'ligne') return null;
      const cellules = [];
      for (const c of enfants(l)) {
        if (c.firstElementChild || c.hasAttribute('colonnes') || c.hasAttribute('lignes')) return null;
        cellules.push(c.textContent.replace(/[\t\n]/g, ' '));
      }
      lignes.push(cellules.join('\t'));
      if (partie.localName === 'entete') entete = true;
    }
  }
  return { texte: lignes.join('\n'), entete };
}

/* Rewrites table t from tab-separated rows (or, typed, cells separated by |); the first row is the header when
 * entete. Column widths and the font size are kept when the number of
 * columns stays. */
function texteEnTableau(t, texte, entete) {
  const doc = t.ownerDocument;
  const lignes = texte.split(/\r?\n/).filter((l, i, tout) => l !== '' || i < tout.length - 1)
    .map((l) => l.split(l.includes('\t') ? '\t' : '|'));
  while (lignes.length && lignes[lignes.length - 1].every((c) => c === '')) lignes.pop();
  const n = Math.max(1, ...lignes.map((l) => l.length));
  const colonnes = enfants(t, 'colonne');
  const largeurs = colonnes.length === n ? colonnes.map((c) => c.getAttribute('largeur')) : [];
  while (t.firstChild) t.removeChild(t.firstChild);
  for (let i = 0; i < n; i++) t.appendChild(creer(doc, 'colonne', { largeur: largeurs[i] }));
  const ajouter = (partie, cellules) => {
    const l = partie.appendChild(creer(doc, 'ligne'));
    for (let i = 0; i < n; i++) l.appendChild(creer(doc, 'cellule')).textContent = (cellules[i] || '').trim();
  };
  let reste = lignes;
  if (entete && lignes.length) {
    ajouter(t.appendChild(creer(doc, 'entete')), lignes[0]);
    reste = lignes.slice(1);
  }
  const corps = t.appendChild(creer(doc, 'corps'));
  if (!reste.length) reste = [[]];
  for (const l of reste) ajouter(corps, l);
}
