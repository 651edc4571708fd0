<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:delib:layout:1">
  <!-- A heading of level 9: layout.xsd allows 1 to 4. -->
  <xsl:template match="/">
    <document>
      <page-template name="a4" width="595" height="842"/>
      <sequence template="a4">
        <h level="9">Titre</h>
      </sequence>
    </document>
  </xsl:template>
</xsl:stylesheet>
