# SPDX-License-Identifier: Apache-2.0
# Warnings are errors on our own targets only (vtzero WERROR), through one INTERFACE target.
add_library(zhitu-warnings INTERFACE)
add_library(zhitu::warnings ALIAS zhitu-warnings)
target_compile_options(zhitu-warnings INTERFACE -Wall -Wextra -Werror -Wpedantic -Wshadow
                                                -Wnon-virtual-dtor -Wno-missing-field-initializers)
# GCC 12 at -O2 reports false positives inside std::string and nlohmann::json (GCC PR105329,
# PR105562); they are not about our code and would make Release builds fail.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(zhitu-warnings INTERFACE -Wno-restrict -Wno-maybe-uninitialized)
endif()
if(ZHITU_EXPENSIVE_CHECKS OR CMAKE_BUILD_TYPE STREQUAL "Debug")
  target_compile_definitions(zhitu-warnings INTERFACE ZHITU_EXPENSIVE_CHECKS=1)
endif()

# zhitu_add_module(NAME sources... DEPS targets...): one library per src/ folder.
function(zhitu_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(zhitu-${name} STATIC ${ARG_SOURCES})
  add_library(zhitu::${name} ALIAS zhitu-${name})
  target_include_directories(zhitu-${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(zhitu-${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE zhitu::warnings ${ARG_PRIVATE_DEPS})
endfunction()

# zhitu_add_test(module sources...): one GoogleTest binary per module (QLever addLinkAndDiscoverTest).
function(zhitu_add_test module)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${module}_test ${ARG_SOURCES})
  target_link_libraries(${module}_test PRIVATE ${ARG_DEPS} zhitu::warnings GTest::gtest_main GTest::gmock)
  target_include_directories(${module}_test PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${module}_test PRIVATE
    ZHITU_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ZHITU_BINARY="$<TARGET_FILE:zhitu>")
  gtest_discover_tests(${module}_test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                       PROPERTIES LABELS ${module} DISCOVERY_TIMEOUT 30)
endfunction()
