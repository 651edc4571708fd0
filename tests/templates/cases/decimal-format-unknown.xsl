<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- format-number() with a decimal format nobody declared. -->
  <xsl:template name="extract-counts">
    <p style="count">
      <xsl:value-of select="format-number(d:vote/@pour, '# ##0', 'fr')"/>
    </p>
  </xsl:template>
</xsl:stylesheet>
