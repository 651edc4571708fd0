<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- "colors" for "colours": template.xml's colour never reaches the rule. -->
  <xsl:template name="extract-heading">
    <block border="0.6" border-color="{$identity/colors/@main}">
      <p><xsl:value-of select="d:objet"/></p>
    </block>
  </xsl:template>
</xsl:stylesheet>
