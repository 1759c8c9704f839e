# Writes the man page OUT of KUBEGATE with HELP2MAN: the top-level --help and --version, and a
# COMMANDS section holding each subcommand's own --help.
foreach(cmd lint show checks explain completion)
  execute_process(COMMAND ${KUBEGATE} ${cmd} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${KUBEGATE} ${cmd} --help failed")
  endif()
  string(REPLACE "\\" "\\\\" help "${help}")
  string(APPEND commands ".SS ${cmd}\n.nf\n${help}.fi\n")
endforeach()
get_filename_component(dir ${OUT} DIRECTORY)
file(WRITE ${dir}/kubegate-man.include "[COMMANDS]\n${commands}\n[SEE ALSO]\nkubegate explain ID prints the documentation of check ID; the check docs are also in /usr/share/doc/kubegate/checks/.\n")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section 1
                        --name "pre-deployment linter for Kubernetes cluster configuration"
                        --include ${dir}/kubegate-man.include --output ${OUT} ${KUBEGATE}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed on ${KUBEGATE}")
endif()
