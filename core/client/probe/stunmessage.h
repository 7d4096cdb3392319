#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <array>
#include <optional>

namespace waddle::client {

// The part of STUN (RFC 5389) a latency probe needs: a Binding Request out,
// a Binding Success Response back (SPEC §4, STUN mode). No authentication:
// MESSAGE-INTEGRITY is skipped (a binding test has no credentials), but a
// FINGERPRINT, when present, is checked, as it is what tells STUN apart from
// other traffic on the port (RFC 5389 §8).
class StunMessage
{
public:
    using TransactionId = std::array<quint8, 12>; // 96 bits (RFC 5389 §6)

    static constexpr quint32 kMagicCookie = 0x2112A442;
    static constexpr qsizetype kHeaderSize = 20;

    static constexpr quint16 kBindingRequest = 0x0001;
    static constexpr quint16 kBindingSuccessResponse = 0x0101;
    static constexpr quint16 kBindingErrorResponse = 0x0111;

    static constexpr quint16 kMappedAddress = 0x0001;
    static constexpr quint16 kMessageIntegrity = 0x0008;
    static constexpr quint16 kErrorCode = 0x0009;
    static constexpr quint16 kXorMappedAddress = 0x0020;
    static constexpr quint16 kSoftware = 0x8022;
    static constexpr quint16 kFingerprint = 0x8028;
    // CRC-32 of the message is XORed with this ("STUN") in a FINGERPRINT.
    static constexpr quint32 kFingerprintXor = 0x5354554E;

    // What a Binding Success Response says: where the server saw us.
    struct BindingResponse
    {
        TransactionId transactionId{};
        QHostAddress address;
        quint16 port = 0;
        bool xorMapped = false; // from XOR-MAPPED-ADDRESS (else MAPPED-ADDRESS)
        QString software;       // the SOFTWARE attribute, when sent

        friend bool operator==(const BindingResponse &, const BindingResponse &) = default;
    };

    StunMessage() = delete;

    // 96 random bits from the system's secure source (RFC 5389 §6: a
    // transaction id must be uniformly random so answers cannot be forged).
    static TransactionId newTransactionId();

    // A 20-byte Binding Request with no attributes.
    static QByteArray bindingRequest(const TransactionId &id);

    // The transaction id of anything with a sound STUN header (first two
    // bits zero, length a multiple of 4 that fits, the magic cookie), so
    // answers can be matched to their samples before they are decoded.
    static std::optional<TransactionId> transactionIdOf(QByteArrayView datagram);

    // Decodes a Binding Success Response: checks the header (type, length,
    // magic cookie), every attribute's framing, the FINGERPRINT when present
    // and unknown comprehension-required attributes (RFC 5389 §7.3.3), and
    // reads XOR-MAPPED-ADDRESS (IPv4 or IPv6) or, failing it, MAPPED-ADDRESS.
    // A Binding Error Response is reported with its ERROR-CODE.
    static domain::Result<BindingResponse> parseBindingResponse(QByteArrayView datagram);
    // The same, and the transaction id must be `expected`.
    static domain::Result<BindingResponse> parseBindingResponse(QByteArrayView datagram,
                                                                const TransactionId &expected);

    // CRC-32 (ISO 3309, as zlib) of `bytes` XOR 0x5354554E (RFC 5389 §15.5).
    static quint32 fingerprint(QByteArrayView bytes);
};

} // namespace waddle::client
