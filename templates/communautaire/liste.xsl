<?xml version="1.0" encoding="UTF-8"?><!-- SPDX-License-Identifier: Apache-2.0 -->
<!-- The séance's list in this template's fonts and colour: the default
     list with other variables (docs/templates.md, "Starting from default"). -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1"
                xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1"
                exclude-result-prefixes="d fn">
  <xsl:import href="../default/liste.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:variable name="font-family" select="'Liberation Serif'"/>
  <xsl:variable name="header-fill" select="'#e3f0f1'"/>
</xsl:stylesheet>
