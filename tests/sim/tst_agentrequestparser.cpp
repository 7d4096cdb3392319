// AgentRequestParser (core/sim/): the demo region agent's reading of HTTP/1.1
// requests, however a client splits or pipelines them: the request line,
// keep-alive, bodies by Content-Length (kept up to 1 MiB, skipped beyond),
// and what ends a connection
// with a 400 (a bad request line or header, a chunked body, a head over
// 8 KiB).
#include "sim/agentrequestparser.h"

#include <QTest>

using namespace waddle::sim;
using namespace Qt::StringLiterals;

using Outcome = AgentRequestParser::Outcome;
using Pieces = QList<QByteArray>;

namespace {

// One next() in words: "GET /ping?x=1 (/ping) HTTP/1.1 keep-alive body 0",
// a body's bytes after it (up to 64, CR LF as \r\n; longer ones as "kept"
// or "skipped"), "need more", "too large" or "malformed".
QString describe(Outcome outcome, const AgentRequestParser::Request &request)
{
    switch (outcome) {
    case Outcome::NeedMore:
        return u"need more"_s;
    case Outcome::HeadTooLarge:
        return u"too large"_s;
    case Outcome::Malformed:
        return u"malformed"_s;
    case Outcome::Request:
        break;
    }
    QString out = u"%1 %2 (%3) %4 %5 body %6"_s.arg(
        QString::fromLatin1(request.method), QString::fromLatin1(request.target),
        QString::fromLatin1(request.path), QString::fromLatin1(request.version),
        request.keepAlive ? u"keep-alive"_s : u"close"_s, QString::number(request.contentLength));
    if (request.bodyTooLarge)
        return out + u" skipped"_s;
    if (request.body.size() > 64)
        return out + u" kept"_s;
    if (!request.body.isEmpty())
        out += u" "_s + QString::fromLatin1(request.body).replace(u"\r\n"_s, u"\\r\\n"_s);
    return out;
}

// A request head of exactly `size` bytes, CRLF CRLF included.
QByteArray headOfSize(qsizetype size)
{
    const QByteArray start = "GET /ping HTTP/1.1\r\nX-Padding: ";
    return start + QByteArray(size - start.size() - 4, 'a') + "\r\n\r\n";
}

} // namespace

class TestAgentRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
};

void TestAgentRequestParser::parses_data()
{
    // Each piece is appended as one read; after each, next() is called until
    // it gives something other than a request, and every answer is logged.
    QTest::addColumn<Pieces>("pieces");
    QTest::addColumn<QStringList>("log");

    const QString ping = u"GET /ping (/ping) HTTP/1.1 keep-alive body 0"_s;
    const QString more = u"need more"_s;

    // Good requests.
    QTest::newRow("GET /ping") << Pieces{"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"}
                               << QStringList{ping, more};
    QTest::newRow("query is not part of the path")
        << Pieces{"GET /ping?x=1 HTTP/1.1\r\n\r\n"}
        << QStringList{u"GET /ping?x=1 (/ping) HTTP/1.1 keep-alive body 0"_s, more};
    QTest::newRow("HTTP/1.0 closes")
        << Pieces{"GET /health HTTP/1.0\r\n\r\n"}
        << QStringList{u"GET /health (/health) HTTP/1.0 close body 0"_s, more};
    QTest::newRow("HTTP/1.0 with keep-alive")
        << Pieces{"GET /health HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"}
        << QStringList{u"GET /health (/health) HTTP/1.0 keep-alive body 0"_s, more};
    QTest::newRow("Connection: close")
        << Pieces{"GET /ping HTTP/1.1\r\nConnection: close\r\n\r\n"}
        << QStringList{u"GET /ping (/ping) HTTP/1.1 close body 0"_s, more};
    QTest::newRow("empty lines before the request line")
        << Pieces{"\r\n\r\nGET /ping HTTP/1.1\r\n\r\n"} << QStringList{ping, more};
    QTest::newRow("another method is still a request")
        << Pieces{"DELETE /ping HTTP/1.1\r\n\r\n"}
        << QStringList{u"DELETE /ping (/ping) HTTP/1.1 keep-alive body 0"_s, more};

    // Split and pipelined.
    QTest::newRow("split across reads")
        << Pieces{"GE", "T /ping HTTP/1.1\r\n", "Host: x\r\n\r", "\n"}
        << QStringList{more, more, more, ping, more};
    QTest::newRow("two pipelined in one read")
        << Pieces{"GET /ping HTTP/1.1\r\n\r\nGET /health HTTP/1.1\r\n\r\n"}
        << QStringList{ping, u"GET /health (/health) HTTP/1.1 keep-alive body 0"_s, more};
    QTest::newRow("second one split")
        << Pieces{"GET /ping HTTP/1.1\r\n\r\nGET /pi", "ng HTTP/1.1\r\n\r\n"}
        << QStringList{ping, more, ping, more};

    // Bodies by Content-Length are read whole before the request is given,
    // in one read or several; over 1 MiB they are skipped.
    QTest::newRow("body with Content-Length")
        << Pieces{"POST /ping HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /ping HTTP/1.1\r\n\r\n"}
        << QStringList{u"POST /ping (/ping) HTTP/1.1 keep-alive body 5 hello"_s, ping, more};
    QTest::newRow("body split across reads")
        << Pieces{"POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhe", "llo",
                  "GET /ping HTTP/1.1\r\n\r\n"}
        << QStringList{more, u"POST /x (/x) HTTP/1.1 keep-alive body 5 hello"_s, more, ping, more};
    QTest::newRow("body that looks like a request")
        << Pieces{"PUT /x HTTP/1.1\r\nContent-Length: 24\r\n\r\nGET /evil HTTP/1.1\r\n\r\n\r\n"}
        << QStringList{
               u"PUT /x (/x) HTTP/1.1 keep-alive body 24 GET /evil HTTP/1.1\\r\\n\\r\\n\\r\\n"_s,
               more};
    const QByteArray mib(AgentRequestParser::kMaxBodyBytes, 'a');
    QTest::newRow("body of exactly 1 MiB is kept")
        << Pieces{"POST /rooms HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n" + mib +
                  "GET /ping HTTP/1.1\r\n\r\n"}
        << QStringList{u"POST /rooms (/rooms) HTTP/1.1 keep-alive body 1048576 kept"_s, ping, more};
    QTest::newRow("body one byte over is skipped")
        << Pieces{"POST /rooms HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n" + mib, "a",
                  "GET /ping HTTP/1.1\r\n\r\n"}
        << QStringList{u"POST /rooms (/rooms) HTTP/1.1 keep-alive body 1048577 skipped"_s, more,
                       more, ping, more};

    // Bad request lines and heads.
    QTest::newRow("not a request line") << Pieces{"GARBAGE\r\n\r\n"} << QStringList{u"malformed"_s};
    QTest::newRow("target not a path")
        << Pieces{"GET ping HTTP/1.1\r\n\r\n"} << QStringList{u"malformed"_s};
    QTest::newRow("HTTP/2.0") << Pieces{"GET /ping HTTP/2.0\r\n\r\n"}
                              << QStringList{u"malformed"_s};
    QTest::newRow("four words") << Pieces{"GET /ping HTTP/1.1 extra\r\n\r\n"}
                                << QStringList{u"malformed"_s};
    QTest::newRow("header without colon")
        << Pieces{"GET /ping HTTP/1.1\r\nBroken\r\n\r\n"} << QStringList{u"malformed"_s};
    QTest::newRow("Content-Length not a number")
        << Pieces{"GET /ping HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}
        << QStringList{u"malformed"_s};
    QTest::newRow("negative Content-Length")
        << Pieces{"GET /ping HTTP/1.1\r\nContent-Length: -1\r\n\r\n"}
        << QStringList{u"malformed"_s};
    QTest::newRow("chunked body")
        << Pieces{"POST /ping HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"}
        << QStringList{u"malformed"_s};
    QTest::newRow("a good request, then a bad one")
        << Pieces{"GET /ping HTTP/1.1\r\n\r\nNOPE\r\n\r\n"} << QStringList{ping, u"malformed"_s};
    // Only CRLF ends a head here: bare LFs wait (and at 8 KiB, too large).
    QTest::newRow("bare LF head waits") << Pieces{"GET /ping HTTP/1.1\n\n"} << QStringList{more};

    // Heads at and over 8 KiB (8,192 bytes with the CRLF CRLF).
    QTest::newRow("head of exactly 8 KiB")
        << Pieces{headOfSize(8192)}
        << QStringList{u"GET /ping (/ping) HTTP/1.1 keep-alive body 0"_s, more};
    QTest::newRow("head one byte over") << Pieces{headOfSize(8193)} << QStringList{u"too large"_s};
    QTest::newRow("8 KiB without an end waits")
        << Pieces{headOfSize(8196).left(8192)} << QStringList{more};
    QTest::newRow("over 8 KiB without an end")
        << Pieces{headOfSize(8196).left(8192), "a"} << QStringList{more, u"too large"_s};
}

void TestAgentRequestParser::parses()
{
    QFETCH(Pieces, pieces);
    QFETCH(QStringList, log);

    AgentRequestParser parser;
    QStringList got;
    for (const QByteArray &piece : pieces) {
        parser.append(piece);
        Outcome outcome = Outcome::Request;
        while (outcome == Outcome::Request) {
            outcome = parser.next();
            got.append(describe(outcome, parser.request()));
        }
        if (outcome != Outcome::NeedMore)
            break; // the agent answers 400 and closes
    }
    QCOMPARE(got, log);
}

QTEST_GUILESS_MAIN(TestAgentRequestParser)
#include "tst_agentrequestparser.moc"
