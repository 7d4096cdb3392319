# waddle_add_test(NAME SOURCES... LIBS...)
# Builds one Qt Test executable and registers it with CTest, headless
# (QT_QPA_PLATFORM=offscreen) and with a private settings/cache folder so a
# test never reads or writes the user's own files.
function(waddle_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    # waddle_qttest: Qt6::Test without absolute folders on the compile line
    # (tests/CMakeLists.txt).
    target_link_libraries(${name} PRIVATE waddle_common waddle_qttest ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    # The budgets are for optimised builds; the sanitizer build (clang -O0,
    # ASan + UBSan) runs the same programs about three times slower (the
    # slowest model tests took 76 s of 120 there, and timed out with the
    # machine loaded by a second suite).
    if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=")
        math(EXPR ARG_TIMEOUT "${ARG_TIMEOUT} * 3")
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;XDG_CONFIG_HOME=${CMAKE_BINARY_DIR}/test-home/config;XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-home/cache;XDG_DATA_HOME=${CMAKE_BINARY_DIR}/test-home/data")
endfunction()

# waddle_add_postgresql_twin(NAME)
# Registers NAME-postgresql: the same test program with its store on
# PostgreSQL (tests/support/testdatabase.h). Without a server it prints
# "PostgreSQL half skipped: …" and CTest reports it as skipped.
function(waddle_add_postgresql_twin name)
    add_test(NAME ${name}-postgresql COMMAND ${name})
    get_test_property(${name} TIMEOUT timeout)
    get_test_property(${name} ENVIRONMENT environment)
    set_tests_properties(${name}-postgresql PROPERTIES
        TIMEOUT ${timeout}
        LABELS postgresql
        ENVIRONMENT "${environment};WADDLE_TEST_ENGINE=postgresql"
        SKIP_REGULAR_EXPRESSION "PostgreSQL half skipped")
endfunction()

# waddle_add_bench(NAME SOURCES... LIBS...)
# A benchmark prints figures; it is built with the project but never run by CTest.
function(waddle_add_bench name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE waddle_common ${ARG_LIBS})
endfunction()
