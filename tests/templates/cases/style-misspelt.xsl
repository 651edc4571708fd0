<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:d="urn:delib:deliberation:1" xmlns:fn="urn:delib:fn"
                xmlns="urn:delib:layout:1" exclude-result-prefixes="d fn">
  <xsl:import href="../default/deliberation.xsl"/>
  <!-- "texte" for "text": default's elements name "text". -->
  <xsl:template name="styles">
    <style name="running" font-size="8"/>
    <style name="title" font-size="14" font-weight="bold"/>
    <style name="count"/>
    <style name="texte" align="justify"/>
    <style name="label" font-weight="bold"/>
    <style name="list"/>
    <style name="list-item"/>
    <style name="section" font-size="12"/>
    <style name="subsection" font-size="10.5"/>
    <style name="subsubsection" font-size="10"/>
    <style name="table"/>
    <style name="cell"/>
  </xsl:template>
</xsl:stylesheet>
