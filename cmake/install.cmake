# SPDX-License-Identifier: Apache-2.0
# Installing delib (included by the top CMakeLists.txt, after every target):
#   bin/delib
#   lib/libdelib.so.0 (SONAME), libdelib.so, libdelib.a
#   include/delib.h
#   share/delib/{schema,templates,fonts}   the data folder
#   share/delib/samples (and samples/wording)  the documents templates --check tries
#   lib/pkgconfig/delib.pc, lib/cmake/delib/ (imported target delib::delib)
#   share/man/man{1,3,5}, share/bash-completion/completions/delib
# and where an installed libdelib looks for its data folder (src/delib.c,
# delib_default_data_dir).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DELIB_INSTALL_DATADIR_REL ${CMAKE_INSTALL_DATADIR}/delib)
set(DELIB_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/delib)

# The data folder relative to the installed executable and library, so that
# a moved prefix still works; then the configured prefix; a program run
# from this build tree uses the source tree instead.
file(RELATIVE_PATH DELIB_DATADIR_FROM_BIN ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${DELIB_INSTALL_DATADIR_REL})
file(RELATIVE_PATH DELIB_DATADIR_FROM_LIB ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}
     ${CMAKE_INSTALL_PREFIX}/${DELIB_INSTALL_DATADIR_REL})
target_compile_definitions(delib_pipeline PRIVATE
  DELIB_DATADIR_FROM_BIN="${DELIB_DATADIR_FROM_BIN}"
  DELIB_DATADIR_FROM_LIB="${DELIB_DATADIR_FROM_LIB}"
  DELIB_INSTALL_DATADIR="${CMAKE_INSTALL_FULL_DATADIR}/delib"
  DELIB_BUILD_DIR="${CMAKE_BINARY_DIR}"
  DELIB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
# dladdr: in libc since glibc 2.34, in libdl before.
target_link_libraries(delibcore PUBLIC ${CMAKE_DL_LIBS})
target_link_libraries(delib_shared PRIVATE ${CMAKE_DL_LIBS})

# The shared library as the package's delib::delib.
set_target_properties(delib_shared PROPERTIES EXPORT_NAME delib)
target_include_directories(delib_shared INTERFACE
  $<BUILD_INTERFACE:${CMAKE_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

# libdelib.a: the library's objects linked into one relocatable object
# whose hidden symbols are then made local, so that a static link sees the
# same API as the shared library (only delib_* symbols global) and no
# internal name (arena_*, parse_*…) can clash with the program's own.
# Not with the sanitizers or the fuzzer: their builds are for tests.
option(DELIB_STATIC "Build and install libdelib.a" ON)
if(DELIB_STATIC AND NOT DELIB_SANITIZE AND NOT DELIB_FUZZ)
  find_program(DELIB_OBJCOPY NAMES objcopy ${CMAKE_OBJCOPY} REQUIRED)
  set(DELIB_STATIC_OBJ ${CMAKE_BINARY_DIR}/libdelib-static.o)
  set(DELIB_STATIC_LIB ${CMAKE_BINARY_DIR}/libdelib.a)
  add_custom_command(OUTPUT ${DELIB_STATIC_LIB}
    COMMAND ${CMAKE_LINKER} -r -o ${DELIB_STATIC_OBJ} ${DELIB_OBJECTS}
    COMMAND ${DELIB_OBJCOPY} --localize-hidden --strip-unneeded ${DELIB_STATIC_OBJ}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${DELIB_STATIC_LIB}
    COMMAND ${CMAKE_AR} qc ${DELIB_STATIC_LIB} ${DELIB_STATIC_OBJ}
    COMMAND ${CMAKE_RANLIB} ${DELIB_STATIC_LIB}
    DEPENDS ${DELIB_OBJECTS}
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(delib_static ALL DEPENDS ${DELIB_STATIC_LIB})
  add_dependencies(delib_static delib_pipeline)
  foreach(layer IN LISTS DELIB_LAYERS)
    add_dependencies(delib_static delib_${layer})
  endforeach()
  install(FILES ${DELIB_STATIC_LIB} DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
endif()

install(TARGETS delib RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(TARGETS delib_shared EXPORT delibTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT lib NAMELINK_COMPONENT dev)
install(FILES include/delib.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(DIRECTORY schema templates DESTINATION ${DELIB_INSTALL_DATADIR_REL} COMPONENT lib)
install(FILES fonts/fonts.conf DESTINATION ${DELIB_INSTALL_DATADIR_REL}/fonts COMPONENT lib)
# What `delib templates --check NAME` tries a template on when given no
# file (src/cli/check.c): the samples and the wording corpus's documents.
file(GLOB DELIB_SAMPLES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*.xml)
file(GLOB DELIB_WORDING CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/corpus/wording/*.xml)
install(FILES ${DELIB_SAMPLES} DESTINATION ${DELIB_INSTALL_DATADIR_REL}/samples COMPONENT cli)
install(FILES ${DELIB_WORDING} DESTINATION ${DELIB_INSTALL_DATADIR_REL}/samples/wording COMPONENT cli)

# pkg-config: prefix relative to the .pc file, so a moved prefix still works.
file(RELATIVE_PATH DELIB_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" DELIB_PC_TO_PREFIX "${DELIB_PC_TO_PREFIX}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/delib.pc.in ${CMAKE_BINARY_DIR}/delib.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/delib.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# CMake package: find_package(delib) then target_link_libraries(app delib::delib).
install(EXPORT delibTargets NAMESPACE delib:: DESTINATION ${DELIB_INSTALL_CMAKEDIR} COMPONENT dev)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/delibConfig.cmake.in
  ${CMAKE_BINARY_DIR}/delibConfig.cmake INSTALL_DESTINATION ${DELIB_INSTALL_CMAKEDIR}
  PATH_VARS DELIB_INSTALL_DATADIR_REL)
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/delibConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/delibConfig.cmake ${CMAKE_BINARY_DIR}/delibConfigVersion.cmake
  DESTINATION ${DELIB_INSTALL_CMAKEDIR} COMPONENT dev)

# Man pages (French, mdoc).
# DELIB_DEBIAN_DOCS (scripts/deb-build.sh, the Debian packages): the pages
# compressed with gzip -9n and the one-line `.so` pages as symbolic links, as
# Debian policy wants (dh_installman's layout); else installed as written.
option(DELIB_DEBIAN_DOCS "Debian packages' layout: /usr/share/doc/PACKAGE, compressed man pages, lintian overrides" OFF)
if(DELIB_DEBIAN_DOCS)
  find_program(DELIB_GZIP gzip REQUIRED)
endif()
set(DELIB_MAN_GZ ${CMAKE_BINARY_DIR}/man-gz)
function(delib_install_man section component)
  foreach(page IN LISTS ARGN)
    get_filename_component(name ${page} NAME)
    if(NOT DELIB_DEBIAN_DOCS)
      install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
      continue()
    endif()
    set(copy ${DELIB_MAN_GZ}/man${section}/${name})
    add_custom_command(OUTPUT ${copy}.gz
      COMMAND ${CMAKE_COMMAND} -E copy ${page} ${copy}
      COMMAND ${DELIB_GZIP} -9nf ${copy}
      DEPENDS ${page} VERBATIM)
    set_property(GLOBAL APPEND PROPERTY DELIB_MAN_GZ_PAGES ${copy}.gz)
    install(FILES ${copy}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT ${component})
  endforeach()
endfunction()
file(GLOB DELIB_MAN1 CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/*.1)
file(GLOB DELIB_MAN3 CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/*.3)
file(GLOB DELIB_MAN5 CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/*.5)
delib_install_man(1 cli ${DELIB_MAN1})
delib_install_man(3 dev ${DELIB_MAN3})
delib_install_man(5 lib ${DELIB_MAN5})
if(DELIB_DEBIAN_DOCS)
  get_property(pages GLOBAL PROPERTY DELIB_MAN_GZ_PAGES)
  add_custom_target(delib_man_gz ALL DEPENDS ${pages})
endif()
# man delib_ctx_new, … : one .so page per function of libdelib(3) (a
# symbolic link to libdelib.3.gz in the Debian layout).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/libdelib.3)
file(STRINGS ${CMAKE_SOURCE_DIR}/docs/man/libdelib.3 DELIB_MAN3_NAMES REGEX "^\\.Nm delib_")
foreach(line IN LISTS DELIB_MAN3_NAMES)
  string(REGEX REPLACE "^\\.Nm (delib_[a-z_]+).*" "\\1" fn "${line}")
  if(DELIB_DEBIAN_DOCS)
    file(MAKE_DIRECTORY ${DELIB_MAN_GZ}/man3)
    file(CREATE_LINK libdelib.3.gz ${DELIB_MAN_GZ}/man3/${fn}.3.gz SYMBOLIC)
    install(FILES ${DELIB_MAN_GZ}/man3/${fn}.3.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT dev)
  else()
    file(WRITE ${CMAKE_BINARY_DIR}/man3/${fn}.3 ".so man3/libdelib.3\n")
    install(FILES ${CMAKE_BINARY_DIR}/man3/${fn}.3 DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT dev)
  endif()
endforeach()
# The bash completion, when present.
if(EXISTS ${CMAKE_SOURCE_DIR}/contrib/bash-completion/delib)
  install(FILES contrib/bash-completion/delib
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
endif()
# The service's systemd unit (contrib/systemd/delib.service.in), under
# lib/systemd/system of the prefix, not the multiarch library folder.
set(DELIB_BINDIR ${CMAKE_INSTALL_FULL_BINDIR})
configure_file(${CMAKE_SOURCE_DIR}/contrib/systemd/delib.service.in ${CMAKE_BINARY_DIR}/delib.service @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/delib.service DESTINATION lib/systemd/system COMPONENT cli)
# The Debian packages have their own documents (cmake/package.cmake).
if(NOT DELIB_DEBIAN_DOCS)
  install(FILES LICENSE NOTICE CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT lib OPTIONAL)
endif()

if(BUILD_TESTING)
  add_subdirectory(tests/install)
endif()

include(${CMAKE_SOURCE_DIR}/cmake/package.cmake)
