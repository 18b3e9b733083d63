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
#                       [DRAFT]                     a refused declaration is
#                                                   written as a draft and
#                                                   does not fail the build
#                       [ALL])                      build with the default target
#
# The artefacts are rebuilt when the catalogue or a translation of it
# (<version>.<lang>.yaml beside it), a responses file, a file under a
# responses file's folder (its evidence), a template or cfgen itself
# changed, or when <dir>/<catalogue>-<version>/SHA256SUMS, the
# command's output, is gone (deleting the output folder regenerates it).
# Files under the build tree, under <dir> and in hidden folders (.git) are
# not evidence, so a responses file at the top of a project whose build
# folder is inside it makes no dependency cycle.
#
# cfgen's exit status 3 (a declaration refused by the gate; everything
# else was written) fails the build unless DRAFT is given, in which case
# cfgen runs with --draft and the build goes on with the draft declaration
# and cfgen's warnings.  SOURCE_DATE_EPOCH is passed through from the
# environment at build time, so reproducible builds stay reproducible.
set(_cfgen_functions_dir "${CMAKE_CURRENT_LIST_DIR}")

# The top-level "id:" and "version:" of a catalogue, as cfgen names its
# release folder "<id>-<version>".
function(_cfgen_catalogue_release file out)
  file(STRINGS "${file}" lines REGEX "^(id|version):")
  set(id "")
  set(ver "")
  foreach(l IN LISTS lines)
    if(l MATCHES "^id:[ \t]*[\"']?([^\"' \t#]+)")
      set(id "${CMAKE_MATCH_1}")
    elseif(l MATCHES "^version:[ \t]*[\"']?([^\"' \t#]+)")
      set(ver "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(id STREQUAL "" OR ver STREQUAL "")
    message(FATAL_ERROR "cfgen_add_artefacts: ${file} names no top-level "
      "id and version")
  endif()
  set(${out} "${id}-${ver}" PARENT_SCOPE)
endfunction()

# Drops from the list in var every path under one of the folders given.
function(_cfgen_drop_under var)
  set(kept "")
  foreach(f IN LISTS ${var})
    set(keep TRUE)
    if(f MATCHES "/\\.[^/]*/")
      set(keep FALSE)
    endif()
    foreach(dir IN LISTS ARGN)
      string(LENGTH "${dir}/" n)
      string(SUBSTRING "${f}" 0 ${n} head)
      if(head STREQUAL "${dir}/")
        set(keep FALSE)
      endif()
    endforeach()
    if(keep)
      list(APPEND kept "${f}")
    endif()
  endforeach()
  set(${var} "${kept}" PARENT_SCOPE)
endfunction()

function(cfgen_add_artefacts)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "ALL;DRAFT"
    "TARGET;CATALOGUE;OUTPUT;TEMPLATES" "RESPONSES;FORMATS;DEPENDS")
  if(NOT ARG_TARGET OR NOT ARG_CATALOGUE)
    message(FATAL_ERROR "cfgen_add_artefacts: TARGET and CATALOGUE are required")
  endif()
  if(NOT ARG_OUTPUT)
    set(ARG_OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/cfgen)
  endif()
  get_filename_component(output "${ARG_OUTPUT}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  get_filename_component(catalogue "${ARG_CATALOGUE}" ABSOLUTE)
  _cfgen_catalogue_release("${catalogue}" release)
  set(args build "${catalogue}")
  # Its translations (<version>.<lang>.yaml beside it) are inputs too.
  get_filename_component(catdir "${catalogue}" DIRECTORY)
  get_filename_component(catver "${catalogue}" NAME_WLE)
  file(GLOB translations CONFIGURE_DEPENDS "${catdir}/${catver}.*.yaml")
  set(depends "${catalogue}" ${translations} ${ARG_DEPENDS})
  foreach(r IN LISTS ARG_RESPONSES)
    get_filename_component(r "${r}" ABSOLUTE)
    get_filename_component(rdir "${r}" DIRECTORY)
    list(APPEND args "${r}")
    # Evidence lives beside the responses; any change there may matter,
    # but not the build's own files when the build folder is in there.
    file(GLOB_RECURSE evidence CONFIGURE_DEPENDS "${rdir}/*")
    _cfgen_drop_under(evidence "${CMAKE_BINARY_DIR}" "${output}")
    list(APPEND depends "${r}" ${evidence})
  endforeach()
  list(APPEND args -o "${output}" -q)
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
  # SHA256SUMS is written by every successful run (exit 0 or 3): the
  # command's real output, so a deleted output folder is regenerated.
  set(sums "${output}/${release}/SHA256SUMS")
  if(ARG_DRAFT)
    list(APPEND args --draft)
    string(REPLACE ";" "\;" args_escaped "${args}")
    set(command ${CMAKE_COMMAND} "-DCFGEN=$<TARGET_FILE:cfgen::cfgen>"
      "-DARGS=${args_escaped}" -P "${_cfgen_functions_dir}/cfgenDraft.cmake")
  else()
    set(command cfgen::cfgen ${args})
  endif()
  add_custom_command(
    OUTPUT "${sums}"
    COMMAND ${command}
    DEPENDS ${depends} cfgen::cfgen
    COMMENT "cfgen: generating artefacts of ${ARG_CATALOGUE}"
    VERBATIM)
  if(ARG_ALL)
    add_custom_target(${ARG_TARGET} ALL DEPENDS "${sums}")
  else()
    add_custom_target(${ARG_TARGET} DEPENDS "${sums}")
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
