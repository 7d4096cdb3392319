// STUN messages (RFC 5389) for the latency prober's STUN mode (SPEC §4):
// the request we send, and the decoding of the answer, checked against the
// RFC 5769 test vectors and hand-built malformed messages.
#include "client/probe/stunmessage.h"

#include <QTest>
#include <QtEndian>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;

namespace {

using Id = StunMessage::TransactionId;

// RFC 5769 §2.2 and §2.3: the sample responses' transaction id.
constexpr Id kRfcId{0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae};
constexpr Id kOtherId{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

// RFC 5769 §2.2 "Sample IPv4 Response": SOFTWARE "test vector",
// XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT.
QByteArray rfc5769Ipv4Response()
{
    return QByteArray::fromHex("0101003c"
                               "2112a442"
                               "b7e7a701bc34d686fa87dfae"
                               "8022000b"
                               "74657374"
                               "20766563"
                               "746f7220"
                               "00200008"
                               "0001a147"
                               "e112a643"
                               "00080014"
                               "2b91f599"
                               "fd9e90c3"
                               "8c7489f9"
                               "2af9ba53"
                               "f06be7d7"
                               "80280004"
                               "c07d4c96");
}

// RFC 5769 §2.3 "Sample IPv6 Response": XOR-MAPPED-ADDRESS
// [2001:db8:1234:5678:11:2233:4455:6677]:32853.
QByteArray rfc5769Ipv6Response()
{
    return QByteArray::fromHex("01010048"
                               "2112a442"
                               "b7e7a701bc34d686fa87dfae"
                               "8022000b"
                               "74657374"
                               "20766563"
                               "746f7220"
                               "00200014"
                               "0002a147"
                               "0113a9fa"
                               "a5d3f179"
                               "bc25f4b5"
                               "bed2b9d9"
                               "00080014"
                               "a382954e"
                               "4be67bf1"
                               "1784c97c"
                               "8292c275"
                               "bfe3ed41"
                               "80280004"
                               "c8fb0b4c");
}

QByteArray be16(quint16 v)
{
    QByteArray out(2, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

QByteArray be32(quint32 v)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

// One attribute, padded to 4 bytes.
QByteArray attribute(quint16 type, const QByteArray &value)
{
    QByteArray out = be16(type) + be16(static_cast<quint16>(value.size())) + value;
    while (out.size() % 4 != 0)
        out.append('\0');
    return out;
}

QByteArray message(quint16 type, const Id &id, const QByteArray &attributes,
                   quint32 cookie = StunMessage::kMagicCookie)
{
    return be16(type) + be16(static_cast<quint16>(attributes.size())) + be32(cookie) +
           QByteArray(reinterpret_cast<const char *>(id.data()), 12) + attributes;
}

// XOR-MAPPED-ADDRESS value for an IPv4 address (RFC 5389 §15.2).
QByteArray xorIpv4(quint32 ip, quint16 port)
{
    return be16(0x0001) + be16(port ^ 0x2112) + be32(ip ^ StunMessage::kMagicCookie);
}

QByteArray plainIpv4(quint32 ip, quint16 port)
{
    return be16(0x0001) + be16(port) + be32(ip);
}

// Appends a correct FINGERPRINT to a message.
QByteArray withFingerprint(QByteArray m)
{
    const quint16 length = qFromBigEndian<quint16>(m.constData() + 2) + 8;
    qToBigEndian(length, m.data() + 2);
    return m + attribute(StunMessage::kFingerprint, be32(StunMessage::fingerprint(m)));
}

} // namespace

class TestStunMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindingRequest();
    void newTransactionIdsDiffer();
    void fingerprintOfTheRfcVector();
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void transactionIdMustMatch();
    void transactionIdOf_data();
    void transactionIdOf();
};

void TestStunMessage::bindingRequest()
{
    const QByteArray request = StunMessage::bindingRequest(kRfcId);
    QCOMPARE(request.toHex(), "000100002112a442b7e7a701bc34d686fa87dfae"_ba);
    QCOMPARE(request.size(), StunMessage::kHeaderSize);
    QVERIFY(StunMessage::transactionIdOf(request) == kRfcId);
}

void TestStunMessage::newTransactionIdsDiffer()
{
    const Id a = StunMessage::newTransactionId();
    const Id b = StunMessage::newTransactionId();
    QVERIFY(a != b);
    QVERIFY(a != Id{});
}

void TestStunMessage::fingerprintOfTheRfcVector()
{
    // The CRC covers everything before the FINGERPRINT attribute, with the
    // header's length already counting it (RFC 5389 §15.5).
    const QByteArray m = rfc5769Ipv4Response();
    QCOMPARE(StunMessage::fingerprint(QByteArrayView(m).first(m.size() - 8)), 0xc07d4c96U);
    // CRC-32 check value of "123456789" is 0xcbf43926.
    QCOMPARE(StunMessage::fingerprint("123456789"), 0xcbf43926U ^ StunMessage::kFingerprintXor);
}

void TestStunMessage::decodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("xorMapped");
    QTest::addColumn<QString>("software");

    QTest::newRow("RFC 5769 §2.2 IPv4 XOR-MAPPED-ADDRESS 192.0.2.1:32853")
        << rfc5769Ipv4Response() << u"192.0.2.1"_s << 32853 << true << u"test vector"_s;
    QTest::newRow("RFC 5769 §2.3 IPv6 XOR-MAPPED-ADDRESS")
        << rfc5769Ipv6Response() << u"2001:db8:1234:5678:11:2233:4455:6677"_s << 32853 << true
        << u"test vector"_s;
    QTest::newRow("MAPPED-ADDRESS only (RFC 3489-style server with the cookie)")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kMappedAddress, plainIpv4(0x7f000001, 40000)))
        << u"127.0.0.1"_s << 40000 << false << QString();
    QTest::newRow("XOR-MAPPED-ADDRESS wins over MAPPED-ADDRESS")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kMappedAddress, plainIpv4(0x0a000001, 1)) +
                       attribute(StunMessage::kXorMappedAddress, xorIpv4(0xc0000201, 3478)))
        << u"192.0.2.1"_s << 3478 << true << QString();
    QTest::newRow("unknown comprehension-optional attribute is ignored")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(0x8029, QByteArray(8, 'x')) +
                       attribute(StunMessage::kXorMappedAddress, xorIpv4(0x7f000001, 5000)))
        << u"127.0.0.1"_s << 5000 << true << QString();
    QTest::newRow("attributes after MESSAGE-INTEGRITY are ignored")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kXorMappedAddress, xorIpv4(0x7f000001, 5000)) +
                       attribute(StunMessage::kMessageIntegrity, QByteArray(20, '\0')) +
                       attribute(0x0024, be32(1)) +
                       attribute(StunMessage::kXorMappedAddress, xorIpv4(0x01020304, 9)))
        << u"127.0.0.1"_s << 5000 << true << QString();
    QTest::newRow("own FINGERPRINT checked")
        << withFingerprint(
               message(StunMessage::kBindingSuccessResponse, kRfcId,
                       attribute(StunMessage::kXorMappedAddress, xorIpv4(0x7f000001, 65535))))
        << u"127.0.0.1"_s << 65535 << true << QString();
}

void TestStunMessage::decodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(bool, xorMapped);
    QFETCH(QString, software);
    const domain::Result<StunMessage::BindingResponse> r =
        StunMessage::parseBindingResponse(bytes, kRfcId);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->address, QHostAddress(address));
    QCOMPARE(int(r->port), port);
    QCOMPARE(r->xorMapped, xorMapped);
    QCOMPARE(r->software, software);
    QVERIFY(r->transactionId == kRfcId);
}

void TestStunMessage::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason"); // a part of the message

    const QByteArray v4 = rfc5769Ipv4Response();
    const QByteArray xorAttr = attribute(StunMessage::kXorMappedAddress, xorIpv4(0x7f000001, 1));

    QTest::newRow("empty") << QByteArray() << u"header"_s << u"shorter than"_s;
    QTest::newRow("19 bytes") << v4.left(19) << u"header"_s << u"20-byte"_s;
    QTest::newRow("an HTTP request on the port")
        << "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"_ba << u"type"_s << u"not a STUN message"_s;
    QTest::newRow("RFC 3489 (no magic cookie)")
        << message(StunMessage::kBindingSuccessResponse, kRfcId, xorAttr, 0) << u"magic_cookie"_s
        << u"not RFC 5389"_s;
    QTest::newRow("length not a multiple of 4") << [&] {
        QByteArray m = v4;
        m[3] = 0x3d;
        return m;
    }() << u"length"_s << u"multiple of 4"_s;
    QTest::newRow("truncated datagram") << v4.left(60) << u"length"_s << u"truncated"_s;
    QTest::newRow("trailing bytes") << v4 + QByteArray(4, '\0') << u"length"_s << u"follow"_s;
    QTest::newRow("a Binding Request, not a response")
        << message(StunMessage::kBindingRequest, kRfcId, xorAttr) << u"type"_s << u"0x0001"_s;
    QTest::newRow("Binding Error Response 401")
        << message(StunMessage::kBindingErrorResponse, kRfcId,
                   attribute(StunMessage::kErrorCode,
                             be16(0) + QByteArray("\x04\x01", 2) + "Unauthorized"_ba))
        << u"type"_s << u"401 Unauthorized"_s;
    QTest::newRow("attribute runs past the end")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   be16(StunMessage::kXorMappedAddress) + be16(12) + xorIpv4(0x7f000001, 1))
        << u"0x0020"_s << u"runs past the end"_s;
    QTest::newRow("unknown address family")
        << message(
               StunMessage::kBindingSuccessResponse, kRfcId,
               attribute(StunMessage::kXorMappedAddress, be16(0x0003) + be16(1) + be32(0x7f000001)))
        << u"XOR-MAPPED-ADDRESS"_s << u"family 3"_s;
    QTest::newRow("IPv4 address of the wrong length")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kXorMappedAddress, xorIpv4(0x7f000001, 1) + be32(0)))
        << u"XOR-MAPPED-ADDRESS"_s << u"must be 8 bytes"_s;
    QTest::newRow("IPv6 address cut short")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kXorMappedAddress, be16(0x0002) + be16(1) + be32(0)))
        << u"XOR-MAPPED-ADDRESS"_s << u"must be 20 bytes"_s;
    QTest::newRow("unknown comprehension-required attribute")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   xorAttr + attribute(0x0024, be32(7)))
        << u"0x0024"_s << u"comprehension-required"_s;
    QTest::newRow("no mapped address") << message(StunMessage::kBindingSuccessResponse, kRfcId,
                                                  attribute(StunMessage::kSoftware, "x"_ba))
                                       << u"attributes"_s << u"neither"_s;
    QTest::newRow("FINGERPRINT does not match") << [&] {
        QByteArray m = v4;
        m[24] = 'T'; // "test vector" → "Test vector"
        return m;
    }() << u"FINGERPRINT"_s << u"does not match"_s;
    QTest::newRow("FINGERPRINT not last")
        << message(StunMessage::kBindingSuccessResponse, kRfcId,
                   attribute(StunMessage::kFingerprint, be32(0)) + xorAttr)
        << u"FINGERPRINT"_s << u"not the last"_s;
}

void TestStunMessage::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const domain::Result<StunMessage::BindingResponse> r = StunMessage::parseBindingResponse(bytes);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, field);
    QVERIFY2(r.error().message.contains(reason), qPrintable(r.error().message));
}

void TestStunMessage::transactionIdMustMatch()
{
    const domain::Result<StunMessage::BindingResponse> r =
        StunMessage::parseBindingResponse(rfc5769Ipv4Response(), kOtherId);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, u"transaction_id"_s);
}

void TestStunMessage::transactionIdOf_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("found");
    QTest::newRow("RFC 5769 response") << rfc5769Ipv4Response() << true;
    QTest::newRow("our request") << StunMessage::bindingRequest(kRfcId) << true;
    QTest::newRow("truncated") << rfc5769Ipv4Response().left(40) << false;
    QTest::newRow("no cookie") << message(StunMessage::kBindingSuccessResponse, kRfcId, {}, 0)
                               << false;
    QTest::newRow("junk") << "hello, world, this is not STUN"_ba << false;
}

void TestStunMessage::transactionIdOf()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, found);
    const std::optional<Id> id = StunMessage::transactionIdOf(bytes);
    QCOMPARE(id.has_value(), found);
    if (found)
        QVERIFY(*id == kRfcId);
}

QTEST_GUILESS_MAIN(TestStunMessage)
#include "tst_stunmessage.moc"
