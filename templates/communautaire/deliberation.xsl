<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!--
  Template "communautaire": the council of an intercommunality (EPCI).

  Built on the default template by xsl:import: everything not redefined here
  (the opening sentence, attendance, Vu / Considérant / Décide, the vote
  sentence, the annex) comes from templates/default/deliberation.xsl. What
  differs: a serif body (Liberation Serif) with sans-serif headings
  (Liberation Sans), the intercommunality's logo and name in a two-part
  header, a teal colour, the counts as a small table, and its own wording
  of the executory block (the regime of the séance's date, by fn:era:
  after 1 July 2022, publication on the website, "Publié le").
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">

  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="font-family" select="'Liberation Serif'"/>
  <xsl:variable name="font-size" select="10.5"/>
  <xsl:variable name="extract-title" select="'Registre des délibérations — extrait'"/>
  <xsl:variable name="header-height" select="48"/>
  <xsl:variable name="margin-top" select="34"/>

  <xsl:template name="styles">
    <style name="running" font-family="Liberation Sans" font-size="8" color="#00646e"
           line-height="1.3" border-color="#00646e"/>
    <style name="title" font-family="Liberation Sans" font-size="15" font-weight="bold"
           color="#00646e" space-before="2" space-after="10"/>
    <style name="count" font-family="Liberation Sans" font-size="9"/>
    <style name="text" align="justify" space-after="5"/>
    <style name="label" font-family="Liberation Sans" font-size="9.5" font-weight="bold"
           color="#00646e" space-before="8" space-after="2" keep-with-next="true"/>
    <style name="list" space-after="5"/>
    <style name="list-item" space-after="1.5"/>
    <style name="section" font-family="Liberation Sans" font-size="12.5" font-weight="bold"
           color="#00646e" space-before="12" space-after="6" keep-with-next="true"/>
    <style name="subsection" font-family="Liberation Sans" font-size="10.5" font-weight="bold"
           space-before="8" space-after="3" keep-with-next="true"/>
    <style name="subsubsection" font-family="Liberation Sans" font-size="10" font-style="italic"
           space-before="6" space-after="2" keep-with-next="true"/>
    <style name="table" border-color="#00646e" space-before="4" space-after="8"/>
    <style name="cell" space-after="1.5"/>
  </xsl:template>

  <!-- Header: the logo, then the body's name and the séance. Page 1's
       header is narrowed by the engine around the stamp reserve. -->
  <xsl:template name="running-header">
    <xsl:param name="subtitle"/>
    <header>
      <table width="100%" border="0" cell-padding="0">
        <col width="44"/>
        <col width="auto"/>
        <tbody>
          <tr>
            <td><image src="logo.png" width="38" height="38"/></td>
            <td>
              <p style="running" font-size="9.5" font-weight="bold">
                <xsl:call-template name="draft-mark"/>
                <xsl:value-of select="normalize-space(/d:deliberation/d:collectivite/d:nom)"/>
              </p>
              <p style="running">
                <xsl:value-of select="$subtitle"/>
              </p>
            </td>
          </tr>
        </tbody>
      </table>
      <block border-bottom="0.8" border-color="#00646e"/>
    </header>
  </xsl:template>

  <xsl:template name="running-footer">
    <xsl:param name="label"/>
    <footer>
      <p style="running" border-top="0.4" align="center">
        <xsl:value-of select="$label"/>
        <xsl:text> — page </xsl:text>
        <page-number/>
        <xsl:text> sur </xsl:text>
        <page-count/>
      </p>
    </footer>
  </xsl:template>

  <xsl:template name="page-template-extract">
    <page-template name="extrait" width="{$a4-short}" height="{$a4-long}"
                   margin-top="{$margin-top}" margin-bottom="{$margin}"
                   margin-left="{$margin}" margin-right="{$margin}"
                   header-height="{$header-height}" footer-height="{$footer-height}">
      <xsl:call-template name="running-header">
        <xsl:with-param name="subtitle"
                        select="concat(normalize-space(d:collectivite/d:organe), ' — séance du ',
                                       fn:date-long(d:seance/@date))"/>
      </xsl:call-template>
      <xsl:call-template name="running-footer">
        <xsl:with-param name="label">
          <xsl:choose>
            <xsl:when test="$draft">
              <xsl:value-of select="concat('Projet de délibération n° ', @numero)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat('Délibération n° ', @numero)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="draft-watermark"/>
    </page-template>
  </xsl:template>

  <xsl:template name="page-template-annex">
    <xsl:param name="name"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <page-template name="{$name}" width="{$width}" height="{$height}"
                   margin-top="{$margin-top}" margin-bottom="{$margin}"
                   margin-left="{$margin}" margin-right="{$margin}"
                   header-height="{$header-height}" footer-height="{$footer-height}">
      <xsl:call-template name="running-header">
        <xsl:with-param name="subtitle"
                        select="concat('Annexe à la délibération n° ', @numero)"/>
      </xsl:call-template>
      <xsl:call-template name="running-footer">
        <xsl:with-param name="label" select="'Annexe'"/>
      </xsl:call-template>
      <xsl:call-template name="draft-watermark"/>
    </page-template>
  </xsl:template>

  <!-- Number and object in a tinted band, the rapporteur under it. -->
  <xsl:template name="extract-heading">
    <block background="#e3f0f1" border-top="2" border-color="#00646e" padding="6"
           space-after="8" keep-together="true">
      <p font-family="Liberation Sans" font-size="9" color="#00646e" font-weight="bold">
        <xsl:choose>
          <xsl:when test="$draft"><xsl:value-of select="concat('PROJET DE DÉLIBÉRATION N° ', @numero)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('DÉLIBÉRATION N° ', @numero)"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <p font-size="12" font-weight="bold">
        <xsl:apply-templates select="d:objet/node()" mode="inline"/>
      </p>
      <xsl:for-each select="key('conseiller', d:rapporteur/@ref)">
        <p font-style="italic">
          <xsl:value-of select="concat('Rapporteur : ', fn:civility(@civilite), '&#160;',
                                       @prenom, ' ', @nom)"/>
          <xsl:if test="@fonction">
            <xsl:value-of select="concat(', ', @fonction)"/>
          </xsl:if>
        </p>
      </xsl:for-each>
    </block>
  </xsl:template>

  <!-- The counts as a small table: members in office, present, voting. -->
  <xsl:template name="extract-counts">
    <!-- at this vote: arrivals and departures counted -->
    <xsl:variable name="p" select="d:presences"/>
    <xsl:variable name="present" select="fn:attendance($p, 'presents')"/>
    <xsl:variable name="proxies" select="fn:attendance($p, 'representes')"/>
    <table width="100%" border="0.4" border-color="#00646e" cell-padding="3"
           space-after="8" font-family="Liberation Sans" font-size="9">
      <col width="25%"/><col width="25%"/><col width="25%"/><col width="25%"/>
      <tbody>
        <tr background="#e3f0f1">
          <td><b>Conseillers en exercice</b></td>
          <td><b>Présents à l'ouverture</b></td>
          <td><b>Votants (dont pouvoirs)</b></td>
          <td><b>Convocation</b></td>
        </tr>
        <tr>
          <td><xsl:value-of select="d:conseillers/@en-exercice"/></td>
          <td><xsl:value-of select="d:presences/@presents-ouverture"/></td>
          <td><xsl:value-of select="concat($present + $proxies, ' (', $proxies, ')')"/></td>
          <td>
            <xsl:if test="d:seance/@convocation">
              <xsl:value-of select="fn:date-long(d:seance/@convocation)"/>
            </xsl:if>
          </td>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <!-- Since 1 July 2022 (ordonnance 2021-1310): transmission, then
       publication on the website, or notification for individual acts. -->
  <xsl:template name="executory">
    <xsl:variable name="e" select="d:executoire"/>
    <xsl:if test="not($draft) and $e/@*">
      <block border="0.6" border-color="#00646e" padding="5" space-before="10"
             indent-right="200" font-family="Liberation Sans" font-size="8.5"
             keep-together="true">
        <p font-weight="bold" color="#00646e">Acte rendu exécutoire</p>
        <xsl:if test="$e/@reception-prefecture">
          <p>
            <xsl:value-of select="concat('Transmis au contrôle de légalité, reçu le ',
                                         fn:date-long($e/@reception-prefecture))"/>
          </p>
        </xsl:if>
        <xsl:if test="$e/@identifiant">
          <p>
            <xsl:value-of select="concat('Identifiant : ', $e/@identifiant)"/>
          </p>
        </xsl:if>
        <!-- The regime of the séance's date, from the same table as the
             validator (fn:era), worded this body's way. -->
        <xsl:variable name="mode"
                      select="fn:era(/d:deliberation/d:seance/@date, 'publicite',
                                     string(/d:deliberation/@nature))"/>
        <xsl:variable name="when" select="$e/@*[local-name() = $mode]"/>
        <xsl:if test="$when">
          <p>
            <xsl:choose>
              <xsl:when test="$mode = 'publication'">
                <xsl:value-of select="concat('Publié le ', fn:date-long($when),
                                             ' sur le site internet de la collectivité')"/>
              </xsl:when>
              <xsl:when test="$mode = 'notification'">
                <xsl:value-of select="concat('Notifié le ', fn:date-long($when))"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat('Affiché ou notifié le ', fn:date-long($when))"/>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:if>
      </block>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
