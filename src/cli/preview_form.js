// SPDX-License-Identifier: Apache-2.0
/* The form: built from the deliberation's XML document and writing into it.
 * Every control records the path of the element (and attribute) it shows
 * (chemin() in preview_model.js), so that a diagnostic found at a line and
 * column of the XML is shown beside its control. Part of preview.html. */

const Formulaire = {
  doc: null,          /* the deliberation being written */
  champs: new Map(),  /* path[@attribute] → the control that shows it */
  changement: null,   /* called after each edit: (structure: boolean) */
  suivant: 0,         /* for the controls' ids */
  aFocaliser: null,   /* data-cle of the control to focus after a rebuild */
};

const NATURES = [['DE', 'DE — délibération'], ['AR', 'AR — acte réglementaire'], ['AI', 'AI — acte individuel'],
                 ['CC', 'CC — contrat, convention'], ['BF', 'BF — budgétaire et financier'], ['AU', 'AU — autre']];
const TYPES = [['commune', 'Commune'], ['epci', 'EPCI (communauté)'], ['departement', 'Département'],
               ['region', 'Région'], ['syndicat', 'Syndicat']];
const OUI_NON = [['oui', 'oui'], ['non', 'non']];
const PRESENCES = [['', '— non renseigné'], ['present', 'Présent(e)'], ['distance', 'Présent(e) à distance'],
                   ['pouvoir', 'Excusé(e), a donné pouvoir'], ['excuse', 'Excusé(e)'], ['absent', 'Absent(e)']];
const CHOIX = [['', '—'], ['pour', 'pour'], ['contre', 'contre'], ['abstention', 'abstention'],
               ['ne-prend-pas-part', 'ne prend pas part']];

function h(nom, attrs, ...contenu) {
  const e = document.createElement(nom);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'texte') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of contenu) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function nouvelId() {
  return 'f' + (++Formulaire.suivant);
}

/* Signals an edit: the XML is written again, the preview follows. */
function modifie(structure, focus) {
  if (focus) Formulaire.aFocaliser = focus;
  Formulaire.changement(Boolean(structure));
}

/* A control's data-cle is its first name (focus comes back to it after a
 * rebuild); it may be registered under more (a list's items…). */
function enregistrer(cle, ctl) {
  if (!ctl.dataset.cle) ctl.dataset.cle = cle;
  if (!Formulaire.champs.has(cle)) Formulaire.champs.set(cle, ctl);
}

/* One labelled control. o: libelle, cle, valeur, type (text, date, time,
 * number, textarea, select), options ([value, label]), aide, surSaisie(value),
 * lecture (read only, with why), cache (the label only for screen readers). */
function champ(parent, o) {
  const id = nouvelId();
  let ctl;
  if (o.type === 'select') {
    ctl = h('select', { id });
    for (const [v, t] of o.options) ctl.append(h('option', { value: v, texte: t }));
    ctl.value = o.valeur || '';
    if (ctl.value !== (o.valeur || '') && o.valeur) {
      /* A default written out (urgence="non", orientation="portrait") is
       * the option of that name; another value is shown as it is. */
      const meme = o.options.find(([v, t]) => v === '' && t === o.valeur);
      if (!meme) ctl.append(h('option', { value: o.valeur, texte: o.valeur }));
      ctl.value = meme ? '' : o.valeur;
    }
  } else if (o.type === 'textarea') {
    ctl = h('textarea', { id, rows: o.lignes || 2 });
    ctl.value = o.valeur || '';
  } else {
    ctl = h('input', { id, type: o.type || 'text', autocomplete: 'off' });
    if (o.type === 'number') ctl.min = '0';
    ctl.value = o.valeur || '';
  }
  const aides = [];
  if (o.aide) aides.push(h('p', { class: 'aide', id: id + '-aide', texte: o.aide }));
  if (o.desactive) ctl.disabled = true;
  if (o.lecture) {
    ctl.readOnly = true;
    if (ctl.tagName === 'SELECT') ctl.disabled = true;
    aides.push(h('p', { class: 'aide', id: id + '-lecture', texte: o.lecture }));
  }
  if (aides.length) ctl.setAttribute('aria-describedby', aides.map((a) => a.id).join(' '));
  if (o.surSaisie && !o.lecture)
    ctl.addEventListener(ctl.tagName === 'SELECT' ? 'change' : 'input', () => o.surSaisie(ctl.value, ctl));
  const bloc = h('div', { class: 'champ' + (o.classe ? ' ' + o.classe : '') },
                 h('label', { for: id, class: o.cache ? 'sr' : null, texte: o.libelle }), ctl, ...aides);
  parent.append(bloc);
  if (o.cle) enregistrer(o.cle, ctl);
  return ctl;
}

function racine() {
  return Formulaire.doc.documentElement;
}

/* A field for attribute attr of the element obtenir(create) returns. */
function champAttr(parent, obtenir, attr, o) {
  const e = obtenir(false);
  return champ(parent, Object.assign({}, o, {
    valeur: (e && e.getAttribute(attr)) || o.defaut || '',
    cle: o.chemin + '@' + attr,
    surSaisie: (v) => {
      const el = obtenir(true);
      poserAttr(el, attr, v.trim());
      if (o.apres) o.apres(el);
      modifie(o.structure);
    },
  }));
}

/* A field for the text of the element obtenir(create) returns. */
function champTexte(parent, obtenir, o) {
  const e = obtenir(false);
  const balise = aDuBalisage(e);
  return champ(parent, Object.assign({}, o, {
    type: o.type || 'textarea',
    valeur: e ? e.textContent.replace(/\s+/g, ' ').trim() : '',
    cle: o.chemin,
    lecture: balise ? 'Ce texte est mis en forme (gras, italique…)\u00a0: modifiez-le dans la vue XML.' : null,
    surSaisie: (v) => {
      poserTexte(obtenir(true), v);
      modifie(false);
    },
  }));
}

function fieldset(parent, titre, id) {
  const f = h('fieldset', { id }, h('legend', { texte: titre }));
  parent.append(f);
  return f;
}

function nomMembre(c) {
  return (c.getAttribute('civilite') || '') + ' ' + (c.getAttribute('prenom') || '') + ' ' + (c.getAttribute('nom') || '');
}

function membres() {
  return enfants(enfant(racine(), 'conseillers'), 'conseiller');
}

/* Substitute delegates (EPCI, syndicat): listed present, or not at all. */
function suppleants() {
  return enfants(enfant(racine(), 'conseillers'), 'suppleant');
}

function optionsMembres(vide) {
  const r = [['', vide || '— choisir']];
  for (const c of membres()) r.push([c.getAttribute('id'), nomMembre(c).trim() + (c.getAttribute('fonction') ? ', ' + c.getAttribute('fonction') : '')]);
  return r;
}

/* A child of the root, optional: obtenir(create). */
function sousRacine(nom) {
  return (creer) => (creer ? assurer(racine(), nom) : enfant(racine(), nom));
}

/* Removes e when it has neither attribute nor child left. */
function retirerSiVide(e) {
  if (e && e.parentNode && !e.attributes.length && !e.firstElementChild && !e.textContent.trim())
    e.parentNode.removeChild(e);
}

/* ---- Ordered lists (visas, considérants, articles, paragraphs…): each
 * item with its buttons to move it up, down, or remove it. */
function listeOrdonnee(parent, o) {
  /* o: obtenir(create) → the container; nom: item element; libelle(i);
   * ajout: button text; rendre(li, item, i) fills one item; creerItem(). */
  const conteneur = o.obtenir(false);
  const items = conteneur ? enfants(conteneur).filter((e) => !o.noms || o.noms.includes(e.localName)) : [];
  const ol = h('ol', { class: 'items' });
  const cleAjout = (o.cleAjout || 'ajout-' + o.ajout);
  items.forEach((item, i) => {
    const li = h('li');
    o.rendre(li, item, i);
    const cleItem = chemin(item);
    const bouton = (texte, action, actif, suffixe) =>
      h('button', { type: 'button', class: 'petit', disabled: !actif, 'data-cle': cleItem + suffixe,
                    'aria-label': texte + '\u00a0: ' + o.libelle(i).toLowerCase(), texte, onclick: action });
    const deplacer = (delta) => () => {
      const autre = items[i + delta];
      if (delta < 0) conteneur.insertBefore(item, autre);
      else conteneur.insertBefore(autre, item);
      modifie(true, chemin(item) + (delta < 0 ? '#monter' : '#descendre'));
    };
    li.append(h('div', { class: 'boutons' },
      bouton('Monter', deplacer(-1), i > 0, '#monter'),
      bouton('Descendre', deplacer(1), i < items.length - 1, '#descendre'),
      bouton('Supprimer', () => {
        conteneur.removeChild(item);
        if (o.retirerVide && !conteneur.firstElementChild) conteneur.parentNode.removeChild(conteneur);
        /* The focus goes to the item that took its place, else to the add button. */
        const suivant = items[i + 1] || items[i - 1];
        modifie(true, suivant && suivant !== item ? chemin(suivant) + '#supprimer' : o.focusApresSuppression || cleAjout);
      }, true, '#supprimer')));
    ol.append(li);
  });
  if (items.length) parent.append(ol);
  parent.append(h('button', { type: 'button', class: 'ajout', 'data-cle': cleAjout, texte: o.ajout, onclick: () => {
    const c = o.obtenir(true);
    const item = c.appendChild(o.creerItem(Formulaire.doc));
    modifie(true, o.focusApresAjout ? o.focusApresAjout(item) : chemin(item));
  } }));
}

/* A list of inline-text items (visa, considerant, article, para). */
function listeDeTextes(parent, obtenir, nom, libelle, ajout, retirerVide) {
  listeOrdonnee(parent, {
    obtenir, noms: [nom], ajout, retirerVide,
    libelle: (i) => libelle + ' ' + (i + 1),
    rendre: (li, item, i) => champTexte(li, () => item, { libelle: libelle + ' ' + (i + 1), chemin: chemin(item) }),
    creerItem: (doc) => creer(doc, nom),
  });
}

/* ---- The sections of the form. */

function sectionDocument(f) {
  const r = () => racine();
  champAttr(f, r, 'numero', { libelle: 'Numéro de la délibération', chemin: chemin(racine()),
    aide: 'La date de la séance puis le numéro d\u2019ordre, par exemple 2023-03-16-4.' });
  champAttr(f, r, 'nature', { libelle: 'Nature de l\u2019acte', chemin: chemin(racine()), type: 'select', options: NATURES });
  champAttr(f, r, 'statut', { libelle: 'Statut', chemin: chemin(racine()), type: 'select', structure: true, defaut: 'definitif',
    options: [['projet', 'Projet (avant la séance)'], ['definitif', 'Acte définitif (après la séance)']],
    aide: 'Un projet est imprimé avec la mention «\u00a0PROJET\u00a0»\u00a0; l\u2019acte définitif demande les présences et le vote.' });
}

function sectionCollectivite(f) {
  const c = (creer) => (creer ? assurer(racine(), 'collectivite') : enfant(racine(), 'collectivite'));
  const p = chemin(racine()) + '/collectivite[1]';
  champAttr(f, c, 'type', { libelle: 'Type de collectivité', chemin: p, type: 'select', options: TYPES, structure: true });
  champTexte(f, (x) => (x ? assurer(c(true), 'nom') : enfant(c(false), 'nom')), { libelle: 'Nom de la collectivité', type: 'text', chemin: p + '/nom[1]' });
  champTexte(f, (x) => (x ? assurer(c(true), 'organe') : enfant(c(false), 'organe')), { libelle: 'Assemblée', type: 'text', chemin: p + '/organe[1]',
    aide: 'Par exemple «\u00a0Conseil municipal\u00a0».' });
  champAttr(f, c, 'siren', { libelle: 'SIREN', chemin: p, aide: '9 chiffres.' });
  champAttr(f, c, 'departement', { libelle: 'Département', chemin: p, aide: 'Par exemple 76, 2A.' });
  champAttr(f, c, 'population', { libelle: 'Population', chemin: p, type: 'number' });
  const type = c(false) ? c(false).getAttribute('type') : '';
  if (type === 'epci' || type === 'syndicat')
    champAttr(f, c, 'plus-grande-commune', { libelle: 'Population de la plus grande commune membre', chemin: p, type: 'number',
      aide: 'Elle décide des règles de convocation (CGCT L5211-1)\u00a0; à défaut, la population de l\u2019établissement.' });
  const n = membres().length;
  f.append(h('p', { class: 'aide', texte: n + ' conseiller' + (n > 1 ? 's' : '') + ' en exercice, repris du profil de la collectivité.' }));
}

function sectionSeance(f) {
  const s = (creer) => (creer ? assurer(racine(), 'seance') : enfant(racine(), 'seance'));
  const p = chemin(racine()) + '/seance[1]';
  champAttr(f, s, 'date', { libelle: 'Date de la séance', chemin: p, type: 'date' });
  champAttr(f, s, 'heure', { libelle: 'Heure', chemin: p, type: 'time' });
  champTexte(f, (x) => (x ? assurer(s(true), 'lieu') : enfant(s(false), 'lieu')), { libelle: 'Lieu', type: 'text', chemin: p + '/lieu[1]',
    aide: 'Tel qu\u2019imprimé après la date, par exemple «\u00a0à la mairie\u00a0».' });
  champAttr(f, s, 'publique', { libelle: 'Séance publique', chemin: p, type: 'select', options: OUI_NON });
  champAttr(f, s, 'urgence', { libelle: 'Convocation en urgence', chemin: p, type: 'select', options: [['', 'non'], ['oui', 'oui']] });
  champAttr(f, s, 'convocation', { libelle: 'Date de la convocation', chemin: p, type: 'date',
    aide: 'Facultative dans un projet, exigée dans l\u2019acte.' });
  champAttr(f, s, 'seance-sans-quorum', { libelle: 'Seconde convocation\u00a0: date de la séance sans quorum', chemin: p, type: 'date',
    aide: 'Seulement si cette séance suit une séance où le quorum n\u2019a pas été atteint (CGCT L2121-17).' });
  champAttr(f, s, 'urgence-reconnue', { libelle: 'Urgence reconnue par l\u2019assemblée', chemin: p, type: 'select',
    options: [['', '— sans objet'], ['oui', 'oui'], ['non', 'non (affaire renvoyée)']] });
}

function sectionObjet(f) {
  const d = chemin(racine());
  champTexte(f, (x) => (x ? assurer(racine(), 'objet') : enfant(racine(), 'objet')),
             { libelle: 'Objet', chemin: d + '/objet[1]', lignes: 2 });
  champAttr(f, sousRacine('rapporteur'), 'ref', { libelle: 'Rapporteur', chemin: d + '/rapporteur[1]', type: 'select',
    options: optionsMembres('— aucun'), apres: retirerSiVide });
  const e = h('div', { class: 'groupe' }, h('h3', { texte: 'Exposé des motifs' }));
  f.append(e);
  listeDeTextes(e, sousRacine('expose'), 'para', 'Paragraphe de l\u2019exposé', 'Ajouter un paragraphe à l\u2019exposé', true);
}

function sectionListe(f, conteneur, nom, libelle, ajout, facultatif) {
  listeDeTextes(f, sousRacine(conteneur), nom, libelle, ajout, facultatif);
}

/* ---- The annex: sections of paragraphs, lists, tables and sub-headings. */

function blocAnnexe(li, b, i) {
  const p = chemin(b);
  switch (b.localName) {
  case 'para':
    champTexte(li, () => b, { libelle: 'Paragraphe ' + (i + 1), chemin: p, lignes: 3 });
    break;
  case 'titre':
    champAttr(li, () => b, 'niveau', { libelle: 'Niveau de l\u2019intertitre ' + (i + 1), chemin: p, type: 'select',
      options: [['2', '2'], ['3', '3']] });
    champTexte(li, () => b, { libelle: 'Intertitre ' + (i + 1), chemin: p, type: 'text' });
    break;
  case 'liste': {
    champAttr(li, () => b, 'marqueur', { libelle: 'Marque des éléments de la liste ' + (i + 1), chemin: p,
      aide: 'Le signe imprimé devant chaque élément (–, •, ✓) ou «\u00a0numero\u00a0» pour 1., 2., 3.' });
    const simple = enfants(b).every((it) => it.localName === 'item' && !it.firstElementChild);
    const ctl = champ(li, { libelle: 'Éléments de la liste ' + (i + 1) + ' (un par ligne)', type: 'textarea', lignes: 4,
      cle: p, valeur: enfants(b, 'item').map((it) => it.textContent.replace(/\s+/g, ' ').trim()).join('\n'),
      lecture: simple ? null : 'Cette liste contient des sous-listes ou une mise en forme\u00a0: modifiez-la dans la vue XML.',
      surSaisie: (v) => {
        while (b.firstChild) b.removeChild(b.firstChild);
        const lignes = v.split('\n').filter((l) => l.trim());
        for (const l of (lignes.length ? lignes : [''])) b.appendChild(creer(b.ownerDocument, 'item')).textContent = l.trim();
        modifie(false);
      } });
    enfants(b, 'item').forEach((it, k) => enregistrer(chemin(it), ctl));
    break;
  }
  case 'tableau': {
    const t = tableauEnTexte(b);
    const cocher = h('input', { type: 'checkbox', id: nouvelId(), 'data-cle': p + '#entete' });
    cocher.checked = t ? t.entete : false;
    const ctl = champ(li, { libelle: 'Tableau ' + (i + 1) + ' (une ligne par rangée)',
      type: 'textarea', lignes: 5, cle: p, classe: 'tableau', valeur: t ? t.texte : '',
      aide: t ? 'Collez des cellules copiées d\u2019un tableur, ou séparez les colonnes par «\u00a0|\u00a0».' : null,
      lecture: t ? null : 'Ce tableau a des cellules fusionnées, des groupes ou une mise en forme\u00a0: modifiez-le dans la vue XML.',
      surSaisie: (v) => {
        texteEnTableau(b, v, cocher.checked);
        modifie(false);
      } });
    if (t) {
      cocher.addEventListener('change', () => {
        texteEnTableau(b, ctl.value, cocher.checked);
        modifie(false);
      });
      li.append(h('div', { class: 'champ case' }, cocher, h('label', { for: cocher.id, texte: 'La première rangée du tableau ' + (i + 1) + ' est son en-tête' })));
    }
    for (const c of b.getElementsByTagName('*')) enregistrer(chemin(c), ctl);
    break;
  }
  default:
    li.append(h('p', { class: 'aide', texte: 'Élément «\u00a0' + b.localName + '\u00a0» (' + (i + 1) + ')\u00a0: à modifier dans la vue XML.' }));
    enregistrer(p, li.appendChild(h('span', { tabindex: '-1', class: 'sr', texte: 'Élément ' + b.localName })));
  }
}

function sectionAnnexe(f) {
  const a = enfant(racine(), 'annexe');
  if (!a) {
    f.append(h('button', { type: 'button', class: 'ajout', 'data-cle': 'ajout-annexe', texte: 'Ajouter une annexe', onclick: () => {
      const an = assurer(racine(), 'annexe');
      an.appendChild(creer(Formulaire.doc, 'section', { numero: '1' }));
      modifie(true, chemin(an) + '@titre');
    } }));
    return;
  }
  champAttr(f, () => a, 'titre', { libelle: 'Titre de l\u2019annexe', chemin: chemin(a) });
  listeOrdonnee(f, {
    obtenir: () => a, noms: ['section'], ajout: 'Ajouter une section à l\u2019annexe', retirerVide: true,
    focusApresSuppression: 'ajout-annexe',
    libelle: (i) => 'Section ' + (i + 1) + ' de l\u2019annexe',
    creerItem: (doc) => creer(doc, 'section', { numero: String(enfants(a, 'section').length + 1) }),
    focusApresAjout: (s) => chemin(s) + '@titre',
    rendre: (li, s, i) => {
      const g = h('div', { class: 'groupe' }, h('h3', { texte: 'Section ' + (i + 1) }));
      li.append(g);
      champAttr(g, () => s, 'numero', { libelle: 'Numéro de la section ' + (i + 1), chemin: chemin(s) });
      champAttr(g, () => s, 'titre', { libelle: 'Titre de la section ' + (i + 1), chemin: chemin(s) });
      champAttr(g, () => s, 'orientation', { libelle: 'Orientation des pages de la section ' + (i + 1), chemin: chemin(s),
        type: 'select', options: [['', 'portrait'], ['paysage', 'paysage']] });
      listeOrdonnee(g, {
        obtenir: () => s, ajout: 'Ajouter un paragraphe', cleAjout: chemin(s) + '#ajout-para',
        libelle: (k) => 'Bloc ' + (k + 1) + ' de la section ' + (i + 1),
        rendre: blocAnnexe, creerItem: (doc) => creer(doc, 'para'),
      });
      const ajouter = (texte, fabriquer, suffixe) => g.append(h('button', { type: 'button', class: 'ajout',
        'data-cle': chemin(s) + suffixe, texte, onclick: () => {
          const b = s.appendChild(fabriquer(Formulaire.doc));
          modifie(true, chemin(b));
        } }));
      ajouter('Ajouter une liste', (doc) => {
        const l = creer(doc, 'liste', { marqueur: '–' });
        l.appendChild(creer(doc, 'item'));
        return l;
      }, '#ajout-liste');
      ajouter('Ajouter un tableau', (doc) => {
        const t = creer(doc, 'tableau');
        texteEnTableau(t, '', false);
        return t;
      }, '#ajout-tableau');
      ajouter('Ajouter un intertitre', (doc) => creer(doc, 'titre', { niveau: '2' }), '#ajout-titre');
    },
  });
}

/* ---- After the séance: attendance, president, secretary, vote, signatory,
 * executory facts. */

function etatsPresence() {
  const etats = new Map(), pouvoirs = new Map();
  const p = enfant(racine(), 'presences');
  for (const e of enfants(p)) {
    if (e.localName === 'present') etats.set(e.getAttribute('ref'), e.getAttribute('a-distance') === 'oui' ? 'distance' : 'present');
    else if (e.localName === 'pouvoir') {
      etats.set(e.getAttribute('de'), 'pouvoir');
      pouvoirs.set(e.getAttribute('de'), e.getAttribute('a'));
    } else if (e.localName === 'excuse' || e.localName === 'absent') etats.set(e.getAttribute('ref'), e.localName);
  }
  return { etats, pouvoirs };
}

/* Writes <presences> again from the members' states, in the members' order;
 * arrivals and departures are kept. */
function ecrirePresences(etats, pouvoirs) {
  const doc = Formulaire.doc;
  const ancien = enfant(racine(), 'presences');
  const mouvements = enfants(ancien).filter((e) => e.localName === 'arrivee' || e.localName === 'depart');
  if (ancien) racine().removeChild(ancien);
  if (![...etats.values()].some(Boolean) && !mouvements.length) return;
  const p = insererRange(racine(), creer(doc, 'presences'));
  let presents = 0;
  for (const sorte of ['present', 'pouvoir', 'excuse', 'absent'])
    for (const c of membres()) {
      const id = c.getAttribute('id'), etat = etats.get(id);
      if (sorte === 'present' && (etat === 'present' || etat === 'distance')) {
        p.appendChild(creer(doc, 'present', { ref: id, 'a-distance': etat === 'distance' ? 'oui' : null }));
        presents++;
      } else if (sorte === 'pouvoir' && etat === 'pouvoir') {
        p.appendChild(creer(doc, 'pouvoir', { de: id, a: pouvoirs.get(id) || '' }));
      } else if (sorte === etat && (sorte === 'excuse' || sorte === 'absent')) {
        p.appendChild(creer(doc, sorte, { ref: id }));
      }
    }
  const dernierPresent = enfants(p, 'present').pop();
  let avant = dernierPresent ? dernierPresent.nextSibling : p.firstChild;
  for (const c of suppleants()) {
    const id = c.getAttribute('id'), etat = etats.get(id);
    if (etat !== 'present' && etat !== 'distance') continue;
    p.insertBefore(creer(doc, 'present', { ref: id, 'a-distance': etat === 'distance' ? 'oui' : null }), avant);
    presents++;
  }
  for (const m of mouvements) p.appendChild(m);
  p.setAttribute('presents-ouverture', String(presents));
}

function sectionPresences(f) {
  const { etats, pouvoirs } = etatsPresence();
  const pres = enfant(racine(), 'presences');
  const cheminP = chemin(racine()) + '/presences[1]';
  const table = h('table', { class: 'presences' },
    h('caption', { class: 'sr', texte: 'Présence de chaque conseiller' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', texte: 'Conseiller' }), h('th', { scope: 'col', texte: 'Présence' }),
                    h('th', { scope: 'col', texte: 'Pouvoir donné à' }))));
  const corps = h('tbody');
  table.append(corps);
  const rangs = new Map();
  if (pres) for (const e of enfants(pres)) {
    const ref = e.getAttribute('ref') || e.getAttribute('de');
    if (ref && !rangs.has(ref)) rangs.set(ref, chemin(e));
  }
  for (const c of membres()) {
    const id = c.getAttribute('id');
    const tr = h('tr');
    const nom = nomMembre(c).trim();
    tr.append(h('th', { scope: 'row', texte: nom }));
    const td1 = h('td'), td2 = h('td');
    const etat = champ(td1, { libelle: 'Présence de ' + nom, type: 'select', options: PRESENCES, valeur: etats.get(id) || '',
      cache: true, cle: 'presence#' + id, surSaisie: (v) => {
        etats.set(id, v);
        if (v !== 'pouvoir') pouvoirs.delete(id);
        ecrirePresences(etats, pouvoirs);
        modifie(true, 'presence#' + id);
      } });
    if (rangs.has(id)) enregistrer(rangs.get(id), etat);
    const autres = optionsMembres('— personne').filter(([v]) => v !== id);
    const pv = champ(td2, { libelle: 'Pouvoir donné par ' + nom + ' à', type: 'select', options: autres, cache: true,
      valeur: pouvoirs.get(id) || '', cle: 'pouvoir#' + id,
      desactive: etats.get(id) !== 'pouvoir',
      surSaisie: (v) => {
        pouvoirs.set(id, v);
        ecrirePresences(etats, pouvoirs);
        modifie(false);
      } });
    if (rangs.has(id)) enregistrer(rangs.get(id) + '@a', pv);
    tr.append(td1, td2);
    corps.append(tr);
  }
  for (const c of suppleants()) {
    const id = c.getAttribute('id');
    const titulaire = membres().find((m) => m.getAttribute('id') === c.getAttribute('titulaire'));
    const nom = nomMembre(c).trim() + ', ' + (c.getAttribute('civilite') === 'Mme' ? 'suppléante' : 'suppléant')
              + (titulaire ? ' de ' + nomMembre(titulaire).trim() : '');
    const td1 = h('td');
    const etat = champ(td1, { libelle: 'Présence de ' + nom, type: 'select', valeur: etats.get(id) || '', cache: true,
      options: [['', '— ne siège pas'], ['present', 'Présent(e), siège'], ['distance', 'Présent(e) à distance, siège']],
      cle: 'presence#' + id, surSaisie: (v) => {
        etats.set(id, v);
        ecrirePresences(etats, pouvoirs);
        modifie(true, 'presence#' + id);
      } });
    if (rangs.has(id)) enregistrer(rangs.get(id), etat);
    corps.append(h('tr', {}, h('th', { scope: 'row', texte: nom }), td1, h('td')));
  }
  f.append(h('div', { class: 'boutons' }, h('button', { type: 'button', class: 'petit', 'data-cle': 'tous-presents',
    texte: 'Marquer tous les conseillers non renseignés présents', onclick: () => {
      for (const c of membres()) if (!etats.get(c.getAttribute('id'))) etats.set(c.getAttribute('id'), 'present');
      ecrirePresences(etats, pouvoirs);
      modifie(true, 'tous-presents');
    } })));
  f.append(h('p', { class: 'aide', texte: 'Le pouvoir se choisit une fois le conseiller marqué «\u00a0Excusé(e), a donné pouvoir\u00a0».' }));
  f.append(h('div', { class: 'defile' }, table));
  if (pres) enregistrer(cheminP, table.querySelector('select'));
  const n = [...etats.values()].filter((v) => v === 'present' || v === 'distance').length;
  f.append(h('p', { class: 'aide', texte: 'Présents à l\u2019ouverture\u00a0: ' + n + ' (calculé).' }));
  if (pres) {
    const t = table.querySelector('select');
    if (t) enregistrer(cheminP + '@presents-ouverture', t);
  }
  sectionMouvements(f);
}

function sectionMouvements(f) {
  const g = h('div', { class: 'groupe' }, h('h3', { texte: 'Arrivées et départs pendant la séance' }));
  f.append(g);
  const presences = (creer) => (creer ? assurer(racine(), 'presences') : enfant(racine(), 'presences'));
  listeOrdonnee(g, {
    obtenir: (creer) => {
      const p = presences(creer);
      if (p && !p.hasAttribute('presents-ouverture')) p.setAttribute('presents-ouverture', '0');
      return p;
    },
    noms: ['arrivee', 'depart'], ajout: 'Ajouter une arrivée ou un départ',
    libelle: (i) => 'Mouvement ' + (i + 1),
    creerItem: (doc) => creer(doc, 'arrivee', { avant: racine().getAttribute('numero') }),
    rendre: (li, m, i) => {
      const p = chemin(m);
      champ(li, { libelle: 'Mouvement ' + (i + 1), type: 'select', valeur: m.localName, cle: p + '#sorte',
        options: [['arrivee', 'Arrivée'], ['depart', 'Départ']], surSaisie: (v) => {
          const n = creer(Formulaire.doc, v);
          for (const a of ['ref', 'heure', 'avant']) poserAttr(n, a, m.getAttribute(a));
          m.parentNode.replaceChild(n, m);
          modifie(true, chemin(n) + '#sorte');
        } });
      champAttr(li, () => m, 'ref', { libelle: 'Conseiller (mouvement ' + (i + 1) + ')', chemin: p, type: 'select', options: optionsMembres() });
      champAttr(li, () => m, 'heure', { libelle: 'Heure (mouvement ' + (i + 1) + ')', chemin: p, type: 'time' });
      champAttr(li, () => m, 'avant', { libelle: 'Avant le vote de la délibération n° (mouvement ' + (i + 1) + ')', chemin: p });
      if (m.localName === 'arrivee')
        champAttr(li, () => m, 'a-distance', { libelle: 'Arrivée à distance (mouvement ' + (i + 1) + ')', chemin: p, type: 'select',
          options: [['', 'non'], ['oui', 'oui']] });
      if (m.localName === 'depart')
        champAttr(li, () => m, 'pouvoir-a', { libelle: 'Pouvoir donné en partant à (mouvement ' + (i + 1) + ')', chemin: p,
          type: 'select', options: optionsMembres('— personne') });
    },
  });
}

function sectionRoles(f) {
  const d = chemin(racine());
  champAttr(f, sousRacine('president'), 'ref', { libelle: 'Président(e) de séance', chemin: d + '/president[1]', type: 'select',
    options: optionsMembres('— non renseigné'), apres: retirerSiVide });
  const sec = enfant(racine(), 'secretaire');
  if (sec && !sec.hasAttribute('ref') && sec.attributes.length)
    f.append(h('p', { class: 'aide', texte: 'Secrétaire non élu (Alsace-Moselle)\u00a0: à modifier dans la vue XML.' }));
  else
    champAttr(f, sousRacine('secretaire'), 'ref', { libelle: 'Secrétaire de séance', chemin: d + '/secretaire[1]', type: 'select',
      options: optionsMembres('— non renseigné'), apres: retirerSiVide });
}

/* The members who vote: present or represented at the vote (after the
 * arrivals and departures), in the order of the list. The finer points (a
 * proxy whose holder left is not used) are the validator's: vote.total. */
function votants() {
  const { etats } = etatsPresence();
  for (const m of enfants(enfant(racine(), 'presences'))) {
    if (m.localName === 'arrivee') etats.set(m.getAttribute('ref'), 'present');
    else if (m.localName === 'depart') etats.set(m.getAttribute('ref'), m.getAttribute('pouvoir-a') ? 'pouvoir' : 'parti');
  }
  return membres().concat(suppleants()).filter((c) => ['present', 'distance', 'pouvoir'].includes(etats.get(c.getAttribute('id'))));
}

function sectionVote(f) {
  const d = chemin(racine()) + '/vote[1]';
  const vote = (creer) => {
    let v = enfant(racine(), 'vote');
    if (!v && creer) {
      v = assurer(racine(), 'vote');
      poserAttr(v, 'scrutin', 'main-levee');
    }
    return v;
  };
  const apres = (v) => {
    if (![...v.attributes].some((a) => a.name !== 'scrutin') && !v.firstElementChild) v.parentNode.removeChild(v);
  };
  champAttr(f, vote, 'scrutin', { libelle: 'Scrutin', chemin: d, type: 'select',
    options: [['main-levee', 'à main levée'], ['public', 'public (votants nommés)'], ['secret', 'secret']], structure: true });
  const g = h('div', { class: 'ligne-champs' });
  f.append(g);
  for (const [a, l] of [['pour', 'Pour'], ['contre', 'Contre'], ['abstentions', 'Abstentions'], ['ne-prend-pas-part', 'Ne prennent pas part']])
    champAttr(g, vote, a, { libelle: l, chemin: d, type: 'number', apres });
  champAttr(f, vote, 'resultat', { libelle: 'Résultat', chemin: d, type: 'select',
    options: [['', '— non renseigné'], ['adopte', 'adoptée'], ['rejete', 'rejetée']], apres });
  champAttr(f, vote, 'mention', { libelle: 'Mention relevée en séance (facultative)', chemin: d, type: 'select',
    options: [['', '— aucune'], ['unanimite', 'à l\u2019unanimité'], ['unanimite-suffrages-exprimes', 'à l\u2019unanimité des suffrages exprimés'],
              ['majorite', 'à la majorité']], apres });
  champAttr(f, vote, 'voix-preponderante', { libelle: 'Vote du président en cas de partage des voix (facultatif)', chemin: d,
    type: 'select', options: [['', '— non précisé'], ['pour', 'pour'], ['contre', 'contre']], apres,
    aide: 'À préciser quand la liste des votants ne le donne pas\u00a0; prépondérant sauf au scrutin secret (CGCT L2121-20).' });
  sectionInteresses(f, vote);
  const n = votants().length;
  f.append(h('div', { class: 'boutons' }, h('button', { type: 'button', class: 'petit', 'data-cle': 'unanimite',
    texte: 'Tous les votants pour (' + n + ')', onclick: () => {
      const v = vote(true);
      for (const [a, x] of [['pour', n], ['contre', 0], ['abstentions', 0], ['ne-prend-pas-part', 0]]) poserAttr(v, a, String(x));
      poserAttr(v, 'resultat', 'adopte');
      modifie(true, 'unanimite');
    } })));
  const v = vote(false);
  if (v && v.getAttribute('scrutin') === 'public') sectionVotants(f, v);
}

/* The members interested in the affair, who take no part in the vote
 * (CGCT L2131-11): one check box per member. */
function sectionInteresses(f, vote) {
  const v = vote(false);
  const interesses = new Set(enfants(v, 'interesse').map((e) => e.getAttribute('ref')));
  const g = h('fieldset', { class: 'cases' }, h('legend', { texte: 'Conseillers intéressés à l\u2019affaire (ne prennent pas part au vote)' }));
  f.append(g);
  for (const c of membres()) {
    const id = c.getAttribute('id'), cle = 'interesse#' + id;
    const boite = h('input', { type: 'checkbox', id: nouvelId() });
    boite.checked = interesses.has(id);
    enregistrer(cle, boite);
    const e = enfants(v, 'interesse').find((x) => x.getAttribute('ref') === id);
    if (e) enregistrer(chemin(e), boite);
    boite.addEventListener('change', () => {
      const el = vote(true);
      for (const x of enfants(el, 'interesse')) el.removeChild(x);
      if (boite.checked) interesses.add(id);
      else interesses.delete(id);
      const premier = el.firstElementChild;
      for (const m of membres())
        if (interesses.has(m.getAttribute('id'))) el.insertBefore(creer(el.ownerDocument, 'interesse', { ref: m.getAttribute('id') }), premier);
      modifie(true, cle);
    });
    g.append(h('div', { class: 'champ case' }, boite, h('label', { for: boite.id, texte: nomMembre(c).trim() })));
  }
}

/* Each voter's choice (public ballot); when every voter has one, the
 * figures and the outcome follow. */
function sectionVotants(f, v) {
  const choix = new Map(enfants(v, 'votant').map((e) => [e.getAttribute('ref'), e.getAttribute('choix')]));
  const g = h('div', { class: 'groupe' }, h('h3', { texte: 'Vote de chaque conseiller (scrutin public)' }));
  f.append(g);
  const liste = votants();
  for (const c of liste) {
    const id = c.getAttribute('id');
    const ctl = champ(g, { libelle: 'Vote de ' + nomMembre(c).trim(), type: 'select', options: CHOIX, valeur: choix.get(id) || '',
      cle: 'votant#' + id, classe: 'compact', surSaisie: (x) => {
        choix.set(id, x);
        for (const e of enfants(v, 'votant')) v.removeChild(e);
        for (const m of liste) if (choix.get(m.getAttribute('id')))
          v.appendChild(creer(v.ownerDocument, 'votant', { ref: m.getAttribute('id'), choix: choix.get(m.getAttribute('id')) }));
        if (liste.every((m) => choix.get(m.getAttribute('id')))) {
          const compte = (s) => String(liste.filter((m) => choix.get(m.getAttribute('id')) === s).length);
          poserAttr(v, 'pour', compte('pour'));
          poserAttr(v, 'contre', compte('contre'));
          poserAttr(v, 'abstentions', compte('abstention'));
          poserAttr(v, 'ne-prend-pas-part', compte('ne-prend-pas-part'));
          poserAttr(v, 'resultat', Number(compte('pour')) > Number(compte('contre')) ? 'adopte' : 'rejete');
        }
        modifie(true, 'votant#' + id);
      } });
    const e = enfants(v, 'votant').find((x) => x.getAttribute('ref') === id);
    if (e) enregistrer(chemin(e), ctl);
  }
}

function sectionApres(f) {
  const d = chemin(racine());
  champAttr(f, sousRacine('signataire'), 'ref', { libelle: 'Signataire', chemin: d + '/signataire[1]', type: 'select',
    options: optionsMembres('— non renseigné'), apres: retirerSiVide });
  champAttr(f, sousRacine('signataire'), 'fonction', { libelle: 'Qualité du signataire', chemin: d + '/signataire[1]',
    aide: 'Par exemple «\u00a0Maire\u00a0»\u00a0; par défaut, la fonction du conseiller.', apres: retirerSiVide });
  const ex = sousRacine('executoire');
  const p = d + '/executoire[1]';
  champAttr(f, ex, 'reception-prefecture', { libelle: 'Reçu en préfecture le', chemin: p, type: 'date', apres: retirerSiVide });
  champAttr(f, ex, 'identifiant', { libelle: 'Identifiant de télétransmission (ACTES)', chemin: p, apres: retirerSiVide,
    aide: 'Par exemple 76-217605757-20211014-lmc123683-DE-1-1.' });
  champAttr(f, ex, 'affichage', { libelle: 'Affiché le (séances avant le 1er juillet 2022)', chemin: p, type: 'date', apres: retirerSiVide });
  champAttr(f, ex, 'publication', { libelle: 'Publié le (acte réglementaire, depuis le 1er juillet 2022)', chemin: p, type: 'date', apres: retirerSiVide });
  champAttr(f, ex, 'notification', { libelle: 'Notifié le (acte individuel, depuis le 1er juillet 2022)', chemin: p, type: 'date', apres: retirerSiVide });
}

/* Builds the whole form for the current document into conteneur; the
 * control named by Formulaire.aFocaliser gets the focus back. */
function construireFormulaire(conteneur) {
  /* Without a control named to focus, the one that had the focus keeps it. */
  const actif = document.activeElement;
  if (!Formulaire.aFocaliser && actif && conteneur.contains(actif) && actif.dataset.cle)
    Formulaire.aFocaliser = actif.dataset.cle;
  Formulaire.champs = new Map();
  const racineForm = h('div');
  const d = Formulaire.doc.documentElement;
  if (d.localName !== 'deliberation' || d.namespaceURI !== NS) {
    racineForm.append(h('p', { class: 'aide', texte: 'Ce document n\u2019est pas une délibération (racine «\u00a0' + d.localName + '\u00a0»)\u00a0: utilisez la vue XML.' }));
    conteneur.replaceChildren(racineForm);
    return;
  }
  sectionDocument(fieldset(racineForm, 'Délibération', 'f-document'));
  sectionCollectivite(fieldset(racineForm, 'Collectivité', 'f-collectivite'));
  sectionSeance(fieldset(racineForm, 'Séance', 'f-seance'));
  sectionObjet(fieldset(racineForm, 'Objet et exposé', 'f-objet'));
  sectionListe(fieldset(racineForm, 'Visas («\u00a0Vu\u00a0»)', 'f-visas'), 'visas', 'visa', 'Visa', 'Ajouter un visa', false);
  sectionListe(fieldset(racineForm, 'Considérants', 'f-considerants'), 'considerants', 'considerant', 'Considérant', 'Ajouter un considérant', true);
  sectionListe(fieldset(racineForm, 'Décision (articles)', 'f-decision'), 'decision', 'article', 'Article', 'Ajouter un article', false);
  sectionAnnexe(fieldset(racineForm, 'Annexe', 'f-annexe'));
  /* statut absent: definitif, the schema's default */
  const projet = racine().getAttribute('statut') === 'projet';
  const fa = fieldset(racineForm, 'Après la séance', 'f-apres');
  if (projet) {
    fa.append(h('p', { class: 'aide', texte: 'Présences, vote et caractère exécutoire se remplissent une fois la séance tenue\u00a0: passez le statut à «\u00a0Acte définitif\u00a0».' }));
  } else {
    const g1 = h('div', { class: 'groupe' }, h('h3', { texte: 'Présences' }));
    fa.append(g1);
    sectionPresences(g1);
    sectionRoles(fa);
    const g2 = h('div', { class: 'groupe' }, h('h3', { texte: 'Vote' }));
    fa.append(g2);
    sectionVote(g2);
    const g3 = h('div', { class: 'groupe' }, h('h3', { texte: 'Signature et caractère exécutoire' }));
    fa.append(g3);
    sectionApres(g3);
  }
  conteneur.replaceChildren(racineForm);
  if (Formulaire.aFocaliser) {
    const cible = conteneur.querySelector('[data-cle="' + CSS.escape(Formulaire.aFocaliser) + '"]');
    Formulaire.aFocaliser = null;
    if (cible) {
      if (cible.disabled) {
        const li = cible.closest('li');
        const autre = li && li.querySelector('button:not([disabled])');
        if (autre) autre.focus();
      } else cible.focus();
    }
  }
}
