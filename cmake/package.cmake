# SPDX-License-Identifier: Apache-2.0
# Debian packages with CPack (scripts/deb-test.sh builds and tries them):
#   cmake -S . -B build-deb -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF
#   cmake --build build-deb && (cd build-deb && cpack -G DEB)
# Three packages, as Debian does for a library with a SONAME:
#   libdelib0     libdelib.so.0 and the data folder /usr/share/delib
#                 (schemas, templates, font configuration), delib-modele(5)
#   libdelib-dev  delib.h, libdelib.so, libdelib.a, delib.pc, the CMake
#                 package, libdelib(3)
#   delib         the command, its man pages, the bash completion, the
#                 systemd unit; depends on libdelib0 for the data folder
# so that a program linking libdelib pulls neither the command nor
# libmicrohttpd, and the command's users get no headers. Library
# dependencies come from dpkg-shlibdeps; the files read at run time (fonts,
# hyphenation patterns, colour profile) are listed by hand.
set(CPACK_PACKAGE_NAME delib)
set(CPACK_PACKAGE_VENDOR "delib")
set(CPACK_PACKAGE_CONTACT "delib <delib@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "French council deliberations (XML) to signature-ready PDF/A-1b")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL lib dev cli)
set(CPACK_COMPONENT_CLI_DEPENDS lib)
set(CPACK_COMPONENT_DEV_DEPENDS lib)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/delib")

set(CPACK_DEBIAN_LIB_PACKAGE_NAME libdelib${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_LIB_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIB_PACKAGE_DEPENDS
    "hyphen-fr, icc-profiles-free, fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation2")
set(CPACK_COMPONENT_LIB_DESCRIPTION
    "delib library: deliberations to PDF/A-1b\n libdelib renders the XML description of a French council deliberation into\n the PDF/A-1b of the extract of the register, ready for signature. This\n package holds the shared library and the data folder (schemas, templates).")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libdelib-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# pkg-config reads the Requires.private modules' .pc files, and libdelib.a
# needs their libraries: the -dev packages of delib.pc's dependencies.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libxml2-dev, libxslt1-dev, libfontconfig-dev, libharfbuzz-dev, nettle-dev, libdeflate-dev, libfribidi-dev, libpng-dev, libjpeg-dev, libhpdf-dev, libhyphen-dev")
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "delib library: development files\n delib.h, libdelib.so, libdelib.a, delib.pc and the CMake package\n (find_package(delib), target delib::delib).")
set(CPACK_DEBIAN_CLI_PACKAGE_NAME delib)
set(CPACK_COMPONENT_CLI_DESCRIPTION
    "French council deliberations (XML) to signature-ready PDF/A-1b\n delib validates a deliberation (schema, then the law's rules by the date of\n the seance), applies a template and writes the PDF/A-1b of the extract of\n the register with an empty signature field. Commands: render, validate,\n templates, liste, batch (whole archives), serve (HTTP service).")
# Debian wants /usr/share/doc/PACKAGE/copyright in each package: with
# -DDELIB_DEBIAN_DOCS=ON (scripts/deb-test.sh), not in a plain install.
option(DELIB_DEBIAN_DOCS "Install /usr/share/doc/PACKAGE/copyright for the Debian packages" OFF)
if(DELIB_DEBIAN_DOCS)
  foreach(comp lib dev cli)
    string(TOUPPER ${comp} COMP)
    install(FILES ${CMAKE_SOURCE_DIR}/cmake/debian-copyright RENAME copyright
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_${COMP}_PACKAGE_NAME} COMPONENT ${comp})
  endforeach()
  install(FILES ${CMAKE_SOURCE_DIR}/NOTICE ${CMAKE_SOURCE_DIR}/CHANGELOG.md
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_LIB_PACKAGE_NAME} COMPONENT lib)
endif()
# dpkg-shlibdeps must find libdelib.so.0 of this build for the delib package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR})
include(CPack)
