<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fn="urn:delib:fn" xmlns="urn:delib:layout:1"
                exclude-result-prefixes="fn">
  <xsl:template match="/">
    <document>
      <page-template name="a4" width="595" height="842"/>
      <sequence template="a4">
        <p><xsl:value-of select="fn:date-long('14/10/2021')"/></p>
      </sequence>
    </document>
  </xsl:template>
</xsl:stylesheet>
