<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:template name="extract-heading">
    <p><xsl:value-of select="count(//node()[count(//node()[count(//node()) &gt; 0]) &gt; 0])"/></p>
  </xsl:template>
</xsl:stylesheet>
