# cfgenDraft.cmake -- runs `cfgen ${ARGS}` (with --draft) for
# cfgen_add_artefacts(DRAFT): exit status 3, a declaration the gate
# refused and written as a draft, is not a build failure; every other
# non-zero status is.  cfgen's messages pass through as they are.
#
#   cmake -DCFGEN=<cfgen> -DARGS=<arg;arg;...> -P cfgenDraft.cmake
execute_process(COMMAND "${CFGEN}" ${ARGS} RESULT_VARIABLE rc)
if(rc EQUAL 3)
  message(STATUS "cfgen: a declaration was refused; written as a DRAFT")
elseif(NOT rc EQUAL 0)
  message(FATAL_ERROR "cfgen failed (exit status ${rc})")
endif()
