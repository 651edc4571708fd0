<?xml version="1.0" encoding="UTF-8"?>
<!-- SPDX-License-Identifier: Apache-2.0 -->
<!-- The identity of template.xml (schema/template.xsd) on the pages of
     the list and the convocation, as deliberation.xsl puts it on the
     extract's: the logo and the collectivity's lines above the title, the
     header and footer lines, the colours, the headings' font, the
     margins. Included by liste.xsl and convocation.xsl, which declare the
     parameter $identity (template.xml's root element, or nothing) and the
     variable $margin [pt]. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:delib:layout:1">

  <xsl:variable name="identity-mm" select="72 div 25.4"/>  <!-- [pt] per millimetre -->
  <!-- template.xml's colours, else this template's. -->
  <xsl:variable name="identity-rules"
                select="concat($identity/colours/@rules, substring('#888888', 1 div not($identity/colours/@rules)))"/>
  <xsl:variable name="identity-accent"
                select="concat($identity/colours/@main, substring('#1f3864', 1 div not($identity/colours/@main)))"/>

  <!-- A page margin [pt]: the identity's (in millimetres), else $margin. -->
  <xsl:template name="identity-page-margin">
    <xsl:param name="side"/>
    <xsl:variable name="mm-value" select="$identity/margins/@*[local-name() = $side]"/>
    <xsl:choose>
      <xsl:when test="$mm-value"><xsl:value-of select="round($mm-value * $identity-mm * 100) div 100"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$margin"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The four margins of a page-template, as attributes. -->
  <xsl:template name="identity-margins">
    <xsl:attribute name="margin-top">
      <xsl:call-template name="identity-page-margin"><xsl:with-param name="side" select="'top'"/></xsl:call-template>
    </xsl:attribute>
    <xsl:attribute name="margin-bottom">
      <xsl:call-template name="identity-page-margin"><xsl:with-param name="side" select="'bottom'"/></xsl:call-template>
    </xsl:attribute>
    <xsl:attribute name="margin-left">
      <xsl:call-template name="identity-page-margin"><xsl:with-param name="side" select="'left'"/></xsl:call-template>
    </xsl:attribute>
    <xsl:attribute name="margin-right">
      <xsl:call-template name="identity-page-margin"><xsl:with-param name="side" select="'right'"/></xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <!-- The running bands' heights [pt]: room for their lines of 8 pt, at
       least 28.35 (1 cm). -->
  <xsl:template name="identity-band-heights">
    <xsl:variable name="header-lines" select="count($identity/header/line)"/>
    <xsl:variable name="footer-lines" select="count($identity/footer/line) + 1"/>
    <xsl:attribute name="header-height">
      <xsl:value-of select="concat(substring($header-lines * 12 + 4, 1 div ($header-lines * 12 + 4 &gt; 28.35)),
                                   substring('28.35', 1 div not($header-lines * 12 + 4 &gt; 28.35)))"/>
    </xsl:attribute>
    <xsl:attribute name="footer-height">
      <xsl:value-of select="concat(substring($footer-lines * 12 + 4, 1 div ($footer-lines * 12 + 4 &gt; 28.35)),
                                   substring('28.35', 1 div not($footer-lines * 12 + 4 &gt; 28.35)))"/>
    </xsl:attribute>
  </xsl:template>

  <!-- The header: template.xml's lines, else `text`; a rule under the last. -->
  <xsl:template name="identity-header">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="$identity/header/line">
        <xsl:for-each select="$identity/header/line">
          <p font-size="8" color="#444444" border-color="{$identity-rules}">
            <xsl:if test="position() = last()">
              <xsl:attribute name="border-bottom">0.4</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </p>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p font-size="8" color="#444444" border-bottom="0.4" border-color="{$identity-rules}">
          <xsl:value-of select="$text"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- template.xml's footer lines, centred under the page number. -->
  <xsl:template name="identity-footer-lines">
    <xsl:for-each select="$identity/footer/line">
      <p font-size="8" color="#444444" align="center"><xsl:value-of select="normalize-space(.)"/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- The logo and the collectivity's lines, above the title of page 1. -->
  <xsl:template name="identity-heading">
    <xsl:if test="$identity/logo or $identity/collectivity/line">
      <block space-after="6" keep-together="true">
        <xsl:for-each select="$identity/logo">
          <image src="{@src}" width="{round(concat(@width, substring('20', 1 div not(@width))) * $identity-mm)}" alt="Logo{substring(concat(' : ', normalize-space($identity/collectivity/line[1])), 1 div boolean($identity/collectivity/line))}"
                 height="{round(concat(@height, substring('20', 1 div not(@height))) * $identity-mm)}"/>
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

  <!-- The headings' font of template.xml on a heading, as an attribute. -->
  <xsl:template name="identity-heading-font">
    <xsl:if test="$identity/fonts/@headings">
      <xsl:attribute name="font-family"><xsl:value-of select="$identity/fonts/@headings"/></xsl:attribute>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
