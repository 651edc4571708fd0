<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- "d:objt" for "d:objet": the heading is empty, silently. -->
  <xsl:template name="extract-heading">
    <p style="title"><xsl:value-of select="concat('N° ', @numero, ' : ', d:objt)"/></p>
  </xsl:template>
</xsl:stylesheet>
