<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!-- The convocation in this template's fonts and colour: the default
     convocation with other variables (docs/templates.md). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">
  <xsl:import href="../default/convocation.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:variable name="font-family" select="'Liberation Serif'"/>
  <xsl:variable name="accent" select="'#00646e'"/>
</xsl:stylesheet>
