// libFuzzer target for the demo agent's HTTP/1.1 request parser
// (core/sim/agentrequestparser.h, issue 16): any bytes a client may send,
// pipelined and split anyhow. Oracle besides the sanitizers: fed in pieces
// or whole, the parser yields the same requests (bodies included) and ends
// the same way.
#include "sim/agentrequestparser.h"
#include "splits.h"

#include <cstdio>
#include <cstdlib>

using waddle::sim::AgentRequestParser;

namespace {

struct Transcript
{
    QList<AgentRequestParser::Request> requests;
    AgentRequestParser::Outcome end = AgentRequestParser::Outcome::NeedMore;

    bool operator==(const Transcript &) const = default;
};

Transcript parse(const QList<QByteArray> &pieces)
{
    AgentRequestParser parser;
    Transcript transcript;
    for (const QByteArray &piece : pieces) {
        parser.append(piece);
        for (;;) {
            const AgentRequestParser::Outcome outcome = parser.next();
            if (outcome == AgentRequestParser::Outcome::Request) {
                const AgentRequestParser::Request &request = parser.request();
                if (request.method.isEmpty() || request.contentLength < 0)
                    waddle::fuzz::oracleFailed(
                        "a request without a method or with a negative body");
                transcript.requests.append(request);
                continue;
            }
            transcript.end = outcome;
            break;
        }
        if (transcript.end != AgentRequestParser::Outcome::NeedMore)
            break;
    }
    return transcript;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    waddle::fuzz::sameInPiecesAndWhole(data, size, parse, [](const Transcript &t) -> QByteArray {
        return QByteArray::number(t.requests.size()) + " requests, end " +
               QByteArray::number(int(t.end));
    });
    return 0;
}
