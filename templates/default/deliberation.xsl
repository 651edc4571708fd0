<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!--
  Default template: a deliberation (domain vocabulary) to the layout vocabulary.

  Output: the extract of the register (its own page sequence, numbered apart,
  counter "extrait"), then the annexed report, if any (counter "annexe"), on
  portrait pages, or landscape pages for the sections marked paysage.
  The visual design follows shared/peers/seed.fo (DejaVu Sans 10 pt).

  Sentences in French wording come from the C extension functions of
  urn:delib:fn (numbers and years in words, dates, civility, plurals, vote
  wording): XSLT 1.0 does these badly, and every template must agree on them.
  Everything else written here is this collectivity's wording.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">

  <!-- The engine reads the result tree, not its serialisation; no
       indentation so that no whitespace slips into mixed content. -->
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Element-only containers of the domain vocabulary: their whitespace
       is layout of the source file, not text. Elements with inline
       content (para, item, cellule, visa, …) keep theirs. -->
  <xsl:strip-space elements="d:deliberation d:collectivite d:seance d:conseillers
                             d:presences d:visas d:considerants d:decision
                             d:executoire d:annexe d:section d:liste d:tableau
                             d:entete d:corps d:ligne"/>

  <xsl:key name="conseiller" match="d:conseiller|d:suppleant" use="@id"/>

  <!-- ============================================================ -->
  <!-- Page geometry [pt]                                           -->
  <!-- ============================================================ -->

  <!-- Variables a template importing this one may override
       (see docs/templates.md). -->
  <xsl:variable name="font-family"
                select="concat($identity/fonts/@text,
                               substring('DejaVu Sans', 1 div not($identity/fonts/@text)))"/>
  <xsl:variable name="font-size" select="10"/>
  <xsl:variable name="extract-title" select="'Extrait du registre des délibérations'"/>
  <xsl:variable name="projet-title" select="'Projet de délibération'"/>

  <xsl:variable name="a4-short" select="595.28"/>
  <xsl:variable name="a4-long" select="841.89"/>
  <xsl:variable name="margin" select="56.69"/>          <!-- 2 cm -->
  <xsl:variable name="header-height" select="28.35"/>   <!-- 1 cm, as seed.fo -->
  <xsl:variable name="footer-height" select="28.35"/>
  <!-- Top-right corner of page 1, kept free for the prefecture's stamp
       (S²LOW stamps 190×55 pt at 10 pt from the corner). -->
  <xsl:variable name="stamp-width" select="200"/>
  <xsl:variable name="stamp-height" select="65"/>

  <!-- A draft (projet) before the convocation: set by the caller (delib
       "render" with the draft option, or statut="projet"). -->
  <xsl:param name="draft" select="/d:deliberation/@statut = 'projet'"/>

  <!-- The identity a town hall declares in its template's template.xml
       (schema/template.xsd, docs/templates.md), set by the engine: its
       root element, or nothing. Each part it declares replaces this
       template's own; a template made of that file alone is this one. -->
  <xsl:param name="identity" select="/.."/>
  <xsl:variable name="mm" select="72 div 25.4"/>  <!-- [pt] per millimetre -->
  <xsl:variable name="page-margin-top">
    <xsl:call-template name="identity-margin"><xsl:with-param name="side" select="'top'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="page-margin-bottom">
    <xsl:call-template name="identity-margin"><xsl:with-param name="side" select="'bottom'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="page-margin-left">
    <xsl:call-template name="identity-margin"><xsl:with-param name="side" select="'left'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="page-margin-right">
    <xsl:call-template name="identity-margin"><xsl:with-param name="side" select="'right'"/></xsl:call-template>
  </xsl:variable>
  <!-- Running header and footer: room for the identity's lines. -->
  <xsl:variable name="extract-header-height">
    <xsl:call-template name="band-height">
      <xsl:with-param name="lines" select="count($identity/header/line)"/>
      <xsl:with-param name="least" select="$header-height"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="annex-header-height">
    <xsl:call-template name="band-height">
      <xsl:with-param name="lines" select="count($identity/header/line) + 1"/>
      <xsl:with-param name="least" select="$header-height"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="extract-footer-height">
    <xsl:call-template name="band-height">
      <xsl:with-param name="lines" select="count($identity/footer/line) + 1"/>
      <xsl:with-param name="least" select="$footer-height"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- Options of fn:vote-sentences: this collectivity writes plain
       unanimity "à l'Unanimité". An importing template may set ''. -->
  <xsl:variable name="vote-options" select="'unanimite-majuscule'"/>

  <!-- "le Conseil municipal", as the vote's sentences name the assembly. -->
  <xsl:variable name="organe-phrase">
    <xsl:for-each select="/d:deliberation">
      <xsl:call-template name="organe"/>
    </xsl:for-each>
  </xsl:variable>

  <!-- ============================================================ -->
  <!-- Document                                                     -->
  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:apply-templates select="d:deliberation"/>
  </xsl:template>

  <xsl:template match="d:deliberation">
    <document title="{normalize-space(d:objet)}"
              author="{normalize-space(d:collectivite/d:nom)}"
              subject="Délibération n° {@numero}"
              date="{d:seance/@date}"
              lang="fr-FR"
              font-family="{$font-family}" font-size="{$font-size}" line-height="1.25">
      <!-- A draft has no transmission identifier. -->
      <xsl:if test="not($draft) and d:executoire/@identifiant">
        <xsl:attribute name="keywords">
          <xsl:value-of select="d:executoire/@identifiant"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:call-template name="styles"/>
      <xsl:call-template name="page-template-extract"/>
      <xsl:if test="d:annexe/d:section">
        <xsl:call-template name="page-templates-annex"/>
      </xsl:if>
      <reserve page="1" x="{$a4-short - $stamp-width}" y="0"
               width="{$stamp-width}" height="{$stamp-height}"/>
      <xsl:call-template name="extract"/>
      <xsl:apply-templates select="d:annexe"/>
    </document>
  </xsl:template>

  <!-- Named styles: the look of seed.fo in one place. -->
  <xsl:template name="styles">
    <style name="running" font-size="8" color="#444444" line-height="1.5"
           border-color="#888888">
      <xsl:if test="$identity/colours/@rules">
        <xsl:attribute name="border-color"><xsl:value-of select="$identity/colours/@rules"/></xsl:attribute>
      </xsl:if>
    </style>
    <style name="title" font-size="14" font-weight="bold" align="center"
           space-before="4" space-after="8">
      <xsl:call-template name="heading-look"/>
    </style>
    <style name="count" space-after="1"/>
    <style name="text" align="justify" space-after="4"/>
    <style name="label" font-weight="bold" space-before="6" space-after="2"
           keep-with-next="true"/>
    <style name="list" space-after="4"/>
    <style name="list-item" space-after="1"/>
    <style name="section" font-size="12" font-weight="bold" color="#1f3864"
           space-before="10" space-after="6" keep-with-next="true">
      <xsl:call-template name="heading-look"/>
    </style>
    <style name="subsection" font-size="10.5" font-weight="bold"
           space-before="8" space-after="3" keep-with-next="true">
      <xsl:call-template name="heading-look"/>
    </style>
    <style name="subsubsection" font-size="10" font-weight="bold"
           font-style="italic" space-before="6" space-after="2"
           keep-with-next="true">
      <xsl:call-template name="heading-look"/>
    </style>
    <style name="table" border-color="#000000" space-before="4" space-after="8"/>
    <style name="cell" space-after="1.5"/>
  </xsl:template>

  <!-- The identity's heading font and main colour on a heading style. -->
  <xsl:template name="heading-look">
    <xsl:if test="$identity/fonts/@headings">
      <xsl:attribute name="font-family"><xsl:value-of select="$identity/fonts/@headings"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$identity/colours/@main">
      <xsl:attribute name="color"><xsl:value-of select="$identity/colours/@main"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A page margin [pt]: the identity's (in millimetres), else $margin. -->
  <xsl:template name="identity-margin">
    <xsl:param name="side"/>
    <xsl:variable name="mm-value" select="$identity/margins/@*[local-name() = $side]"/>
    <xsl:choose>
      <xsl:when test="$mm-value"><xsl:value-of select="round($mm-value * $mm * 100) div 100"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$margin"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A running band's height [pt]: room for its lines of 8 pt, at least
       $least. -->
  <xsl:template name="band-height">
    <xsl:param name="lines"/>
    <xsl:param name="least"/>
    <xsl:choose>
      <xsl:when test="$lines * 12 + 4 &gt; $least"><xsl:value-of select="$lines * 12 + 4"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$least"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The identity's logo and the collectivity's lines, above the title
       of page 1 (the stamp's reserve keeps them out of its corner). -->
  <xsl:template name="identity-heading">
    <xsl:if test="$identity/logo or $identity/collectivity/line">
      <block space-after="6" keep-together="true">
        <xsl:for-each select="$identity/logo">
          <image src="{@src}" width="{round(concat(@width, substring('20', 1 div not(@width))) * $mm)}" alt="Logo{substring(concat(' : ', normalize-space($identity/collectivity/line[1])), 1 div boolean($identity/collectivity/line))}"
                 height="{round(concat(@height, substring('20', 1 div not(@height))) * $mm)}"/>
        </xsl:for-each>
        <xsl:for-each select="$identity/collectivity/line">
          <p font-size="9">
            <xsl:if test="position() = 1"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </p>
        </xsl:for-each>
      </block>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Page templates                                               -->
  <!-- ============================================================ -->

  <!-- The extract's pages. Header: organe | séance; footer: organe,
       number, page n/N of the extract. The header is narrowed on the
       right by the width the stamp reserve takes from the body column,
       so that it never reaches into the reserve on page 1 (and the rule
       under it stays the same length on every page of the extract). -->
  <xsl:template name="page-template-extract">
    <xsl:variable name="organe" select="normalize-space(d:collectivite/d:organe)"/>
    <page-template name="extrait" width="{$a4-short}" height="{$a4-long}"
                   margin-top="{$page-margin-top}" margin-bottom="{$page-margin-bottom}"
                   margin-left="{$page-margin-left}" margin-right="{$page-margin-right}"
                   header-height="{$extract-header-height}" footer-height="{$extract-footer-height}">
      <header>
        <xsl:choose>
          <xsl:when test="$identity/header/line">
            <xsl:for-each select="$identity/header/line">
              <p style="running" indent-right="{$stamp-width - $page-margin-right}">
                <xsl:if test="position() = last()">
                  <xsl:attribute name="border-bottom">0.4</xsl:attribute>
                </xsl:if>
                <xsl:if test="position() = 1">
                  <xsl:call-template name="draft-mark"/>
                </xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </p>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <p style="running" border-bottom="0.4"
               indent-right="{$stamp-width - $page-margin-right}">
              <xsl:call-template name="draft-mark"/>
              <xsl:value-of select="concat($organe, ' | Séance du ',
                                           fn:date-long(d:seance/@date))"/>
            </p>
          </xsl:otherwise>
        </xsl:choose>
      </header>
      <footer>
        <p style="running" align="right" border-top="0.4">
          <xsl:choose>
            <xsl:when test="$draft">
              <xsl:value-of select="concat('Projet de délibération n° ', @numero, ' | ')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat($organe, ' ', @numero, ' | ')"/>
            </xsl:otherwise>
          </xsl:choose>
          <page-number/>
          <xsl:text>/</xsl:text>
          <page-count/>
        </p>
        <xsl:for-each select="$identity/footer/line">
          <p style="running" align="center"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </footer>
      <xsl:call-template name="draft-watermark"/>
    </page-template>
  </xsl:template>

  <!-- A draft's running headers start with "PROJET": readable and
       extractable on every page, where the diagonal watermark is not
       (readers extract diagonal text letter by letter). -->
  <xsl:template name="draft-mark">
    <xsl:if test="$draft">
      <span font-weight="bold" color="#c00000">PROJET</span>
      <xsl:text> | </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Every page of a draft carries "PROJET" across it. -->
  <xsl:template name="draft-watermark">
    <xsl:if test="$draft">
      <watermark text="PROJET"/>
    </xsl:if>
  </xsl:template>

  <!-- The annex's pages: one portrait, one landscape template. -->
  <xsl:template name="page-templates-annex">
    <xsl:call-template name="page-template-annex">
      <xsl:with-param name="name" select="'annexe-portrait'"/>
      <xsl:with-param name="width" select="$a4-short"/>
      <xsl:with-param name="height" select="$a4-long"/>
    </xsl:call-template>
    <xsl:call-template name="page-template-annex">
      <xsl:with-param name="name" select="'annexe-paysage'"/>
      <xsl:with-param name="width" select="$a4-long"/>
      <xsl:with-param name="height" select="$a4-short"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="page-template-annex">
    <xsl:param name="name"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <page-template name="{$name}" width="{$width}" height="{$height}"
                   margin-top="{$page-margin-top}" margin-bottom="{$page-margin-bottom}"
                   margin-left="{$page-margin-left}" margin-right="{$page-margin-right}"
                   header-height="{$annex-header-height}" footer-height="{$extract-footer-height}">
      <header>
        <!-- template.xml's header lines, then the annex's own. -->
        <xsl:for-each select="$identity/header/line">
          <p style="running"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
        <p style="running" border-bottom="0.4">
          <xsl:call-template name="draft-mark"/>
          <xsl:text>Annexe</xsl:text>
          <xsl:if test="normalize-space(d:annexe/@titre)">
            <xsl:value-of select="concat(' – ', normalize-space(d:annexe/@titre))"/>
          </xsl:if>
        </p>
      </header>
      <footer>
        <p style="running" align="right" border-top="0.4">
          <xsl:text>Rapport annexé | </xsl:text>
          <page-number/>
          <xsl:text>/</xsl:text>
          <page-count/>
        </p>
        <xsl:for-each select="$identity/footer/line">
          <p style="running" align="center"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </footer>
      <xsl:call-template name="draft-watermark"/>
    </page-template>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- The extract                                                  -->
  <!-- ============================================================ -->

  <!-- A projet (a draft) is worded as one: its own title, the séance it
       is planned for in the future tense, no counts and no attendance
       (nobody knows them before the séance), the exposé des motifs, and a
       placeholder for the vote. -->
  <xsl:template name="extract">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$draft"><xsl:value-of select="$projet-title"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$extract-title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <sequence template="extrait" counter="extrait" bookmark="{$title}">
      <xsl:call-template name="identity-heading"/>
      <h level="1" style="title"><xsl:value-of select="$title"/></h>
      <xsl:call-template name="extract-heading"/>
      <xsl:choose>
        <xsl:when test="$draft">
          <xsl:call-template name="planned-seance"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="extract-counts"/>
          <xsl:call-template name="opening-sentence"/>
          <xsl:call-template name="urgency-sentence"/>
          <xsl:call-template name="attendance"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="expose"/>
      <xsl:call-template name="considering"/>
      <xsl:call-template name="vote-sentence"/>
      <xsl:call-template name="signature"/>
      <xsl:call-template name="executory"/>
    </sequence>
  </xsl:template>

  <!-- Number, object and rapporteur, framed. -->
  <xsl:template name="extract-heading">
    <block border="0.6" border-color="#444444" padding="4" space-after="8"
           keep-together="true">
      <p font-weight="bold">
        <xsl:choose>
          <xsl:when test="$draft"><xsl:value-of select="concat('Projet n° ', @numero)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('Délibération n° ', @numero)"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <p font-weight="bold">
        <xsl:apply-templates select="d:objet/node()" mode="inline"/>
      </p>
      <!-- The rapporteur as every member: civility, first name, surname. -->
      <xsl:for-each select="key('conseiller', d:rapporteur/@ref)">
        <p font-style="italic">
          <xsl:value-of select="concat('Sur le rapport de ', fn:civility(@civilite),
                                       '&#160;', @prenom, ' ', @nom)"/>
        </p>
      </xsl:for-each>
    </block>
  </xsl:template>

  <xsl:template name="extract-counts">
    <p style="count">
      <xsl:value-of select="concat('Nombre de conseillers en exercice : ',
                                   d:conseillers/@en-exercice)"/>
    </p>
    <p style="count">
      <xsl:text>Nombre de conseillers présents à l'ouverture de la séance : </xsl:text>
      <xsl:value-of select="d:presences/@presents-ouverture"/>
      <xsl:call-template name="remote-count">
        <xsl:with-param name="n" select="count(d:presences/d:present[@a-distance = 'oui'])"/>
      </xsl:call-template>
    </p>
    <!-- Members arrived or left before this vote: the counts at the vote,
         where the quorum is judged (L2121-17), computed as the validator
         does (a proxy whose holder has left is not used). -->
    <xsl:variable name="p" select="d:presences"/>
    <xsl:if test="$p/d:arrivee or $p/d:depart">
      <xsl:variable name="present" select="fn:attendance($p, 'presents')"/>
      <p style="count">
        <xsl:value-of select="concat('Nombre de conseillers présents au vote de cette délibération : ', $present)"/>
        <xsl:call-template name="remote-count">
          <xsl:with-param name="n" select="fn:attendance($p, 'distance')"/>
        </xsl:call-template>
      </p>
      <p style="count">
        <xsl:value-of select="concat('Nombre de conseillers représentés : ', fn:attendance($p, 'representes'))"/>
      </p>
      <p style="count">
        <xsl:value-of select="concat('Nombre de votants : ', fn:attendance($p, 'votants'))"/>
      </p>
    </xsl:if>
    <xsl:if test="d:seance/@convocation">
      <p style="count">
        <xsl:value-of select="concat('Date de convocation : ',
                                     fn:date-long(d:seance/@convocation))"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- " (dont 3 à distance)" after a count of members present, when some
       took part by teleconference. -->
  <xsl:template name="remote-count">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:value-of select="concat(' (dont ', $n, ' à distance)')"/>
    </xsl:if>
  </xsl:template>

  <!-- A projet: "Projet soumis au Conseil municipal, qui se réunira le
       14 octobre 2021 à 18h30, à la mairie, en séance publique." and the
       convocation's date once it is known. -->
  <xsl:template name="planned-seance">
    <xsl:variable name="seance" select="d:seance"/>
    <p style="text">
      <xsl:text>Projet soumis </xsl:text>
      <xsl:call-template name="organe">
        <xsl:with-param name="to" select="true()"/>
      </xsl:call-template>
      <xsl:value-of select="concat(', qui se réunira le ', fn:date-long($seance/@date))"/>
      <xsl:if test="$seance/@heure">
        <xsl:value-of select="concat(' à ', fn:hour($seance/@heure))"/>
      </xsl:if>
      <xsl:if test="normalize-space($seance/d:lieu)">
        <xsl:value-of select="concat(', ', normalize-space($seance/d:lieu))"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$seance/@publique = 'non'">, à huis clos</xsl:when>
        <xsl:otherwise>, en séance publique</xsl:otherwise>
      </xsl:choose>
      <xsl:text>.</xsl:text>
    </p>
    <xsl:if test="$seance/@convocation">
      <p style="count">
        <xsl:value-of select="concat('Date de convocation : ', fn:date-long($seance/@convocation))"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- "Exposé des motifs", one paragraph per para (projets mostly). -->
  <xsl:template name="expose">
    <xsl:if test="d:expose/d:para">
      <p style="label">Exposé des motifs :</p>
      <xsl:for-each select="d:expose/d:para">
        <p style="text"><xsl:apply-templates mode="inline"/></p>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- "L'An deux mille vingt et un, le 14 octobre, à 18h30, le Conseil
       municipal légalement convoqué s'est réuni à la mairie en séance
       publique, sous la présidence de Monsieur Joachim Moyse, Maire." -->
  <xsl:template name="opening-sentence">
    <xsl:variable name="seance" select="d:seance"/>
    <p style="text">
      <xsl:text>L'An </xsl:text>
      <xsl:value-of select="fn:year-words(number(substring($seance/@date, 1, 4)))"/>
      <xsl:value-of select="concat(', le ', fn:day-month($seance/@date))"/>
      <xsl:if test="$seance/@heure">
        <xsl:value-of select="concat(', à ', fn:hour($seance/@heure))"/>
      </xsl:if>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="organe"/>
      <xsl:text> légalement convoqué s'est réuni</xsl:text>
      <xsl:if test="normalize-space($seance/d:lieu)">
        <xsl:value-of select="concat(' ', normalize-space($seance/d:lieu))"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$seance/@publique = 'non'"> à huis clos</xsl:when>
        <xsl:otherwise> en séance publique</xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="key('conseiller', d:president/@ref)">
        <xsl:text>, sous la présidence de </xsl:text>
        <xsl:call-template name="full-name"/>
        <xsl:if test="normalize-space(@fonction)">
          <xsl:value-of select="concat(', ', normalize-space(@fonction))"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <!-- Present, represented (proxies), excused, absent, secretary: each
       list only when it has someone, in the order of the file. The lists
       are set flush left: made of proper names, which are not hyphenated,
       and of civilities, which a no-break space keeps with their name, a
       justified list must stretch some of its lines (on the sample, at
       least one word gap of 0.89 em whatever the breaks, found by trying
       them all; 0.51 em with the civilities free). -->
  <xsl:template name="attendance">
    <xsl:variable name="p" select="d:presences"/>
    <xsl:if test="$p/d:present">
      <p style="label">Étaient présents :</p>
      <p style="text" align="left">
        <xsl:for-each select="$p/d:present">
          <xsl:call-template name="present-name"/>
          <xsl:call-template name="enumeration-separator"/>
        </xsl:for-each>
      </p>
      <xsl:call-template name="remote-basis"/>
    </xsl:if>
    <xsl:if test="$p/d:pouvoir">
      <p style="label">Étaient excusés avec pouvoir :</p>
      <p style="text" align="left">
        <xsl:for-each select="$p/d:pouvoir">
          <xsl:call-template name="name-of">
            <xsl:with-param name="ref" select="@de"/>
          </xsl:call-template>
          <xsl:text> donne pouvoir à </xsl:text>
          <xsl:call-template name="name-of">
            <xsl:with-param name="ref" select="@a"/>
          </xsl:call-template>
          <xsl:call-template name="enumeration-separator"/>
        </xsl:for-each>
      </p>
    </xsl:if>
    <xsl:if test="$p/d:excuse">
      <p style="label">Étaient excusés :</p>
      <p style="text" align="left">
        <xsl:for-each select="$p/d:excuse">
          <xsl:call-template name="name-of">
            <xsl:with-param name="ref" select="@ref"/>
          </xsl:call-template>
          <xsl:call-template name="enumeration-separator"/>
        </xsl:for-each>
      </p>
    </xsl:if>
    <xsl:if test="$p/d:absent">
      <p style="label">Étaient absents :</p>
      <p style="text" align="left">
        <xsl:for-each select="$p/d:absent">
          <xsl:call-template name="name-of">
            <xsl:with-param name="ref" select="@ref"/>
          </xsl:call-template>
          <xsl:call-template name="enumeration-separator"/>
        </xsl:for-each>
      </p>
    </xsl:if>
    <xsl:if test="$p/d:arrivee or $p/d:depart">
      <p style="label">Arrivées et départs en cours de séance :</p>
      <xsl:for-each select="$p/d:arrivee | $p/d:depart">
        <p style="text">
          <xsl:variable name="civ" select="key('conseiller', @ref)/@civilite"/>
          <xsl:call-template name="name-of">
            <xsl:with-param name="ref" select="@ref"/>
          </xsl:call-template>
          <xsl:choose>
            <xsl:when test="local-name() = 'arrivee' and @a-distance = 'oui'">
              <xsl:text> a rejoint la séance à distance</xsl:text>
            </xsl:when>
            <xsl:when test="local-name() = 'arrivee'">
              <xsl:value-of select="concat(' ', fn:gender($civ, 'est arrivé', 'est arrivée'))"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat(' ', fn:gender($civ, 'est parti', 'est partie'))"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="concat(' à ', fn:hour(@heure),
                                       ', avant le vote de la délibération n° ', @avant)"/>
          <xsl:if test="@pouvoir-a">
            <xsl:text>, et a donné pouvoir à </xsl:text>
            <xsl:call-template name="name-of">
              <xsl:with-param name="ref" select="@pouvoir-a"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="d:secretaire">
      <p style="label">Secrétaire de séance :</p>
      <p style="text">
        <!-- No final full stop: the seed prints the name alone. -->
        <xsl:for-each select="d:secretaire">
          <xsl:choose>
            <xsl:when test="@ref">
              <xsl:call-template name="name-of">
                <xsl:with-param name="ref" select="@ref"/>
              </xsl:call-template>
            </xsl:when>
            <!-- Alsace-Moselle: a secretary who is not a member. -->
            <xsl:otherwise>
              <xsl:call-template name="full-name"/>
              <xsl:if test="normalize-space(@fonction)">
                <xsl:value-of select="concat(', ', normalize-space(@fonction))"/>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="position() != last()">, </xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- "Le Conseil municipal," then the visas, the considerations and the
       decision's articles, each a list under its label. -->
  <xsl:template name="considering">
    <p style="label">
      <xsl:call-template name="organe">
        <xsl:with-param name="capital" select="true()"/>
      </xsl:call-template>
      <xsl:text>,</xsl:text>
    </p>
    <xsl:if test="d:visas/d:visa">
      <p style="label">Vu :</p>
      <xsl:call-template name="text-list">
        <xsl:with-param name="items" select="d:visas/d:visa"/>
        <xsl:with-param name="marker" select="'-'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="d:considerants/d:considerant">
      <p style="label">Considérant que :</p>
      <xsl:call-template name="text-list">
        <xsl:with-param name="items" select="d:considerants/d:considerant"/>
        <xsl:with-param name="marker" select="'-'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="d:decision/d:article">
      <p style="label">Décide :</p>
      <xsl:call-template name="text-list">
        <xsl:with-param name="items" select="d:decision/d:article"/>
        <xsl:with-param name="marker" select="'•'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="text-list">
    <xsl:param name="items"/>
    <xsl:param name="marker"/>
    <list style="list" marker="{$marker}" marker-width="12">
      <xsl:for-each select="$items">
        <item style="list-item">
          <xsl:apply-templates mode="inline"/>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <!-- The vote, worded by fn:vote-sentences from the whole vote (ballot,
       figures, result, the president's casting vote on a tie, interested
       members, the nominative list of a public ballot): "Après en avoir
       délibéré, le Conseil municipal adopte à l'Unanimité la délibération,
       par 34 votes pour." then, when there are some, the interested members
       and the voters grouped by sense of vote, one paragraph each. The
       urgency's phrase is printed after the opening sentence. -->
  <xsl:template name="vote-sentence">
    <!-- Before the séance the vote is unknown: a visible placeholder. -->
    <xsl:if test="$draft">
      <p style="text" border="0.6" border-color="#c00000" padding="4" color="#c00000">
        <xsl:text>[Vote : à compléter après la séance — «&#x202F;Après en avoir délibéré, </xsl:text>
        <xsl:call-template name="organe"/>
        <xsl:text> …&#x202F;»]</xsl:text>
      </p>
    </xsl:if>
    <xsl:if test="not($draft)">
      <xsl:for-each select="fn:vote-sentences(d:vote, $organe-phrase, $vote-options)[@role != 'urgence']">
        <p style="text">
          <!-- The voters' names: flush left, as the attendance lists. -->
          <xsl:if test="@role = 'votants'">
            <xsl:attribute name="align">left</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="."/>
        </p>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The urgency of the convocation and the assembly's ruling on it
       (L2121-11, L2121-12, L2541-2, L3121-19, L4132-18), reported at the
       opening: after the opening sentence, on a final act. -->
  <xsl:template name="urgency-sentence">
    <xsl:if test="not($draft)">
      <xsl:for-each select="fn:vote-sentences(d:vote, $organe-phrase, $vote-options)[@role = 'urgence']">
        <p style="text"><xsl:value-of select="."/></p>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- "Pour extrait conforme", then the signatory's first name, name and
       office (CRPA L212-1) beside the empty signature field that the
       parapheur fills. The field is named after the office. No field on a
       draft: a draft is not signed. -->
  <xsl:template name="signature">
    <xsl:variable name="signataire" select="d:signataire"/>
    <xsl:for-each select="key('conseiller', $signataire/@ref)">
      <xsl:variable name="office">
        <xsl:choose>
          <xsl:when test="normalize-space($signataire/@fonction)">
            <xsl:value-of select="normalize-space($signataire/@fonction)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="normalize-space(@fonction)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <block space-before="10" space-after="10" keep-together="true">
        <p align="right" space-after="4">
          <xsl:value-of select="concat($identity/signature/@mention,
                                       substring('Pour extrait conforme', 1 div not($identity/signature/@mention)))"/>
        </p>
        <!-- A borderless two-column table puts the name beside the field. -->
        <table border="0" cell-padding="0">
          <col width="58%"/>
          <col width="42%"/>
          <tbody>
            <tr>
              <td align="right">
                <p align="right" indent-right="8">
                  <xsl:call-template name="full-name"/>
                </p>
                <xsl:if test="string($office)">
                  <p align="right" indent-right="8">
                    <xsl:value-of select="$office"/>
                  </p>
                </xsl:if>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="$draft">
                    <spacer height="60"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <signature-field width="200" height="60">
                      <xsl:attribute name="name">
                        <xsl:choose>
                          <xsl:when test="string($office)">
                            <xsl:value-of select="$office"/>
                          </xsl:when>
                          <xsl:otherwise>Signature</xsl:otherwise>
                        </xsl:choose>
                      </xsl:attribute>
                    </signature-field>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </tbody>
        </table>
      </block>
    </xsl:for-each>
  </xsl:template>

  <!-- The executory block: reception, transmission identifier, display
       (before 1 July 2022) or publication (after). Not on a draft. -->
  <xsl:template name="executory">
    <xsl:variable name="e" select="d:executoire"/>
    <xsl:if test="not($draft) and $e/@*">
      <!-- 9 cm wide at the left of the body column, as seed.fo. -->
      <block border="0.6" border-color="#000000" padding="4" space-before="8"
             indent-right="{$a4-short - $page-margin-left - $page-margin-right - 255.12}"
             font-size="8.5" keep-together="true">
        <p font-weight="bold">
          <xsl:value-of select="concat($identity/executory/@title,
                                       substring('Accusé certifié exécutoire', 1 div not($identity/executory/@title)))"/>
        </p>
        <xsl:if test="$e/@reception-prefecture">
          <p>
            <xsl:value-of select="concat('Réception en préfecture : ',
                                         fn:date-short($e/@reception-prefecture))"/>
          </p>
        </xsl:if>
        <xsl:if test="$e/@identifiant">
          <p>
            <xsl:value-of select="concat('Identifiant de télétransmission : ',
                                         $e/@identifiant)"/>
          </p>
        </xsl:if>
        <!-- The regime of the séance's date (fn:era, the table the
             validator's rule publicity.era reads): "affichage" before
             1 July 2022, then "publication", or "notification" for an
             individual act. -->
        <xsl:variable name="mode"
                      select="fn:era(/d:deliberation/d:seance/@date, 'publicite',
                                     string(/d:deliberation/@nature))"/>
        <xsl:variable name="when" select="$e/@*[local-name() = $mode]"/>
        <xsl:if test="$when">
          <p>
            <xsl:choose>
              <xsl:when test="$mode = 'publication'">Publié le </xsl:when>
              <xsl:when test="$mode = 'notification'">Notifié le </xsl:when>
              <xsl:otherwise>Affiché ou notifié le </xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="fn:date-long($when)"/>
          </p>
        </xsl:if>
        <xsl:for-each select="$identity/executory/line">
          <p><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
      </block>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Names and small phrases                                      -->
  <!-- ============================================================ -->

  <!-- "Monsieur Joachim Moyse"; context: a conseiller. -->
  <xsl:template name="full-name">
    <xsl:value-of select="concat(fn:civility(@civilite), '&#160;', @prenom, ' ', @nom)"/>
  </xsl:template>

  <!-- A member present: "Madame Anne Martin", then " (à distance)" for
       one at a distance, ", suppléant de Monsieur Paul Roux" for a
       suppléant sitting for the titular (L5211-6); context: a present. -->
  <xsl:template name="present-name">
    <xsl:call-template name="name-of">
      <xsl:with-param name="ref" select="@ref"/>
    </xsl:call-template>
    <xsl:for-each select="key('conseiller', @ref)[self::d:suppleant]">
      <xsl:value-of select="concat(', ', fn:gender(@civilite, 'suppléant', 'suppléante'), ' de ')"/>
      <xsl:call-template name="name-of">
        <xsl:with-param name="ref" select="@titulaire"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="@a-distance = 'oui'"> (à distance)</xsl:if>
  </xsl:template>

  <!-- After the lists, when members took part at a distance: the text that
       allowed it (CGCT L5211-11-1, a COVID law; fn:remote-basis). -->
  <xsl:template name="remote-basis">
    <xsl:variable name="p" select="/d:deliberation/d:presences"/>
    <xsl:if test="$p/d:present[@a-distance = 'oui'] or $p/d:arrivee[@a-distance = 'oui']">
      <xsl:variable name="basis" select="fn:remote-basis(/d:deliberation/d:seance/@date,
                                                         /d:deliberation/d:collectivite/@type)"/>
      <p style="text">
        <xsl:text>Participation à distance, par téléconférence</xsl:text>
        <xsl:if test="$basis != ''">
          <xsl:value-of select="concat(' (', $basis, ')')"/>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="name-of">
    <xsl:param name="ref"/>
    <xsl:for-each select="key('conseiller', $ref)">
      <xsl:call-template name="full-name"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ", " between the names of a list, "." after the last. -->
  <xsl:template name="enumeration-separator">
    <xsl:choose>
      <xsl:when test="position() != last()">, </xsl:when>
      <xsl:otherwise>.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "le Conseil municipal" ("l'Assemblée …" before a vowel). -->
  <xsl:template name="organe">
    <xsl:param name="capital" select="false()"/>
    <!-- true: after "à" ("au Conseil municipal", "à l'Assemblée …") -->
    <xsl:param name="to" select="false()"/>
    <xsl:variable name="organe" select="normalize-space(/d:deliberation/d:collectivite/d:organe)"/>
    <xsl:variable name="elided"
                  select="contains('AEIOUYÉÈÊÂÎaeiouyéèêâî', substring($organe, 1, 1))"/>
    <xsl:choose>
      <xsl:when test="$to and $elided">à l'</xsl:when>
      <xsl:when test="$to">au </xsl:when>
      <xsl:when test="$elided and $capital">L'</xsl:when>
      <xsl:when test="$elided">l'</xsl:when>
      <xsl:when test="$capital">Le </xsl:when>
      <xsl:otherwise>le </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$organe"/>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- The annexed report                                           -->
  <!-- ============================================================ -->

  <!-- Consecutive sections of one orientation share a sequence; every
       sequence of the annex shares the counter "annexe", so pages are
       numbered n/N across portrait and landscape runs. -->
  <xsl:template match="d:annexe">
    <xsl:for-each select="d:section">
      <xsl:variable name="orientation">
        <xsl:call-template name="orientation"/>
      </xsl:variable>
      <xsl:variable name="previous">
        <xsl:for-each select="preceding-sibling::d:section[1]">
          <xsl:call-template name="orientation"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="$orientation != $previous">
        <sequence template="annexe-{$orientation}" counter="annexe">
          <!-- One outline entry for the annex, on its first sequence: the
               sections' entries go under it. -->
          <xsl:if test="position() = 1">
            <xsl:attribute name="bookmark">
              <xsl:text>Rapport annexé</xsl:text>
              <xsl:if test="normalize-space(../@titre)">
                <xsl:value-of select="concat(' – ', normalize-space(../@titre))"/>
              </xsl:if>
            </xsl:attribute>
          </xsl:if>
          <xsl:apply-templates select="." mode="run">
            <xsl:with-param name="orientation" select="$orientation"/>
          </xsl:apply-templates>
        </sequence>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="orientation">
    <xsl:choose>
      <xsl:when test="@orientation = 'paysage'">paysage</xsl:when>
      <xsl:otherwise>portrait</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A section, then the next one if it has the same orientation. -->
  <xsl:template match="d:section" mode="run">
    <xsl:param name="orientation"/>
    <xsl:apply-templates select="." mode="annex"/>
    <xsl:variable name="next" select="following-sibling::d:section[1]"/>
    <xsl:if test="$next and ($next/@orientation = 'paysage') = ($orientation = 'paysage')">
      <xsl:apply-templates select="$next" mode="run">
        <xsl:with-param name="orientation" select="$orientation"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- "1. Rappel des objectifs …", with an outline entry. -->
  <xsl:template match="d:section" mode="annex">
    <xsl:variable name="title">
      <xsl:if test="normalize-space(@numero)">
        <xsl:value-of select="concat(normalize-space(@numero), '. ')"/>
      </xsl:if>
      <xsl:value-of select="normalize-space(@titre)"/>
    </xsl:variable>
    <xsl:if test="string($title)">
      <h level="1" style="section" bookmark="{$title}">
        <xsl:value-of select="$title"/>
      </h>
    </xsl:if>
    <xsl:apply-templates select="*" mode="annex"/>
  </xsl:template>

  <xsl:template match="d:titre" mode="annex">
    <xsl:choose>
      <xsl:when test="@niveau = '3'">
        <h level="3" style="subsubsection">
          <xsl:apply-templates mode="inline"/>
        </h>
      </xsl:when>
      <xsl:otherwise>
        <h level="2" style="subsection">
          <xsl:apply-templates mode="inline"/>
        </h>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:para" mode="annex">
    <p style="text">
      <xsl:apply-templates mode="inline"/>
    </p>
  </xsl:template>

  <!-- The marker is printed as the source has it; "numero" numbers. -->
  <xsl:template match="d:liste" mode="annex">
    <xsl:param name="style" select="'list'"/>
    <list style="{$style}" marker-width="12">
      <xsl:attribute name="marker">
        <xsl:choose>
          <xsl:when test="@marqueur = 'numero'">decimal</xsl:when>
          <xsl:otherwise><xsl:value-of select="@marqueur"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:for-each select="d:item">
        <item style="list-item">
          <xsl:call-template name="flow"/>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <!-- Tables: widths from the columns, a coloured bold header row
       repeated on every page, group rows spanning every column. -->
  <xsl:template match="d:tableau" mode="annex">
    <table style="table" border="0.4" cell-padding="2">
      <xsl:if test="@taille-police">
        <xsl:attribute name="font-size">
          <xsl:value-of select="@taille-police"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:for-each select="d:colonne">
        <col>
          <xsl:if test="@largeur">
            <xsl:attribute name="width">
              <xsl:value-of select="normalize-space(@largeur)"/>
            </xsl:attribute>
          </xsl:if>
          <xsl:apply-templates select="@alignement"/>
        </col>
      </xsl:for-each>
      <xsl:if test="d:entete/d:ligne">
        <thead>
          <xsl:for-each select="d:entete/d:ligne">
            <tr background="#d9e2f3">
              <xsl:apply-templates select="d:cellule" mode="header"/>
            </tr>
          </xsl:for-each>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="d:corps/*" mode="table">
          <xsl:with-param name="columns">
            <xsl:call-template name="column-count"/>
          </xsl:with-param>
        </xsl:apply-templates>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="d:ligne" mode="table">
    <tr>
      <xsl:apply-templates select="d:cellule" mode="table"/>
    </tr>
  </xsl:template>

  <!-- A group heading: one bold cell across the table, kept with the
       row it introduces. $columns: the table's column count, computed
       once per table by the caller (per group, it made the transform
       quadratic in the number of rows). -->
  <xsl:template match="d:groupe" mode="table">
    <xsl:param name="columns"/>
    <tr background="#eeeeee" keep-with-next="true">
      <td colspan="{$columns}">
        <b><xsl:apply-templates mode="inline"/></b>
      </td>
    </tr>
  </xsl:template>

  <!-- Number of columns of the current d:tableau: its declared columns, or
       what its first row covers. -->
  <xsl:template name="column-count">
    <xsl:choose>
      <xsl:when test="d:colonne">
        <xsl:value-of select="count(d:colonne)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="row-width">
          <xsl:with-param name="ligne" select="(d:entete/d:ligne[1] | d:corps/d:ligne[1])[1]"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Number of columns a row covers (colspans added up). -->
  <xsl:template name="row-width">
    <xsl:param name="ligne"/>
    <xsl:value-of select="count($ligne/d:cellule[not(@colonnes)])
                          + sum($ligne/d:cellule/@colonnes)"/>
  </xsl:template>

  <!-- Most cells hold a short text and nothing else: written at once.
       Why a test rather than a second template matching
       d:cellule[not(*)]: libxslt evaluates a pattern's predicates through
       a fresh XPath evaluation for every cell, which costs as much as the
       general case; the spans and the inline/block dispatch of "flow"
       were most of the transform's time on tables of thousands of cells. -->
  <xsl:template match="d:cellule" mode="table">
    <td>
      <xsl:apply-templates select="@alignement"/>
      <xsl:choose>
        <xsl:when test="* | @colonnes | @lignes">
          <xsl:call-template name="cell-spans"/>
          <xsl:call-template name="flow">
            <xsl:with-param name="in-cell" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </td>
  </xsl:template>

  <!-- A column's or a cell's alignement: the layout's align. -->
  <xsl:template match="@alignement">
    <xsl:attribute name="align">
      <xsl:choose>
        <xsl:when test=". = 'centre'">center</xsl:when>
        <xsl:when test=". = 'droite'">right</xsl:when>
        <xsl:when test=". = 'decimale'">decimal</xsl:when>
        <xsl:otherwise>left</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- Header cells are bold: inline content inside b, blocks bold. -->
  <xsl:template match="d:cellule" mode="header">
    <td>
      <xsl:apply-templates select="@alignement"/>
      <xsl:call-template name="cell-spans"/>
      <xsl:choose>
        <xsl:when test="d:para | d:liste | d:graphique">
          <block font-weight="bold">
            <xsl:call-template name="flow">
              <xsl:with-param name="in-cell" select="true()"/>
            </xsl:call-template>
          </block>
        </xsl:when>
        <xsl:otherwise>
          <b><xsl:apply-templates mode="inline"/></b>
        </xsl:otherwise>
      </xsl:choose>
    </td>
  </xsl:template>

  <xsl:template name="cell-spans">
    <xsl:if test="@colonnes &gt; 1">
      <xsl:attribute name="colspan"><xsl:value-of select="@colonnes"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@lignes &gt; 1">
      <xsl:attribute name="rowspan"><xsl:value-of select="@lignes"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Charts                                                       -->
  <!-- ============================================================ -->

  <!-- Variables a template importing this one may override: every
       chart's values also as a small table under it ('true' or 'false';
       for a pie, the legend carries the values), the size of the charts'
       labels [pt], and the mark after a reconstructed value (the caption
       below explains it). -->
  <xsl:variable name="chart-data-table" select="'true'"/>
  <xsl:variable name="chart-font-size" select="7.5"/>
  <xsl:variable name="chart-estimate-mark" select="'*'"/>

  <!-- graphique → chart: the data, renamed; the engine draws it. The title
       above, then under the drawing the source, the notes and, when a
       value was reconstructed, the note saying so. -->
  <xsl:template match="d:graphique" mode="annex">
    <chart font-size="{$chart-font-size}" space-before="4" space-after="6"
           data-table="{$chart-data-table}" estimate-mark="{$chart-estimate-mark}">
      <xsl:attribute name="type">
        <xsl:choose>
          <xsl:when test="@type = 'camembert'">pie</xsl:when>
          <xsl:otherwise>bar</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@orientation = 'horizontale'">
        <xsl:attribute name="orientation">horizontal</xsl:attribute>
      </xsl:if>
      <xsl:if test="@disposition = 'empilees'">
        <xsl:attribute name="stacking">stacked</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'unit'"/>
        <xsl:with-param name="value" select="@unite"/>
      </xsl:call-template>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'value-axis-label'"/>
        <xsl:with-param name="value" select="@axe-valeurs"/>
      </xsl:call-template>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'category-axis-label'"/>
        <xsl:with-param name="value" select="@axe-categories"/>
      </xsl:call-template>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'min'"/>
        <xsl:with-param name="value" select="@min"/>
      </xsl:call-template>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'max'"/>
        <xsl:with-param name="value" select="@max"/>
      </xsl:call-template>
      <xsl:call-template name="chart-attribute">
        <xsl:with-param name="name" select="'step'"/>
        <xsl:with-param name="value" select="@pas"/>
      </xsl:call-template>
      <title font-size="{$chart-font-size + 1.5}">
        <xsl:value-of select="normalize-space(@titre)"/>
      </title>
      <xsl:for-each select="d:categorie">
        <category><xsl:value-of select="normalize-space(.)"/></category>
      </xsl:for-each>
      <xsl:for-each select="d:serie">
        <series>
          <xsl:call-template name="chart-attribute">
            <xsl:with-param name="name" select="'name'"/>
            <xsl:with-param name="value" select="@nom"/>
          </xsl:call-template>
          <xsl:for-each select="d:valeur">
            <value>
              <xsl:if test="@reconstitue = 'oui'">
                <xsl:attribute name="estimated">true</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="normalize-space(.)"/>
            </value>
          </xsl:for-each>
        </series>
      </xsl:for-each>
      <xsl:for-each select="d:source">
        <caption font-style="italic">
          <xsl:text>Source : </xsl:text>
          <xsl:apply-templates mode="inline"/>
        </caption>
      </xsl:for-each>
      <xsl:for-each select="d:note">
        <caption font-style="italic">
          <xsl:apply-templates mode="inline"/>
        </caption>
      </xsl:for-each>
      <xsl:if test="d:serie/d:valeur[@reconstitue = 'oui']">
        <caption font-style="italic">
          <xsl:value-of select="concat($chart-estimate-mark,
                                       ' Valeurs reconstituées : la source ne les donne plus.')"/>
        </caption>
      </xsl:if>
    </chart>
  </xsl:template>

  <!-- An attribute copied when the domain gives it. -->
  <xsl:template name="chart-attribute">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:if test="normalize-space($value)">
      <xsl:attribute name="{$name}"><xsl:value-of select="normalize-space($value)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Mixed content (cellule, item): inline, or blocks              -->
  <!-- ============================================================ -->

  <!-- An element holding only inline content passes it through; one that
       also holds blocks (para, liste, graphique) gets its loose inline runs
       wrapped in paragraphs, so that the layout never sees text beside
       blocks. -->
  <xsl:template name="flow">
    <xsl:param name="in-cell" select="false()"/>
    <xsl:choose>
      <xsl:when test="d:para | d:liste | d:graphique">
        <xsl:for-each select="node()">
          <xsl:choose>
            <xsl:when test="self::d:para and $in-cell">
              <p style="cell"><xsl:apply-templates mode="inline"/></p>
            </xsl:when>
            <xsl:when test="self::d:liste and $in-cell">
              <xsl:apply-templates select="." mode="annex">
                <xsl:with-param name="style" select="'cell'"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:when test="self::d:para | self::d:liste | self::d:graphique">
              <xsl:apply-templates select="." mode="annex"/>
            </xsl:when>
            <!-- First node of an inline run. -->
            <xsl:when test="not(preceding-sibling::node()[1])
                            or preceding-sibling::node()[1][self::d:para or self::d:liste
                                                            or self::d:graphique]">
              <xsl:variable name="run">
                <xsl:apply-templates select="." mode="inline-run"/>
              </xsl:variable>
              <xsl:if test="normalize-space($run)">
                <p>
                  <xsl:if test="$in-cell">
                    <xsl:attribute name="style">cell</xsl:attribute>
                  </xsl:if>
                  <xsl:copy-of select="$run"/>
                </p>
              </xsl:if>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One inline node, then the next sibling unless it is a block. -->
  <xsl:template match="node()" mode="inline-run">
    <xsl:apply-templates select="." mode="inline"/>
    <xsl:apply-templates select="following-sibling::node()[1]
                                 [not(self::d:para or self::d:liste or self::d:graphique)]"
                         mode="inline-run"/>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Inline content                                               -->
  <!-- ============================================================ -->

  <xsl:template match="d:gras" mode="inline">
    <b><xsl:apply-templates mode="inline"/></b>
  </xsl:template>

  <xsl:template match="d:italique" mode="inline">
    <i><xsl:apply-templates mode="inline"/></i>
  </xsl:template>

  <xsl:template match="d:souligne" mode="inline">
    <u><xsl:apply-templates mode="inline"/></u>
  </xsl:template>

  <xsl:template match="d:exposant" mode="inline">
    <sup><xsl:apply-templates mode="inline"/></sup>
  </xsl:template>

  <xsl:template match="d:indice" mode="inline">
    <sub><xsl:apply-templates mode="inline"/></sub>
  </xsl:template>

  <xsl:template match="d:saut" mode="inline">
    <br/>
  </xsl:template>

  <xsl:template match="text()" mode="inline">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Anything unknown inside inline content: keep its text, drop the tag
       (the domain schema has already rejected it in a checked input). -->
  <xsl:template match="*" mode="inline">
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <!-- Comments and processing instructions of the source are not text. -->
  <xsl:template match="comment() | processing-instruction()" mode="inline"/>

</xsl:stylesheet>
