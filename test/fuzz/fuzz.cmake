# test/fuzz/fuzz.cmake: libFuzzer targets, built with clang-19 whatever the
# project's compiler is. Included from the top-level CMakeLists.txt; needs
# CLARA_CLANG and YAML_LIBRARY / YAML_INCLUDE_DIR.
#
#   cmake --build build --target nic_fuzz
#   mkdir -p /tmp/nic-corpus
#   build/bin/nic_fuzz -max_total_time=180 /tmp/nic-corpus models/nic
#
# The seed corpus is the shipped profiles (models/nic); new inputs go to the
# first directory.
set(CLARA_FUZZ_FLAGS -fsanitize=fuzzer,address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1 -std=c11
    -D_GNU_SOURCE -Wall -Wextra)

set(CLARA_NIC_FUZZ_SOURCES
    ${PROJECT_SOURCE_DIR}/test/fuzz/nic_fuzz.c
    ${PROJECT_SOURCE_DIR}/core/nic.c
    ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
    ${PROJECT_SOURCE_DIR}/core/error.c)
set(CLARA_NIC_FUZZ ${CMAKE_BINARY_DIR}/bin/nic_fuzz)
add_custom_command(
  OUTPUT ${CLARA_NIC_FUZZ}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/bin
  COMMAND ${CLARA_CLANG} ${CLARA_FUZZ_FLAGS}
          -I${PROJECT_SOURCE_DIR}/core -I${YAML_INCLUDE_DIR}
          ${CLARA_NIC_FUZZ_SOURCES} ${YAML_LIBRARY} -lm
          -o ${CLARA_NIC_FUZZ}
  DEPENDS ${CLARA_NIC_FUZZ_SOURCES} ${PROJECT_SOURCE_DIR}/core/nic.h
          ${PROJECT_SOURCE_DIR}/core/error.h
  COMMENT "Building the NIC profile fuzzer (libFuzzer, ASan, UBSan)"
  VERBATIM)
add_custom_target(nic_fuzz DEPENDS ${CLARA_NIC_FUZZ})

# The optimization-remark reader (core/remarks.c), seeded with real remarks.
set(CLARA_REMARKS_FUZZ_SOURCES
    ${PROJECT_SOURCE_DIR}/test/fuzz/remarks_fuzz.c
    ${PROJECT_SOURCE_DIR}/core/remarks.c
    ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
    ${PROJECT_SOURCE_DIR}/core/error.c)
set(CLARA_REMARKS_FUZZ ${CMAKE_BINARY_DIR}/bin/remarks_fuzz)
add_custom_command(
  OUTPUT ${CLARA_REMARKS_FUZZ}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/bin
  COMMAND ${CLARA_CLANG} ${CLARA_FUZZ_FLAGS}
          -I${PROJECT_SOURCE_DIR}/core -I${YAML_INCLUDE_DIR}
          ${CLARA_REMARKS_FUZZ_SOURCES} ${YAML_LIBRARY} -lm
          -o ${CLARA_REMARKS_FUZZ}
  DEPENDS ${CLARA_REMARKS_FUZZ_SOURCES} ${PROJECT_SOURCE_DIR}/core/remarks.h
          ${PROJECT_SOURCE_DIR}/core/error.h
  COMMENT "Building the remark reader fuzzer (libFuzzer, ASan, UBSan)"
  VERBATIM)
add_custom_target(remarks_fuzz DEPENDS ${CLARA_REMARKS_FUZZ})
