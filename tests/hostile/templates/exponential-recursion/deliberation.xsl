<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:template name="twice">
    <xsl:param name="n" select="60"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="twice"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="twice"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template name="extract-heading"><xsl:call-template name="twice"/></xsl:template>
</xsl:stylesheet>
