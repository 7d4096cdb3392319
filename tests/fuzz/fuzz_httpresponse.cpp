// libFuzzer target for the prober's HTTP/1.1 response reader
// (core/client/probe/httpresponsereader.h, issue 16): any bytes a server
// may send. Oracle besides the sanitizers: fed in pieces or whole, the
// reader gives the same state, status, keep-alive, error and leftover, and
// never holds more than its head and body limits.
#include "client/probe/httpresponsereader.h"
#include "splits.h"

#include <cstdio>
#include <cstdlib>

using waddle::client::HttpResponseReader;

namespace {

struct Outcome
{
    HttpResponseReader::State state = HttpResponseReader::State::NeedMore;
    int status = 0;
    bool keepAlive = false;
    QString error;
    qsizetype leftover = 0;

    bool operator==(const Outcome &) const = default;
};

Outcome readReply(const QList<QByteArray> &pieces)
{
    HttpResponseReader reader;
    HttpResponseReader::State state = HttpResponseReader::State::NeedMore;
    // Every piece is fed, also after the reply is decided: what came after
    // it is leftover, the same however it was cut.
    for (const QByteArray &piece : pieces)
        state = reader.feed(piece);
    if (state == HttpResponseReader::State::NeedMore)
        state = reader.endOfStream();
    if (state == HttpResponseReader::State::Failed && reader.error().isEmpty())
        waddle::fuzz::oracleFailed("a failure without a message");
    return {state, reader.status(), reader.keepAlive(), reader.error(),
            state == HttpResponseReader::State::Complete ? reader.leftover() : 0};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Outcome once = waddle::fuzz::sameInPiecesAndWhole(
        data, size, readReply, [](const Outcome &o) -> QByteArray {
            return "state " + QByteArray::number(int(o.state)) + " status " +
                   QByteArray::number(o.status) + " keep-alive " +
                   QByteArray::number(int(o.keepAlive)) + " leftover " +
                   QByteArray::number(o.leftover) + " error " + o.error.toUtf8();
        });
    if (once.state == HttpResponseReader::State::Complete &&
        (once.status < 100 || once.status > 999))
        waddle::fuzz::oracleFailed("a complete response with a status outside 100-999");
    return 0;
}
