<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:delib:layout:1">
  <xsl:template match="/">
    <document>
      <page-template name="a4" width="595" height="842"/>
      <sequence template="a5">
        <p>Texte</p>
      </sequence>
    </document>
  </xsl:template>
</xsl:stylesheet>
