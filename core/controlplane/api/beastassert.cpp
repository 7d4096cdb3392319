// Boost's assertion handler for the HTTP front (BOOST_ENABLE_ASSERT_DEBUG_HANDLER,
// set on every target that builds Beast: the control plane and the fuzz
// targets). It fails like assert() for every assertion but one that Boost
// 1.74 gets wrong.
//
// basic_parser::parse_chunk_header asserts that a last chunk it comes back
// to (its trailer not yet whole) holds at least five bytes. That holds only
// after an earlier chunk's CRLF; a body that starts with the last chunk can
// come back with four ("0\r\n" then "\r"), the code after the assertion
// reads that correctly (it asks for more), and Boost 1.86 relaxed the
// assertion to match (boostorg/beast pull request 2861). Any client could
// send those bytes, so a build with assertions (ci, asan, dev, fuzz) let a
// client stop the server; release builds have none. Found by fuzz_httpfront;
// tst_apiserver::lastChunkInPieces sends it.

#include <boost/assert.hpp>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

bool knownFalse(std::string_view expression, std::string_view function, std::string_view file)
{
    return expression == "n >= 5" &&
           function.find("parse_chunk_header") != std::string_view::npos &&
           file.ends_with("basic_parser.ipp");
}

} // namespace

namespace boost {

void assertion_failed_msg(char const *expr, char const *msg, char const *function, char const *file,
                          long line)
{
    if (knownFalse(expr, function, file))
        return;
    std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed%s%s.\n", file, line, function, expr,
                 msg ? ": " : "", msg ? msg : "");
    std::abort();
}

void assertion_failed(char const *expr, char const *function, char const *file, long line)
{
    assertion_failed_msg(expr, nullptr, function, file, line);
}

} // namespace boost
