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

# clara_add_fuzzer(NAME WHAT SOURCE...): build/bin/NAME from SOURCE... and
# the libyaml reader, target NAME.
function(clara_add_fuzzer name what)
  set(sources ${ARGN})
  set(binary ${CMAKE_BINARY_DIR}/bin/${name})
  add_custom_command(
    OUTPUT ${binary}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/bin
    COMMAND ${CLARA_CLANG} ${CLARA_FUZZ_FLAGS}
            -I${PROJECT_SOURCE_DIR}/core -I${YAML_INCLUDE_DIR}
            ${sources} ${YAML_LIBRARY} -lm -o ${binary}
    DEPENDS ${sources} ${PROJECT_SOURCE_DIR}/core/error.h
    COMMENT "Building the ${what} fuzzer (libFuzzer, ASan, UBSan)"
    VERBATIM)
  add_custom_target(${name} DEPENDS ${binary})
endfunction()

# The NIC profile loader (core/nic.c), seeded with models/nic.
clara_add_fuzzer(nic_fuzz "NIC profile"
  ${PROJECT_SOURCE_DIR}/test/fuzz/nic_fuzz.c ${PROJECT_SOURCE_DIR}/core/nic.c
  ${PROJECT_SOURCE_DIR}/core/yaml_doc.c ${PROJECT_SOURCE_DIR}/core/error.c)

# The optimization-remark reader (core/remarks.c), seeded with real remarks.
clara_add_fuzzer(remarks_fuzz "remark reader"
  ${PROJECT_SOURCE_DIR}/test/fuzz/remarks_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/remarks.c ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
  ${PROJECT_SOURCE_DIR}/core/error.c)

# The run-time profile reader (core/profile.c), seeded with
# test/place-state/inputs.
clara_add_fuzzer(profile_fuzz "run-time profile reader"
  ${PROJECT_SOURCE_DIR}/test/fuzz/profile_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/profile.c ${PROJECT_SOURCE_DIR}/core/yaml_doc.c
  ${PROJECT_SOURCE_DIR}/core/atomic_file.c ${PROJECT_SOURCE_DIR}/core/error.c)

# The pairs reader (core/pairs.c), seeded with test/predict-instrs/inputs.
clara_add_fuzzer(pairs_fuzz "pairs reader"
  ${PROJECT_SOURCE_DIR}/test/fuzz/pairs_fuzz.c
  ${PROJECT_SOURCE_DIR}/core/pairs.c ${PROJECT_SOURCE_DIR}/core/atomic_file.c
  ${PROJECT_SOURCE_DIR}/core/error.c)

# The model-directory readers (core/predict.c: instruction model
# dictionary, API cost table; core/accel_model.c: accel.meta), seeded with
# test/fuzz/model-seeds. Those two files are instrumented; the rest of
# core comes from the clara_core archive, with libLLVM and XGBoost.
set(model_fuzz ${CMAKE_BINARY_DIR}/bin/model_fuzz)
add_custom_command(
  OUTPUT ${model_fuzz}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/bin
  COMMAND ${CLARA_CLANG} ${CLARA_FUZZ_FLAGS}
          -I${PROJECT_SOURCE_DIR}/core -I${LLVM_INCLUDE_DIRS}
          -I${YAML_INCLUDE_DIR}
          ${PROJECT_SOURCE_DIR}/test/fuzz/model_fuzz.c
          ${PROJECT_SOURCE_DIR}/core/predict.c
          ${PROJECT_SOURCE_DIR}/core/accel_model.c
          $<TARGET_FILE:clara_core> ${CLARA_LLVM_SHARED}
          $<TARGET_LINKER_FILE:xgboost::xgboost> ${YAML_LIBRARY}
          ${GLPK_LIBRARY} -lm -o ${model_fuzz}
  DEPENDS ${PROJECT_SOURCE_DIR}/test/fuzz/model_fuzz.c
          ${PROJECT_SOURCE_DIR}/core/predict.c
          ${PROJECT_SOURCE_DIR}/core/accel_model.c clara_core
  COMMENT "Building the model-directory fuzzer (libFuzzer, ASan, UBSan)"
  VERBATIM)
add_custom_target(model_fuzz DEPENDS ${model_fuzz})

# ctest runs every fuzzer once over its seeds (-runs=0 executes the given
# inputs and stops): the seeds hold what the fuzzers found, so this is their
# regression test, and it keeps the targets building. The test builds them
# first (they are not part of `all`).
set(CLARA_FUZZERS "nic_fuzz remarks_fuzz profile_fuzz pairs_fuzz model_fuzz")
add_test(NAME fuzz_seeds
  COMMAND sh -c "${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target ${CLARA_FUZZERS} >/dev/null \
&& bin/nic_fuzz -runs=0 ${PROJECT_SOURCE_DIR}/models/nic \
&& bin/remarks_fuzz -runs=0 ${PROJECT_SOURCE_DIR}/test/fuzz/remarks-seeds \
&& bin/profile_fuzz -runs=0 ${PROJECT_SOURCE_DIR}/test/place-state/inputs \
&& bin/pairs_fuzz -runs=0 ${PROJECT_SOURCE_DIR}/test/predict-instrs/inputs \
&& bin/model_fuzz -runs=0 ${PROJECT_SOURCE_DIR}/test/fuzz/model-seeds"
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
