#include "stunmessage.h"

#include <QRandomGenerator>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace waddle::client {

using domain::Error;

namespace {

constexpr qsizetype kAttributeHeaderSize = 4;

quint16 read16(QByteArrayView bytes, qsizetype at)
{
    return qFromBigEndian<quint16>(bytes.data() + at);
}

quint32 read32(QByteArrayView bytes, qsizetype at)
{
    return qFromBigEndian<quint32>(bytes.data() + at);
}

QString hex16(quint16 value)
{
    return u"0x%1"_s.arg(value, 4, 16, QLatin1Char('0'));
}

constexpr std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table{};
    for (quint32 n = 0; n < 256; ++n) {
        quint32 c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

constexpr std::array<quint32, 256> kCrcTable = makeCrcTable();

// Attribute types below 0x8000 must be understood (RFC 5389 §15).
bool comprehensionRequired(quint16 type)
{
    return type < 0x8000;
}

// XOR-MAPPED-ADDRESS and MAPPED-ADDRESS share a layout (RFC 5389 §15.1-2):
// 0, family (1 = IPv4, 2 = IPv6), port, address; XOR-MAPPED-ADDRESS XORs the
// port with the cookie's top 16 bits and the address with cookie + id.
domain::Result<std::pair<QHostAddress, quint16>> decodeAddress(QByteArrayView value, bool xored,
                                                               QByteArrayView xorKey)
{
    const QString name = xored ? u"XOR-MAPPED-ADDRESS"_s : u"MAPPED-ADDRESS"_s;
    if (value.size() < 4)
        return Error{
            name, u"%1 is %2 bytes, too short for family and port"_s.arg(name).arg(value.size())};
    const quint8 family = static_cast<quint8>(value[1]);
    quint16 port = read16(value, 2);
    if (xored)
        port ^= static_cast<quint16>(StunMessage::kMagicCookie >> 16);
    if (family == 0x01) {
        if (value.size() != 8)
            return Error{name,
                         u"%1 for IPv4 must be 8 bytes, not %2"_s.arg(name).arg(value.size())};
        quint32 ip = read32(value, 4);
        if (xored)
            ip ^= StunMessage::kMagicCookie;
        return std::pair{QHostAddress(ip), port};
    }
    if (family == 0x02) {
        if (value.size() != 20)
            return Error{name,
                         u"%1 for IPv6 must be 20 bytes, not %2"_s.arg(name).arg(value.size())};
        Q_IPV6ADDR ip;
        for (int i = 0; i < 16; ++i) {
            quint8 b = static_cast<quint8>(value[4 + i]);
            if (xored)
                b ^= static_cast<quint8>(xorKey[i]);
            ip[i] = b;
        }
        return std::pair{QHostAddress(ip), port};
    }
    return Error{name, u"%1 has unknown address family %2"_s.arg(name).arg(family)};
}

} // namespace

StunMessage::TransactionId StunMessage::newTransactionId()
{
    TransactionId id;
    std::array<quint32, 3> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    for (std::size_t i = 0; i < words.size(); ++i)
        qToBigEndian(words[i], id.data() + 4 * i);
    return id;
}

QByteArray StunMessage::bindingRequest(const TransactionId &id)
{
    QByteArray out(kHeaderSize, Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(out.data());
    qToBigEndian(kBindingRequest, p);
    qToBigEndian(quint16(0), p + 2);
    qToBigEndian(kMagicCookie, p + 4);
    std::copy(id.cbegin(), id.cend(), p + 8);
    return out;
}

std::optional<StunMessage::TransactionId> StunMessage::transactionIdOf(QByteArrayView datagram)
{
    if (datagram.size() < kHeaderSize || (static_cast<quint8>(datagram[0]) & 0xC0) != 0)
        return std::nullopt;
    const quint16 length = read16(datagram, 2);
    if (length % 4 != 0 || kHeaderSize + length != datagram.size() ||
        read32(datagram, 4) != kMagicCookie)
        return std::nullopt;
    TransactionId id;
    std::copy_n(datagram.data() + 8, id.size(), id.begin());
    return id;
}

domain::Result<StunMessage::BindingResponse>
StunMessage::parseBindingResponse(QByteArrayView datagram, const TransactionId &expected)
{
    domain::Result<BindingResponse> parsed = parseBindingResponse(datagram);
    if (parsed && parsed->transactionId != expected)
        return Error{u"transaction_id"_s,
                     u"the transaction id is not the one sent (a late or foreign answer)"_s};
    return parsed;
}

domain::Result<StunMessage::BindingResponse> StunMessage::parseBindingResponse(QByteArrayView m)
{
    // Header (RFC 5389 §6): type (top two bits 0), length of the attributes
    // (a multiple of 4), magic cookie, transaction id.
    if (m.size() < kHeaderSize)
        return Error{u"header"_s,
                     u"%1 bytes is shorter than the 20-byte STUN header"_s.arg(m.size())};
    if ((static_cast<quint8>(m[0]) & 0xC0) != 0)
        return Error{u"type"_s, u"the first two bits are not zero: not a STUN message"_s};
    const quint16 type = read16(m, 0);
    const quint16 length = read16(m, 2);
    if (read32(m, 4) != kMagicCookie)
        return Error{u"magic_cookie"_s,
                     u"the magic cookie is 0x%1, not 0x2112a442 (not RFC 5389 STUN)"_s.arg(
                         read32(m, 4), 8, 16, QLatin1Char('0'))};
    if (length % 4 != 0)
        return Error{u"length"_s, u"the length %1 is not a multiple of 4"_s.arg(length)};
    if (kHeaderSize + length > m.size())
        return Error{u"length"_s, u"truncated: the header announces %1 bytes of attributes, "
                                  u"%2 arrived"_s.arg(length)
                                      .arg(m.size() - kHeaderSize)};
    if (kHeaderSize + length < m.size())
        return Error{u"length"_s, u"%1 bytes follow the %2 bytes the header announces"_s
                                      .arg(m.size() - kHeaderSize - length)
                                      .arg(length)};
    if (type != kBindingSuccessResponse && type != kBindingErrorResponse)
        return Error{u"type"_s,
                     u"message type %1 is not a Binding response (0x0101)"_s.arg(hex16(type))};

    BindingResponse out;
    std::copy_n(m.data() + 8, out.transactionId.size(), out.transactionId.begin());

    std::optional<std::pair<QHostAddress, quint16>> xorMapped;
    std::optional<std::pair<QHostAddress, quint16>> mapped;
    std::optional<QString> errorCode;
    bool afterIntegrity = false;
    qsizetype at = kHeaderSize;
    while (at < m.size()) {
        if (at + kAttributeHeaderSize > m.size())
            return Error{u"attributes"_s, u"an attribute header is cut off at byte %1"_s.arg(at)};
        const quint16 attrType = read16(m, at);
        const quint16 attrLength = read16(m, at + 2);
        const qsizetype valueAt = at + kAttributeHeaderSize;
        const qsizetype padded = (attrLength + 3) & ~qsizetype(3);
        if (valueAt + padded > m.size())
            return Error{
                hex16(attrType),
                u"attribute %1 (%2 bytes) runs past the end of the message"_s.arg(hex16(attrType))
                    .arg(attrLength)};
        const QByteArrayView value = m.sliced(valueAt, attrLength);
        at = valueAt + padded;

        if (attrType == kFingerprint) {
            // Must be last (RFC 5389 §15.5), over everything before it.
            if (at != m.size())
                return Error{u"FINGERPRINT"_s, u"FINGERPRINT is not the last attribute"_s};
            if (attrLength != 4)
                return Error{u"FINGERPRINT"_s, u"FINGERPRINT must be 4 bytes"_s};
            const quint32 expected = fingerprint(m.first(valueAt - kAttributeHeaderSize));
            if (read32(value, 0) != expected)
                return Error{u"FINGERPRINT"_s,
                             u"the FINGERPRINT does not match the message (corrupt or not STUN)"_s};
            continue;
        }
        // Only FINGERPRINT may follow MESSAGE-INTEGRITY; anything else there
        // is ignored (RFC 5389 §15.4).
        if (afterIntegrity)
            continue;
        switch (attrType) {
        case kXorMappedAddress: {
            auto decoded = decodeAddress(value, true, m.sliced(4, 16)); // cookie + id
            if (!decoded)
                return decoded.error();
            xorMapped = decoded.value();
            break;
        }
        case kMappedAddress: {
            auto decoded = decodeAddress(value, false, {});
            if (!decoded)
                return decoded.error();
            mapped = decoded.value();
            break;
        }
        case kMessageIntegrity:
            afterIntegrity = true; // no credentials in a binding test: not checked
            break;
        case kSoftware:
            out.software = QString::fromUtf8(value);
            break;
        case kErrorCode:
            if (attrLength < 4) {
                errorCode = u"(malformed ERROR-CODE)"_s;
            } else {
                const int code =
                    (static_cast<quint8>(value[2]) & 0x07) * 100 + static_cast<quint8>(value[3]);
                errorCode = u"%1 %2"_s.arg(code).arg(QString::fromUtf8(value.sliced(4)).trimmed());
            }
            break;
        default:
            if (comprehensionRequired(attrType) && type == kBindingSuccessResponse)
                return Error{hex16(attrType),
                             u"unknown comprehension-required attribute %1"_s.arg(hex16(attrType))};
            break; // comprehension-optional: ignored
        }
    }

    if (type == kBindingErrorResponse)
        return Error{u"type"_s,
                     u"Binding Error Response: %1"_s.arg(errorCode.value_or(u"no ERROR-CODE"_s))};
    if (xorMapped) {
        out.address = xorMapped->first;
        out.port = xorMapped->second;
        out.xorMapped = true;
    } else if (mapped) {
        out.address = mapped->first;
        out.port = mapped->second;
    } else {
        return Error{u"attributes"_s,
                     u"the response has neither XOR-MAPPED-ADDRESS nor MAPPED-ADDRESS"_s};
    }
    return out;
}

quint32 StunMessage::fingerprint(QByteArrayView bytes)
{
    quint32 crc = 0xFFFFFFFFU;
    for (const char c : bytes)
        crc = kCrcTable[(crc ^ static_cast<quint8>(c)) & 0xFFU] ^ (crc >> 8);
    return (crc ^ 0xFFFFFFFFU) ^ kFingerprintXor;
}

} // namespace waddle::client
