<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- A key named as in another template: default declares "conseiller". -->
  <xsl:template name="extract-heading">
    <xsl:for-each select="key('membre', d:rapporteur/@ref)">
      <p><xsl:value-of select="@nom"/></p>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
