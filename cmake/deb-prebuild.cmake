# SPDX-License-Identifier: Apache-2.0
# CPack (CPACK_PRE_BUILD_SCRIPTS, cmake/package.cmake), after the staging
# install, which CPACK_STRIP_FILES has stripped, before the packages are
# made: takes out of every ELF file and static library the .comment and
# .note sections (the compiler's and assembler's version strings), as
# Debian's dh_strip does. No build ID or symbol is touched.
find_program(DELIB_OBJCOPY NAMES objcopy REQUIRED)
file(GLOB_RECURSE files LIST_DIRECTORIES false "${CPACK_TEMPORARY_DIRECTORY}/*")
foreach(f IN LISTS files)
  if(IS_SYMLINK "${f}")
    continue()
  endif()
  file(READ "${f}" magic LIMIT 8 HEX)
  # ELF ("\x7fELF") or ar archive ("!<arch>\n").
  if(magic MATCHES "^7f454c46" OR magic STREQUAL "213c617263683e0a")
    execute_process(COMMAND ${DELIB_OBJCOPY} --enable-deterministic-archives
      --remove-section=.comment --remove-section=.note "${f}" COMMAND_ERROR_IS_FATAL ANY)
  endif()
endforeach()
