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

# clara_add_fuzzer(NAME WHAT SEEDS DIR SOURCES FILE... [LINK ARG...]
#                  [DEPENDS TARGET...]): build/bin/NAME from the SOURCES
# (instrumented) and the libyaml reader, linked with the LINK arguments
# too, rebuilt when a DEPENDS target changes; target NAME. DIR holds its
# seed inputs, which the fuzz_seeds test below runs.
function(clara_add_fuzzer name what)
  cmake_parse_arguments(F "" "SEEDS" "SOURCES;LINK;DEPENDS" ${ARGN})
  set(binary ${CMAKE_BINARY_DIR}/bin/${name})
  add_custom_command(
    OUTPUT ${binary}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/bin
    COMMAND ${CLARA_CLANG} ${CLARA_FUZZ_FLAGS}
            -I${PROJECT_SOURCE_DIR}/core -I${YAML_INCLUDE_DIR}
            -I${LLVM_INCLUDE_DIRS}
            ${F_SOURCES} ${F_LINK} ${YAML_LIBRARY} -lm -o ${binary}
    DEPENDS ${F_SOURCES} ${PROJECT_SOURCE_DIR}/core/error.h ${F_DEPENDS}
    COMMENT "Building the ${what} fuzzer (libFuzzer, ASan, UBSan)"
    VERBATIM)
  add_custom_target(${name} DEPENDS ${binary})
  set_property(GLOBAL APPEND PROPERTY CLARA_FUZZERS ${name})
  set_property(GLOBAL APPEND PROPERTY CLARA_FUZZ_RUNS
               "bin/${name} -runs=0 ${F_SEEDS}")
endfunction()

# The NIC profile loader (core/nic.c), seeded with the shipped profiles.
clara_add_fuzzer(nic_fuzz "NIC profile"
  SEEDS ${PROJECT_SOURCE_DIR}/models/nic
  SOURCES ${PROJECT_SOURCE_DIR}/test/fuzz/nic_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/nic.c ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
  ${PROJECT_SOURCE_DIR}/core/error.c)

# The optimization-remark reader (core/remarks.c), seeded with real remarks.
clara_add_fuzzer(remarks_fuzz "remark reader"
  SEEDS ${PROJECT_SOURCE_DIR}/test/fuzz/remarks-seeds
  SOURCES ${PROJECT_SOURCE_DIR}/test/fuzz/remarks_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/remarks.c ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
  ${PROJECT_SOURCE_DIR}/core/error.c)

# The run-time profile reader (core/profile.c).
clara_add_fuzzer(profile_fuzz "run-time profile reader"
  SEEDS ${PROJECT_SOURCE_DIR}/test/place-state/inputs
  SOURCES ${PROJECT_SOURCE_DIR}/test/fuzz/profile_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/profile.c ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
  ${PROJECT_SOURCE_DIR}/core/atomic_file.c ${PROJECT_SOURCE_DIR}/core/error.c)

# The pairs reader (core/pairs.c).
clara_add_fuzzer(pairs_fuzz "pairs reader"
  SEEDS ${PROJECT_SOURCE_DIR}/test/predict-instrs/inputs
  SOURCES ${PROJECT_SOURCE_DIR}/test/fuzz/pairs_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/pairs.c ${PROJECT_SOURCE_DIR}/core/atomic_file.c
  ${PROJECT_SOURCE_DIR}/core/error.c)

# The model-directory readers (core/predict.c: instruction model
# dictionary, API cost table; core/accel_model.c: accel.meta). Those two
# files are instrumented; the rest of core comes from the clara_core
# archive, with libLLVM and XGBoost.
clara_add_fuzzer(model_fuzz "model-directory"
  SEEDS ${PROJECT_SOURCE_DIR}/test/fuzz/model-seeds
  SOURCES ${PROJECT_SOURCE_DIR}/test/fuzz/model_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/predict.c ${PROJECT_SOURCE_DIR}/core/accel_model.c
  LINK $<TARGET_FILE:clara_core> ${CLARA_LLVM_SHARED}
  $<TARGET_LINKER_FILE:xgboost::xgboost> ${GLPK_LIBRARY}
  DEPENDS clara_core)

# ctest runs every fuzzer once over its seeds (-runs=0 executes the given
# inputs and stops): the seeds hold what the fuzzers found, so this is their
# regression test, and it keeps the targets building. The test builds them
# first (they are not part of `all`).
get_property(fuzzers GLOBAL PROPERTY CLARA_FUZZERS)
get_property(runs GLOBAL PROPERTY CLARA_FUZZ_RUNS)
string(REPLACE ";" " " fuzzers "${fuzzers}")
string(REPLACE ";" " && " runs "${runs}")
add_test(NAME fuzz_seeds
  COMMAND sh -c "${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target ${fuzzers} >/dev/null && ${runs}"
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
