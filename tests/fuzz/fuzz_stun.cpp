// libFuzzer target for the STUN message decoder
// (core/client/probe/stunmessage.h, issue 16): any datagram a server may
// answer with. Oracle besides the sanitizers: a response the decoder accepts
// has a sound header, so transactionIdOf() finds the same id, and decoding
// it again while expecting that id gives the same answer; every refusal has
// a message.
#include "client/probe/stunmessage.h"
#include "splits.h"

#include <cstdio>
#include <cstdlib>

using waddle::client::StunMessage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView datagram(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = StunMessage::parseBindingResponse(datagram);
    const std::optional<StunMessage::TransactionId> id = StunMessage::transactionIdOf(datagram);
    if (!parsed.ok()) {
        if (parsed.error().message.isEmpty())
            waddle::fuzz::oracleFailed("a refusal without a message");
        return 0;
    }
    if (!id || *id != parsed.value().transactionId)
        waddle::fuzz::oracleFailed("an accepted response whose header transactionIdOf refuses");
    const auto again = StunMessage::parseBindingResponse(datagram, *id);
    if (!again.ok() || !(again.value() == parsed.value()))
        waddle::fuzz::oracleFailed("the same datagram decodes differently with its own id");
    if (parsed.value().address.isNull())
        waddle::fuzz::oracleFailed("an accepted response without an address");
    return 0;
}
