<?xml version="1.0" encoding="UTF-8"?>
<modele xmlns="urn:delib:layout:1">
  <p>Un modèle doit être une feuille de style XSLT.</p>
</modele>
