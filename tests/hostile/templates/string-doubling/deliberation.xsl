<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:template name="double">
    <xsl:param name="s" select="'abcdefgh'"/>
    <xsl:call-template name="double"><xsl:with-param name="s" select="concat($s, $s)"/></xsl:call-template>
  </xsl:template>
  <xsl:template name="extract-heading"><xsl:call-template name="double"/></xsl:template>
</xsl:stylesheet>
