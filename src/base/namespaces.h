/* SPDX-License-Identifier: Apache-2.0 */
/* The namespace URIs of delib's XML vocabularies (docs/vocabulary.md),
 * written once: the schemas, the templates and the code must agree. */
#ifndef DELIB_NAMESPACES_H
#define DELIB_NAMESPACES_H

#define NS_DELIBERATION "urn:delib:deliberation:1"  /* the domain: schema/deliberation.xsd */
#define NS_LAYOUT "urn:delib:layout:1"              /* the layout tree: schema/layout.xsd */
#define NS_FUNCTIONS "urn:delib:fn"                 /* the XSLT extension functions */
#endif
