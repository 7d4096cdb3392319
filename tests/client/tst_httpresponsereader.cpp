// HttpResponseReader (core/client/probe/): one HTTP/1.1 reply off a byte
// stream for the prober's HTTP mode (SPEC §4), however the bytes are split:
// Content-Length, chunked and read-until-close bodies, interim replies,
// keep-alive, and the replies it refuses (bad status lines, bad framing,
// oversized heads and bodies).
#include "client/probe/httpresponsereader.h"

#include <QTest>

using namespace waddle::client;
using namespace Qt::StringLiterals;

using State = HttpResponseReader::State;
using Pieces = QList<QByteArray>;

namespace {

// Every byte of `bytes` as its own read.
Pieces bytewise(const QByteArray &bytes)
{
    Pieces pieces;
    for (const char c : bytes)
        pieces.append(QByteArray(1, c));
    return pieces;
}

constexpr int kAnyStatus = -1;

} // namespace

class TestHttpResponseReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void startedAndReset();
    void completeReplyStaysComplete();
};

void TestHttpResponseReader::reads_data()
{
    QTest::addColumn<Pieces>("pieces");
    QTest::addColumn<bool>("closeAtEnd"); // the server closes after the last piece
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("status"); // kAnyStatus: not looked at
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qsizetype>("leftover");
    QTest::addColumn<QString>("error");

    const QByteArray pong = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npong";

    // Content-Length, however it is split.
    QTest::newRow("content-length, one read") << Pieces{pong} << false << State::Complete << 200
                                              << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("head split inside CRLF CRLF")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Len", "gth: 4\r\n\r", "\npo", "ng"} << false
        << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("byte by byte") << bytewise(pong) << false << State::Complete << 200 << "OK"_ba
                                  << true << qsizetype(0) << QString();
    QTest::newRow("body not all here yet")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\npong"} << false << State::NeedMore
        << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("head not all here yet")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n"} << false << State::NeedMore
        << kAnyStatus << ""_ba << true << qsizetype(36) << QString();
    QTest::newRow("bytes after the reply")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"} << false << State::Complete
        << 200 << "OK"_ba << true << qsizetype(5) << QString();
    QTest::newRow("LF line ends") << Pieces{"HTTP/1.1 200 OK\nContent-Length: 2\n\nok"} << false
                                  << State::Complete << 200 << "OK"_ba << true << qsizetype(0)
                                  << QString();
    // The head ends at its first empty line, however it is spelt and cut:
    // an LF LF before a later CRLF CRLF ends it (fuzz_httpresponse found the
    // whole read taking the later one; its reproducer is in the corpus).
    const QByteArray mixed = "HTTP/1.1 200 OK\r\nContent-Length: 2\n\nokX: 1\r\n\r\n";
    QTest::newRow("first empty line ends the head")
        << Pieces{mixed} << false << State::Complete << 200 << "OK"_ba << true << qsizetype(8)
        << QString();
    QTest::newRow("LF then CRLF ends the head")
        << Pieces{"HTTP/1.1 200 OK\nContent-Length: 2\n\r\nok"} << false << State::Complete << 200
        << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("reason of several words")
        << Pieces{"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"} << false
        << State::Complete << 503 << "Service Unavailable"_ba << true << qsizetype(0) << QString();
    QTest::newRow("204 has no body")
        << Pieces{"HTTP/1.1 204 No Content\r\n\r\n"} << false << State::Complete << 204
        << "No Content"_ba << true << qsizetype(0) << QString();

    // Chunked transfer coding (RFC 9112 §7.1).
    QTest::newRow("chunked")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npong\r\n0\r\n\r\n"}
        << false << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("chunked, extension, trailer, split")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\npo\r\n", "2\r\nn",
                  "g\r\n0\r\nX-Trailer: 1\r\n", "\r\n"}
        << false << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("chunked, byte by byte")
        << bytewise("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "a\r\n0123456789\r\n0\r\n\r\n")
        << false << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("chunked, last chunk missing")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npong\r\n"} << false
        << State::NeedMore << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("chunk size not hexadecimal")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"} << false
        << State::Failed << 200 << "OK"_ba << true << qsizetype(0)
        << u"a chunk size is not a hexadecimal number"_s;
    QTest::newRow("chunk not ended by CRLF")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\npoXX\r\n"} << false
        << State::Failed << 200 << "OK"_ba << true << qsizetype(0)
        << u"a chunk does not end with CRLF"_s;
    // 0x100001 = 1,048,577 bytes: one over 1 MiB.
    QTest::newRow("chunk over 1 MiB")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n"} << false
        << State::Failed << 200 << "OK"_ba << true << qsizetype(0)
        << u"the reply body is over 1 MiB"_s;
    QTest::newRow("chunked, cut off by close")
        << Pieces{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npo"} << true
        << State::Failed << 200 << "OK"_ba << true << qsizetype(0)
        << u"the connection closed in the middle of the reply"_s;

    // Read until close, and keep-alive.
    QTest::newRow("until close, closed")
        << Pieces{"HTTP/1.1 200 OK\r\n\r\npong"} << true << State::Complete << 200 << "OK"_ba
        << false << qsizetype(0) << QString();
    QTest::newRow("until close, still open")
        << Pieces{"HTTP/1.1 200 OK\r\n\r\npong"} << false << State::NeedMore << 200 << "OK"_ba
        << false << qsizetype(0) << QString();
    QTest::newRow("content-length cut off by close")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\npong"} << true << State::Failed
        << 200 << "OK"_ba << true << qsizetype(0)
        << u"the connection closed in the middle of the reply"_s;
    QTest::newRow("HTTP/1.0 closes")
        << Pieces{"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"} << false << State::Complete << 200
        << "OK"_ba << false << qsizetype(0) << QString();
    QTest::newRow("HTTP/1.0 with keep-alive")
        << Pieces{"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"} << false
        << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("Connection: close")
        << Pieces{"HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n"} << false
        << State::Complete << 200 << "OK"_ba << false << qsizetype(0) << QString();

    // Interim replies.
    QTest::newRow("100 Continue is skipped")
        << Pieces{"HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"}
        << false << State::Complete << 200 << "OK"_ba << true << qsizetype(0) << QString();
    QTest::newRow("101 is refused")
        << Pieces{"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"} << false
        << State::Failed << 101 << "Switching Protocols"_ba << true << qsizetype(0)
        << u"the server switched protocols"_s;

    // Bad status lines.
    QTest::newRow("not HTTP") << Pieces{"SSH-2.0-OpenSSH_9.2\r\n\r\n"} << false << State::Failed
                              << kAnyStatus << ""_ba << true << qsizetype(0)
                              << u"not an HTTP/1.x reply"_s;
    QTest::newRow("HTTP/2") << Pieces{"HTTP/2 200 OK\r\n\r\n"} << false << State::Failed
                            << kAnyStatus << ""_ba << true << qsizetype(0)
                            << u"not an HTTP/1.x reply"_s;
    QTest::newRow("no space after the version")
        << Pieces{"HTTP/1.1200 OK\r\n\r\n"} << false << State::Failed << kAnyStatus << ""_ba << true
        << qsizetype(0) << u"not an HTTP/1.x reply"_s;
    QTest::newRow("status line too short")
        << Pieces{"HTTP/1.1 20\r\n\r\n"} << false << State::Failed << kAnyStatus << ""_ba << true
        << qsizetype(0) << u"not an HTTP/1.x reply"_s;
    QTest::newRow("status not a number")
        << Pieces{"HTTP/1.1 abc OK\r\n\r\n"} << false << State::Failed << kAnyStatus << ""_ba
        << true << qsizetype(0) << u"the reply has no valid status code"_s;
    QTest::newRow("status out of range")
        << Pieces{"HTTP/1.1 999 Nope\r\n\r\n"} << false << State::Failed << kAnyStatus << ""_ba
        << true << qsizetype(0) << u"the reply has no valid status code"_s;

    // Bad heads.
    QTest::newRow("header line without colon")
        << Pieces{"HTTP/1.1 200 OK\r\nBroken\r\n\r\n"} << false << State::Failed << 200 << "OK"_ba
        << true << qsizetype(0) << u"a reply header line is malformed"_s;
    QTest::newRow("two different Content-Lengths")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"} << false
        << State::Failed << 200 << "OK"_ba << true << qsizetype(2)
        << u"the reply's Content-Length is invalid"_s;
    QTest::newRow("negative Content-Length")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"} << false << State::Failed << 200
        << "OK"_ba << true << qsizetype(0) << u"the reply's Content-Length is invalid"_s;
    // 1 MiB + 1.
    QTest::newRow("Content-Length over 1 MiB")
        << Pieces{"HTTP/1.1 200 OK\r\nContent-Length: 1048577\r\n\r\n"} << false << State::Failed
        << 200 << "OK"_ba << true << qsizetype(0) << u"the reply body is over 1 MiB"_s;

    // Oversized heads: 16 KiB without the blank line still waits; one byte
    // more is not a /ping reply.
    const QByteArray start = "HTTP/1.1 200 OK\r\nX-Padding: ";
    const QByteArray atLimit = start + QByteArray(16 * 1024 - start.size(), 'a');
    QTest::newRow("head of 16 KiB, not ended")
        << Pieces{atLimit} << false << State::NeedMore << kAnyStatus << ""_ba << true
        << qsizetype(16 * 1024) << QString();
    QTest::newRow("head over 16 KiB")
        << Pieces{atLimit, "a"} << false << State::Failed << kAnyStatus << ""_ba << true
        << qsizetype(16 * 1024 + 1) << u"the reply head is over 16 KiB"_s;
}

void TestHttpResponseReader::reads()
{
    QFETCH(Pieces, pieces);
    QFETCH(bool, closeAtEnd);
    QFETCH(State, state);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(bool, keepAlive);
    QFETCH(qsizetype, leftover);
    QFETCH(QString, error);

    HttpResponseReader reader;
    State got = State::NeedMore;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        got = reader.feed(pieces.at(i));
        // Nothing is decided before the last piece.
        if (i + 1 < pieces.size())
            QCOMPARE(got, State::NeedMore);
    }
    if (closeAtEnd)
        got = reader.endOfStream();

    QCOMPARE(got, state);
    QCOMPARE(reader.error(), error);
    if (status != kAnyStatus) {
        QCOMPARE(reader.status(), status);
        QCOMPARE(reader.reasonPhrase(), reason);
    }
    QCOMPARE(reader.keepAlive(), keepAlive);
    QCOMPARE(reader.leftover(), leftover);
}

void TestHttpResponseReader::startedAndReset()
{
    HttpResponseReader reader;
    QVERIFY(!reader.started());
    QCOMPARE(reader.feed("HTTP/1.1 2"), State::NeedMore);
    QVERIFY(reader.started());
    QCOMPARE(reader.feed("00 OK\r\nContent-Length: 2\r\n\r\nok"), State::Complete);
    QCOMPARE(reader.status(), 200);

    reader.reset();
    QVERIFY(!reader.started());
    QCOMPARE(reader.status(), 0);
    QCOMPARE(reader.feed("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), State::Complete);
    QCOMPARE(reader.status(), 404);
    QCOMPARE(reader.reasonPhrase(), "Not Found"_ba);
}

void TestHttpResponseReader::completeReplyStaysComplete()
{
    // A complete reply is not reopened by bytes after it: they are counted
    // as left over (the probe then drops the connection).
    HttpResponseReader reader;
    QCOMPARE(reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), State::Complete);
    QCOMPARE(reader.feed("HTTP/1.1 200"), State::Complete);
    QCOMPARE(reader.leftover(), qsizetype(12));
}

QTEST_GUILESS_MAIN(TestHttpResponseReader)
#include "tst_httpresponsereader.moc"
