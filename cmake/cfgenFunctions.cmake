# cfgen_add_artefacts: generate checklists, the guide and declarations of
# one catalogue release as part of a CMake build.
#
#   cfgen_add_artefacts(TARGET <name>
#                       CATALOGUE <catalogue.yaml>
#                       [RESPONSES <responses.yaml>...]
#                       [OUTPUT <dir>]              default: ${CMAKE_CURRENT_BINARY_DIR}/cfgen
#                       [FORMATS md html pdf json]  default: all four
#                       [TEMPLATES <dir>]           -t: templates to prefer
#                       [DEPENDS <file>...]         more inputs, e.g. evidence
#                       [ALL])                      build with the default target
#
# The artefacts are rebuilt only when the catalogue, a responses file, a
# file under a responses file's folder (its evidence), a template or cfgen
# itself changed.  SOURCE_DATE_EPOCH is passed through from the environment
# at build time, so reproducible builds stay reproducible.
function(cfgen_add_artefacts)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "ALL"
    "TARGET;CATALOGUE;OUTPUT;TEMPLATES" "RESPONSES;FORMATS;DEPENDS")
  if(NOT ARG_TARGET OR NOT ARG_CATALOGUE)
    message(FATAL_ERROR "cfgen_add_artefacts: TARGET and CATALOGUE are required")
  endif()
  if(NOT ARG_OUTPUT)
    set(ARG_OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/cfgen)
  endif()
  get_filename_component(catalogue "${ARG_CATALOGUE}" ABSOLUTE)
  set(args build "${catalogue}")
  set(depends "${catalogue}" ${ARG_DEPENDS})
  foreach(r IN LISTS ARG_RESPONSES)
    get_filename_component(r "${r}" ABSOLUTE)
    get_filename_component(rdir "${r}" DIRECTORY)
    list(APPEND args "${r}")
    # Evidence lives beside the responses; any change there may matter.
    file(GLOB_RECURSE evidence CONFIGURE_DEPENDS "${rdir}/*")
    list(APPEND depends ${evidence})
  endforeach()
  list(APPEND args -o "${ARG_OUTPUT}" -q)
  if(ARG_FORMATS)
    string(REPLACE ";" "," formats "${ARG_FORMATS}")
    list(APPEND args -f "${formats}")
  endif()
  if(ARG_TEMPLATES)
    get_filename_component(tdir "${ARG_TEMPLATES}" ABSOLUTE)
    list(APPEND args -t "${tdir}")
    file(GLOB_RECURSE tfiles CONFIGURE_DEPENDS "${tdir}/*")
    list(APPEND depends ${tfiles})
  endif()
  list(REMOVE_DUPLICATES depends)
  string(MAKE_C_IDENTIFIER "${ARG_TARGET}" stampname)
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${stampname}.cfgen-stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND cfgen::cfgen ${args}
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS ${depends} cfgen::cfgen
    COMMENT "cfgen: generating artefacts of ${ARG_CATALOGUE}"
    VERBATIM)
  if(ARG_ALL)
    add_custom_target(${ARG_TARGET} ALL DEPENDS "${stamp}")
  else()
    add_custom_target(${ARG_TARGET} DEPENDS "${stamp}")
  endif()
endfunction()

# cfgen_responses_release(<responses.yaml> <out-var>): "<catalogue>/<version>"
# as the file names them, for matching responses to catalogue releases.
function(cfgen_responses_release file out)
  file(STRINGS "${file}" lines REGEX "^(catalogue|version):")
  set(cat "")
  set(ver "")
  foreach(l IN LISTS lines)
    if(l MATCHES "^catalogue:[ \t]*[\"']?([^\"' \t#]+)")
      set(cat "${CMAKE_MATCH_1}")
    elseif(l MATCHES "^version:[ \t]*[\"']?([^\"' \t#]+)")
      set(ver "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${cat}/${ver}" PARENT_SCOPE)
endfunction()
