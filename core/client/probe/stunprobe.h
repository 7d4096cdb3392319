#pragma once

#include "probeendpoint.h"
#include "regionprobe.h"
#include "stunmessage.h"

#include <QHostAddress>
#include <QTimer>

class QUdpSocket;

namespace waddle::client {

// STUN mode (SPEC §4): RFC 5389 Binding Requests over UDP, one transaction
// id per sample; answers are matched by id, so a late answer to an earlier
// sample is ignored, never miscounted. The warm-up is retransmitted
// (RFC 5389 §7.2.1), so one lost datagram does not make a region look
// unreachable.
class StunProbe final : public RegionProbe
{
    Q_DISABLE_COPY_MOVE(StunProbe)

public:
    // The first warm-up retransmission: RFC 5389's 500 ms, or a third of a
    // shorter timeout so a lost warm-up datagram is sent again in time.
    static constexpr int kMaxInitialRtoMs = 500;
    static constexpr int kMinInitialRtoMs = 50;

    StunProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
              QObject *parent);
    ~StunProbe() override;

protected:
    void warmUp() override;
    void sendSample() override;
    void closeAll() override;

private:
    bool openSocket();
    bool send();
    void retransmit();
    void onReadyRead();

    HostPort m_target;
    QUdpSocket *m_socket = nullptr;
    QTimer m_retransmit;
    int m_rtoMs = kMaxInitialRtoMs;
    qint64 m_warmUpStartNs = 0;
    StunMessage::TransactionId m_transaction{};
    QByteArray m_request;
};

} // namespace waddle::client
