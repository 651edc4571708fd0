<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:variable name="font-family" select="'Liberation Serif'"/>
  <!-- xsl:import after another top-level element. -->
  <xsl:import href="../default/deliberation.xsl"/>
</xsl:stylesheet>
