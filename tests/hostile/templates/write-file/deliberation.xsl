<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns="urn:delib:layout:1" exclude-result-prefixes="d">
  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:template name="extract-heading">
    <xsl:document href="/tmp/delib-hostile-written.xml" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><x/></xsl:document>
    <exsl:document href="/tmp/delib-hostile-written2.xml" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl"><x/></exsl:document>
  </xsl:template>
</xsl:stylesheet>
