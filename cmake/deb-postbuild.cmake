# SPDX-License-Identifier: Apache-2.0
# CPack (CPACK_POST_BUILD_SCRIPTS, cmake/package.cmake), once the .deb files
# are made: takes CPack's postinst and postrm out of the library package.
# CPack writes them, calling ldconfig, for any package holding a shared
# library under /usr/lib and has no option against it; Debian runs ldconfig
# through dpkg's trigger instead (cmake/debian-triggers, in the package's
# control files), and lintian warns of maintainer scripts calling it. The
# package is unpacked and built again with dpkg-deb, files and md5sums
# untouched.
find_program(DELIB_DPKG_DEB dpkg-deb REQUIRED)
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
  get_filename_component(name "${deb}" NAME)
  if(NOT name MATCHES "^${CPACK_DEBIAN_LIB_PACKAGE_NAME}_")
    continue()
  endif()
  set(tree "${CPACK_TOPLEVEL_DIRECTORY}/repack-${CPACK_DEBIAN_LIB_PACKAGE_NAME}")
  file(REMOVE_RECURSE "${tree}")
  execute_process(COMMAND ${DELIB_DPKG_DEB} --raw-extract "${deb}" "${tree}" COMMAND_ERROR_IS_FATAL ANY)
  file(REMOVE "${tree}/DEBIAN/postinst" "${tree}/DEBIAN/postrm")
  execute_process(COMMAND ${DELIB_DPKG_DEB} --root-owner-group -Zxz --build "${tree}" "${deb}"
    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
  file(REMOVE_RECURSE "${tree}")
endforeach()
