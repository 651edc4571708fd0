# SPDX-License-Identifier: Apache-2.0
# Turns a file into a C source defining
#   const unsigned char NAME[];   (the bytes, then a terminating 0)
#   const size_t NAME_size;       (the number of bytes, without the 0)
# Run as: cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake
# (used for src/cli/preview.html: the page is served from memory, with no
# file read at run time).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
# 16 bytes a line, then each byte as 0xNN.
string(REGEX REPLACE "(................................)" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
get_filename_component(name_only "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${name_only} by cmake/embed.cmake: do not edit. */\n"
  "#include <stddef.h>\n"
  "extern const unsigned char ${NAME}[];\n"
  "extern const size_t ${NAME}_size;\n"
  "const unsigned char ${NAME}[] = {\n${bytes}0x00};\n"
  "const size_t ${NAME}_size = ${size};\n")
# Replace only when the content changed, so that dependents do not rebuild.
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
