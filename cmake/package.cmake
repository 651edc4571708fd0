# SPDX-License-Identifier: Apache-2.0
# Debian packages with CPack (scripts/deb-build.sh builds them with
# dpkg-buildflags' hardening flags and -DDELIB_DEBIAN_DOCS=ON,
# scripts/deb-lint.sh runs lintian on them, scripts/deb-test.sh does both
# and tries them in a fresh Debian 12):
#   cmake -S . -B build-deb -DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF -DDELIB_DEBIAN_DOCS=ON
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
# Each package's Description is its component's: first line the synopsis,
# then the extended description, an empty line between paragraphs (CPack
# puts the space in front of each line and the " ." of an empty one). No
# CPACK_PACKAGE_DESCRIPTION_SUMMARY: CPack would put that one line in front
# of all three (same synopsis everywhere, the real one pushed into the text).
set(CPACK_COMPONENT_LIB_DESCRIPTION [=[library rendering French council deliberations to PDF/A-1b
libdelib renders the XML description of a French council deliberation into
the PDF/A-1b of the extract of the register, ready for signature.

This package holds the shared library and its data folder (schemas,
templates, font configuration).]=])
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libdelib-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# pkg-config reads the Requires.private modules' .pc files, and libdelib.a
# needs their libraries: the -dev packages of delib.pc's dependencies.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libxml2-dev, libxslt1-dev, libfontconfig-dev, libharfbuzz-dev, nettle-dev, libdeflate-dev, libfribidi-dev, libutf8proc-dev, libpng-dev, libjpeg-dev, libhpdf-dev, libhyphen-dev")
set(CPACK_COMPONENT_DEV_DESCRIPTION [=[development files for libdelib (deliberations to PDF/A-1b)
libdelib renders the XML description of a French council deliberation into
the PDF/A-1b of the extract of the register, ready for signature.

This package holds delib.h, libdelib.so, the static library libdelib.a,
delib.pc for pkg-config, the CMake package (find_package(delib), target
delib::delib) and the libdelib(3) manual page.]=])
set(CPACK_DEBIAN_CLI_PACKAGE_NAME delib)
set(CPACK_COMPONENT_CLI_DESCRIPTION [=[French council deliberations (XML) to signature-ready PDF/A-1b
delib validates a deliberation (the schema, then the law's rules as they
stood on the date of the meeting), applies a template and writes the
PDF/A-1b of the extract of the register with an empty signature field.

Commands: render, validate, templates, liste, convocation, batch (whole
archives) and serve (an HTTP service, with a systemd unit).]=])

# libdelib0: ldconfig runs through dpkg's trigger (debian-triggers), as
# debhelper does, not from maintainer scripts. CPack writes a postinst and a
# postrm calling ldconfig for any package holding a shared library under
# /usr/lib, with no option to turn them off: cmake/deb-postbuild.cmake
# takes them out of the built package again.
configure_file(${CMAKE_SOURCE_DIR}/cmake/debian-triggers ${CMAKE_BINARY_DIR}/debian/triggers COPYONLY)
set(CPACK_DEBIAN_LIB_PACKAGE_CONTROL_EXTRA ${CMAKE_BINARY_DIR}/debian/triggers)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# What dh_strip does beyond CPack's `strip`: no .comment or .note section
# (the compiler's version strings) in the binaries (cmake/deb-prebuild.cmake).
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/deb-prebuild.cmake)
set(CPACK_POST_BUILD_SCRIPTS ${CMAKE_SOURCE_DIR}/cmake/deb-postbuild.cmake)
# The Debian layout (-DDELIB_DEBIAN_DOCS=ON, cmake/install.cmake; not in a
# plain install): in /usr/share/doc/PACKAGE of each package the copyright
# file and changelog.Debian.gz, in libdelib0's also NOTICE (the copyright
# file points there) and the upstream changelog as changelog.gz; the
# lintian overrides (cmake/lintian/COMPONENT.overrides, each with its
# reason) under /usr/share/lintian/overrides.
if(DELIB_DEBIAN_DOCS)
  # changelog.Debian: one entry for this version, dated as CHANGELOG.md's
  # entry for it (a package of a version CHANGELOG.md does not describe is
  # not a release).
  string(REPLACE "." "\\." version_re ${PROJECT_VERSION})
  file(STRINGS ${CMAKE_SOURCE_DIR}/CHANGELOG.md release REGEX "^## \\[${version_re}\\] - [0-9]+-[0-9]+-[0-9]+$")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/CHANGELOG.md)
  if(NOT release)
    message(FATAL_ERROR "CHANGELOG.md has no dated entry for ${PROJECT_VERSION} (## [${PROJECT_VERSION}] - YYYY-MM-DD): the Debian changelog takes its date")
  endif()
  string(REGEX REPLACE ".* - " "" release_date "${release}")
  execute_process(COMMAND env LC_ALL=C date -u -R -d "${release_date} 12:00"
    OUTPUT_VARIABLE release_date OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  set(deb_version ${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})
  file(WRITE ${CMAKE_BINARY_DIR}/debian/changelog.Debian
"delib (${deb_version}) bookworm; urgency=medium

  * delib ${PROJECT_VERSION}, packaged with CPack (cmake/package.cmake).
    Upstream changes: /usr/share/doc/${CPACK_DEBIAN_LIB_PACKAGE_NAME}/changelog.gz.

 -- ${CPACK_PACKAGE_CONTACT}  ${release_date}
")
  configure_file(${CMAKE_SOURCE_DIR}/CHANGELOG.md ${CMAKE_BINARY_DIR}/debian/changelog COPYONLY)
  foreach(f changelog.Debian changelog)
    execute_process(COMMAND ${DELIB_GZIP} -9nf ${CMAKE_BINARY_DIR}/debian/${f} COMMAND_ERROR_IS_FATAL ANY)
  endforeach()
  foreach(comp lib dev cli)
    string(TOUPPER ${comp} COMP)
    set(pkg ${CPACK_DEBIAN_${COMP}_PACKAGE_NAME})
    install(FILES ${CMAKE_SOURCE_DIR}/cmake/debian-copyright RENAME copyright
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${comp})
    install(FILES ${CMAKE_BINARY_DIR}/debian/changelog.Debian.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${comp})
    if(EXISTS ${CMAKE_SOURCE_DIR}/cmake/lintian/${comp}.overrides)
      install(FILES ${CMAKE_SOURCE_DIR}/cmake/lintian/${comp}.overrides RENAME ${pkg}
              DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT ${comp})
    endif()
  endforeach()
  install(FILES ${CMAKE_SOURCE_DIR}/NOTICE ${CMAKE_BINARY_DIR}/debian/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_LIB_PACKAGE_NAME} COMPONENT lib)
endif()
# dpkg-shlibdeps must find libdelib.so.0 of this build for the delib package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR})
include(CPack)
