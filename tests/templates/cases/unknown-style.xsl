<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:delib:layout:1">
  <!-- Paragraphs in a style nobody declared, written three times by one
       template line: reported once, at that line. -->
  <xsl:template match="/">
    <document>
      <style name="corps" font-size="11"/>
      <page-template name="a4" width="595" height="842"/>
      <sequence template="a4">
        <p style="corps">Texte</p>
        <xsl:for-each select="(//node())[position() &lt;= 3]">
          <p style="titre">Texte</p>
        </xsl:for-each>
      </sequence>
    </document>
  </xsl:template>
</xsl:stylesheet>
