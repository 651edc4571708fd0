<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!--
  The convocation of a séance (CGCT L2121-10 to L2121-12; L3121-19 for
  départements, L4132-18 for régions), from the projets of its affairs.

  Input: the convocation document delib builds (docs/templates.md):
  <convocation note="oui|non" article delai article-urgence> with the
  séance's <collectivite> and <seance>, the <president> who convenes
  (civilite, prenom, nom, fonction), then one <point numero nature> per
  projet, in the order of the numbers, holding its <objet>, <rapporteur>
  and <expose>.

  Output: the letter with the ordre du jour; then, where note="oui", the
  note explicative de synthèse (L2121-12) or the reports on each affair
  (L3121-19, L4132-18), built from each projet's exposé des motifs.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="d:convocation d:collectivite d:seance d:point d:expose"/>

  <!-- Set by delib; a convocation is never a draft. -->
  <xsl:param name="draft" select="false()"/>

  <!-- The identity of the template's template.xml (see deliberation.xsl):
       here its text font. -->
  <xsl:param name="identity" select="/.."/>
  <!-- The rest of the identity: logo, lines, colours, margins (identity.xsl). -->
  <xsl:include href="identity.xsl"/>
  <xsl:variable name="font-family"
                select="concat($identity/fonts/@text,
                               substring('DejaVu Sans', 1 div not($identity/fonts/@text)))"/>
  <xsl:variable name="accent" select="$identity-accent"/>
  <xsl:variable name="margin" select="56.69"/>

  <xsl:template match="/">
    <xsl:apply-templates select="d:convocation"/>
  </xsl:template>

  <xsl:template match="d:convocation">
    <xsl:variable name="organe" select="normalize-space(d:collectivite/d:organe)"/>
    <xsl:variable name="date" select="fn:date-long(d:seance/@date)"/>
    <document title="Convocation — {$organe}, séance du {$date}"
              author="{normalize-space(d:collectivite/d:nom)}"
              subject="Convocation et ordre du jour de la séance du {$date}"
              date="{d:seance/@date}" lang="fr-FR"
              font-family="{$font-family}" font-size="10" line-height="1.3">
      <page-template name="convocation" width="595.28" height="841.89">
        <xsl:call-template name="identity-margins"/>
        <xsl:call-template name="identity-band-heights"/>
        <header>
          <xsl:call-template name="identity-header">
            <xsl:with-param name="text" select="concat(normalize-space(d:collectivite/d:nom), ' | ', $organe)"/>
          </xsl:call-template>
        </header>
        <footer>
          <p font-size="8" color="#444444" align="right" border-top="0.4" border-color="{$identity-rules}">
            <xsl:value-of select="concat('Convocation — séance du ', $date, ' | ')"/>
            <page-number/>
            <xsl:text>/</xsl:text>
            <page-count/>
          </p>
          <xsl:call-template name="identity-footer-lines"/>
        </footer>
      </page-template>
      <sequence template="convocation" bookmark="Convocation">
        <xsl:call-template name="letter"/>
        <xsl:call-template name="agenda"/>
        <xsl:call-template name="signature"/>
      </sequence>
      <xsl:if test="@note = 'oui'">
        <sequence template="convocation" bookmark="{$note-title}">
          <xsl:call-template name="note"/>
        </sequence>
      </xsl:if>
    </document>
  </xsl:template>

  <!-- "Note explicative de synthèse" (communes, EPCI) or the reports on
       each affair (départements, régions). -->
  <xsl:variable name="note-title">
    <xsl:choose>
      <xsl:when test="/d:convocation/d:collectivite/@type = 'departement' or
                      /d:convocation/d:collectivite/@type = 'region'">Rapports sur les affaires soumises à délibération</xsl:when>
      <xsl:otherwise>Note explicative de synthèse</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- "du Conseil municipal" | "de l'Assemblée de Corse" -->
  <xsl:template name="of-organe">
    <xsl:variable name="organe" select="normalize-space(/d:convocation/d:collectivite/d:organe)"/>
    <xsl:choose>
      <xsl:when test="contains('AEIOUYÉÈÊÂÎaeiouyéèêâî', substring($organe, 1, 1))">
        <xsl:value-of select="concat(&quot;de l'&quot;, $organe)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('du ', $organe)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="letter">
    <xsl:variable name="s" select="d:seance"/>
    <xsl:call-template name="identity-heading"/>
    <h level="1" font-size="15" font-weight="bold" color="{$accent}" align="center" space-after="12"><xsl:call-template name="identity-heading-font"/>Convocation</h>
    <p space-after="8">Madame, Monsieur,</p>
    <p align="justify" space-after="6">
      <xsl:text>J'ai l'honneur de vous convoquer à la séance </xsl:text>
      <xsl:call-template name="of-organe"/>
      <xsl:value-of select="concat(' qui se tiendra le ', fn:date-long($s/@date))"/>
      <xsl:if test="$s/@heure">
        <xsl:value-of select="concat(' à ', fn:hour($s/@heure))"/>
      </xsl:if>
      <xsl:if test="normalize-space($s/d:lieu)">
        <xsl:value-of select="concat(', ', normalize-space($s/d:lieu))"/>
      </xsl:if>
      <xsl:text>.</xsl:text>
      <xsl:choose>
        <xsl:when test="$s/@publique = 'non'"> La séance se tiendra à huis clos.</xsl:when>
        <xsl:otherwise> La séance est publique.</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$s/@urgence = 'oui'">
      <p align="justify" space-after="6" font-weight="bold">
        <xsl:text>En raison de l'urgence, le délai de convocation est abrégé&#x202F;; l'assemblée se prononcera sur l'urgence dès l'ouverture de la séance (</xsl:text>
        <xsl:value-of select="@article-urgence"/>
        <xsl:text>).</xsl:text>
      </p>
    </xsl:if>
    <xsl:if test="@note = 'oui'">
      <p align="justify" space-after="6">
        <xsl:text>Vous trouverez ci-joint la note explicative de synthèse sur les affaires soumises à délibération</xsl:text>
        <xsl:if test="d:collectivite/@type = 'departement' or d:collectivite/@type = 'region'">
          <xsl:text> (rapports sur chacune des affaires)</xsl:text>
        </xsl:if>
        <xsl:value-of select="concat(' (', @article, ').')"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The ordre du jour, in the order of the numbers. -->
  <xsl:template name="agenda">
    <p font-weight="bold" color="{$accent}" space-before="8" space-after="4" keep-with-next="true">Ordre du jour :</p>
    <list marker="decimal" marker-width="18" space-after="8">
      <xsl:for-each select="d:point">
        <item space-after="3">
          <p>
            <xsl:apply-templates select="d:objet/node()" mode="inline"/>
            <xsl:value-of select="concat(' (projet n° ', @numero)"/>
            <xsl:for-each select="d:rapporteur">
              <xsl:value-of select="concat('&#x202F;; rapporteur : ', fn:civility(@civilite), '&#160;', @prenom, ' ', @nom)"/>
            </xsl:for-each>
            <xsl:text>)</xsl:text>
          </p>
        </item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <xsl:template name="signature">
    <block space-before="14" keep-together="true">
      <xsl:if test="d:seance/@convocation">
        <p align="right" space-after="6">
          <xsl:value-of select="concat('Fait le ', fn:date-long(d:seance/@convocation))"/>
        </p>
      </xsl:if>
      <xsl:for-each select="d:president">
        <xsl:if test="normalize-space(@fonction)">
          <p align="right"><xsl:value-of select="normalize-space(@fonction)"/></p>
        </xsl:if>
        <p align="right">
          <xsl:value-of select="concat(fn:civility(@civilite), '&#160;', @prenom, ' ', @nom)"/>
        </p>
      </xsl:for-each>
    </block>
  </xsl:template>

  <!-- Each affair: its number, object, rapporteur and exposé des motifs. -->
  <xsl:template name="note">
    <h level="1" font-size="14" font-weight="bold" color="{$accent}" align="center" space-after="4">
      <xsl:call-template name="identity-heading-font"/>
      <xsl:value-of select="$note-title"/>
    </h>
    <p align="center" font-size="9" color="#444444" space-after="10">
      <xsl:value-of select="concat('(', @article, ')')"/>
    </p>
    <xsl:for-each select="d:point">
      <h level="2" font-size="11" font-weight="bold" space-before="8" space-after="3">
        <xsl:call-template name="identity-heading-font"/>
        <xsl:value-of select="concat(position(), '. ')"/>
        <xsl:apply-templates select="d:objet/node()" mode="inline"/>
      </h>
      <xsl:for-each select="d:rapporteur">
        <p font-style="italic" space-after="3">
          <xsl:value-of select="concat('Rapporteur : ', fn:civility(@civilite), '&#160;', @prenom, ' ', @nom)"/>
        </p>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="d:expose/d:para">
          <xsl:for-each select="d:expose/d:para">
            <p align="justify" space-after="4"><xsl:apply-templates mode="inline"/></p>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <p font-style="italic" color="#c00000">Aucun exposé des motifs n'est joint à ce projet.</p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Inline text of the domain vocabulary. -->
  <xsl:template match="d:gras" mode="inline"><b><xsl:apply-templates mode="inline"/></b></xsl:template>
  <xsl:template match="d:italique" mode="inline"><i><xsl:apply-templates mode="inline"/></i></xsl:template>
  <xsl:template match="d:souligne" mode="inline"><u><xsl:apply-templates mode="inline"/></u></xsl:template>
  <xsl:template match="d:exposant" mode="inline"><sup><xsl:apply-templates mode="inline"/></sup></xsl:template>
  <xsl:template match="d:indice" mode="inline"><sub><xsl:apply-templates mode="inline"/></sub></xsl:template>
  <xsl:template match="d:saut" mode="inline"><br/></xsl:template>
</xsl:stylesheet>
