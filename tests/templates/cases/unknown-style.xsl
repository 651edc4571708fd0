<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- Paragraphs in a style nobody declared, written three times by one
       template line: reported once, at that line; the PDF is written. -->
  <xsl:template name="extract-heading">
    <xsl:for-each select="d:objet | d:seance | d:vote">
      <p style="titre"><xsl:value-of select="name()"/></p>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
