<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xsl:stylesheet [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="urn:delib:layout:1">
  <xsl:import href="../default/deliberation.xsl"/>
  <xsl:variable name="extract-title">&secret;</xsl:variable>
</xsl:stylesheet>
