<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!--
  The list of the deliberations of a séance (CGCT L2121-25, since the
  publicity reform of 1 July 2022: published within a week of the séance,
  with the number, object and outcome of each deliberation).

  Input: the list document delib builds from the séance's deliberation
  files (docs/templates.md): <liste> with the séance's <collectivite> and
  <seance>, then one <entree numero nature resultat pour contre abstentions
  scrutin> holding the <objet>, in the order of the numbers.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="d:liste d:collectivite d:seance d:entree"/>

  <!-- Set by delib (drafts have no list); declared so the call is valid. -->
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
  <xsl:variable name="header-fill" select="'#d9e2f3'"/>
  <xsl:variable name="margin" select="56.69"/>

  <xsl:template match="/">
    <xsl:apply-templates select="d:liste"/>
  </xsl:template>

  <xsl:template match="d:liste">
    <xsl:variable name="organe" select="normalize-space(d:collectivite/d:organe)"/>
    <xsl:variable name="date" select="fn:date-long(d:seance/@date)"/>
    <document title="Liste des délibérations — séance du {$date}"
              author="{normalize-space(d:collectivite/d:nom)}"
              subject="{$organe} — liste des délibérations de la séance du {$date}"
              date="{d:seance/@date}" lang="fr-FR"
              font-family="{$font-family}" font-size="10" line-height="1.25">
      <page-template name="liste" width="595.28" height="841.89">
        <xsl:call-template name="identity-margins"/>
        <xsl:call-template name="identity-band-heights"/>
        <header>
          <xsl:call-template name="identity-header">
            <xsl:with-param name="text" select="concat(normalize-space(d:collectivite/d:nom), ' | ', $organe)"/>
          </xsl:call-template>
        </header>
        <footer>
          <p font-size="8" color="#444444" align="right" border-top="0.4" border-color="{$identity-rules}">
            <xsl:value-of select="concat('Liste des délibérations — séance du ', $date, ' | ')"/>
            <page-number/>
            <xsl:text>/</xsl:text>
            <page-count/>
          </p>
          <xsl:call-template name="identity-footer-lines"/>
        </footer>
      </page-template>
      <sequence template="liste" bookmark="Liste des délibérations">
        <xsl:call-template name="heading">
          <xsl:with-param name="organe" select="$organe"/>
          <xsl:with-param name="date" select="$date"/>
        </xsl:call-template>
        <xsl:call-template name="entries"/>
        <p font-size="8.5" color="#444444" space-before="10">
          <xsl:text>Liste établie en application de l'article L2121-25 du code général des collectivités territoriales : </xsl:text>
          <xsl:value-of select="fn:plural(count(d:entree), 'délibération', 'délibérations')"/>
          <xsl:text>.</xsl:text>
        </p>
      </sequence>
    </document>
  </xsl:template>

  <xsl:template name="heading">
    <xsl:param name="organe"/>
    <xsl:param name="date"/>
    <xsl:call-template name="identity-heading"/>
    <h level="1" font-size="14" font-weight="bold" align="center" space-after="4">
      <xsl:call-template name="identity-heading-font"/>
      <xsl:text>Liste des délibérations</xsl:text>
    </h>
    <p align="center" space-after="12">
      <xsl:value-of select="concat($organe, ' — séance du ', $date, ', ',
                                   fn:hour(d:seance/@heure))"/>
    </p>
  </xsl:template>

  <xsl:template name="entries">
    <table width="100%" border="0.4" border-color="#000000" cell-padding="3" font-size="9">
      <col width="22%"/>
      <col width="56%"/>
      <col width="22%"/>
      <thead>
        <tr background="{$header-fill}">
          <td><b>Numéro</b></td>
          <td><b>Objet</b></td>
          <td><b>Résultat du vote</b></td>
        </tr>
      </thead>
      <tbody>
        <xsl:apply-templates select="d:entree"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="d:entree">
    <tr>
      <td><xsl:value-of select="@numero"/></td>
      <td><xsl:value-of select="normalize-space(d:objet)"/></td>
      <td>
        <p font-weight="bold">
          <xsl:choose>
            <xsl:when test="@resultat = 'rejete'">Rejetée</xsl:when>
            <xsl:otherwise>Adoptée</xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="@pour">
          <p font-size="8">
            <xsl:value-of select="fn:plural(@pour, 'voix pour', 'voix pour')"/>
            <xsl:if test="@contre &gt; 0">
              <xsl:value-of select="concat(', ', fn:plural(@contre, 'contre', 'contre'))"/>
            </xsl:if>
            <xsl:if test="@abstentions &gt; 0">
              <xsl:value-of select="concat(', ', fn:plural(@abstentions, 'abstention', 'abstentions'))"/>
            </xsl:if>
          </p>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
