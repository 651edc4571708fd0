<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- An attribute value template whose brace is never closed. -->
  <xsl:template name="extract-heading">
    <p style="{text">
      <xsl:value-of select="d:objet"/>
    </p>
  </xsl:template>
</xsl:stylesheet>
