# SPDX-License-Identifier: Apache-2.0
# Assembles the preview page from its parts, then embeds it (embed.cmake).
# src/cli/preview.html names its parts on lines of their own:
#   /*@include preview.css@*/       (inside <style>)
#   //@include preview_model.js     (inside the one <script>)
#   @include-xml ../../samples/2021-10-14-22.xml   (inside <script type="application/xml">)
# each replaced by the file's content (paths relative to src/cli/). The page
# keeps a single executable script, so the server's CSP still allows it by
# its SHA-256 and nothing else (no file is read at run time, no new route).
# Run as: cmake -DIN=preview.html -DOUT=preview_html.c -DNAME=symbol -DPAGE=assembled.html -P page.cmake
get_filename_component(dir "${IN}" DIRECTORY)
file(READ "${IN}" page)
string(REGEX MATCHALL "(/\\*@include [^@]+@\\*/|//@include [^\n]+|@include-xml [^\n]+)" marks "${page}")
foreach(mark IN LISTS marks)
  string(REGEX REPLACE "^(/\\*@include |//@include |@include-xml )" "" part "${mark}")
  string(REGEX REPLACE "@\\*/$" "" part "${part}")
  string(STRIP "${part}" part)
  if(NOT EXISTS "${dir}/${part}")
    message(FATAL_ERROR "page.cmake: ${IN} includes ${part}, which does not exist")
  endif()
  file(READ "${dir}/${part}" content)
  if(mark MATCHES "^@include-xml" AND content MATCHES "</[sS][cC][rR][iI][pP][tT]")
    message(FATAL_ERROR "page.cmake: ${part} would close its script element")
  endif()
  string(REPLACE "${mark}" "${content}" page "${page}")
endforeach()
file(WRITE "${PAGE}.tmp" "${page}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${PAGE}.tmp" "${PAGE}")
file(REMOVE "${PAGE}.tmp")
set(IN "${PAGE}")
include("${CMAKE_CURRENT_LIST_DIR}/embed.cmake")
