#include "stunprobe.h"

#include "probesockets.h"

#include <QNetworkProxy>
#include <QUdpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::client {

StunProbe::StunProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
                     QObject *parent)
    : RegionProbe(std::move(region), settings, std::move(hooks), parent)
{
    m_target = *parseHostPort(this->region().stun, kDefaultStunPort);
    m_retransmit.setSingleShot(true);
    connect(&m_retransmit, &QTimer::timeout, this, &StunProbe::retransmit);
}

StunProbe::~StunProbe() = default;

void StunProbe::warmUp()
{
    resolveThen(m_target.host, [this] {
        if (!openSocket())
            return;
        // The warm-up transaction is retransmitted
        // (RFC 5389 §7.2.1), so one lost datagram does
        // not make the region look unreachable.
        m_rtoMs = std::clamp(settings().timeoutMs / 3, kMinInitialRtoMs, kMaxInitialRtoMs);
        m_warmUpStartNs = nowNs();
        m_transaction = StunMessage::newTransactionId();
        m_request = StunMessage::bindingRequest(m_transaction);
        send();
        m_retransmit.start(m_rtoMs);
    });
}

void StunProbe::sendSample()
{
    m_transaction = StunMessage::newTransactionId();
    m_request = StunMessage::bindingRequest(m_transaction);
    markSent();
    if (!send())
        sampleLost(u"cannot send: %1"_s.arg(m_socket->errorString()));
}

void StunProbe::closeAll()
{
    abortLookup();
    m_retransmit.stop();
    QAbstractSocket *socket = m_socket;
    disposeSocket(socket, this);
    m_socket = nullptr;
}

bool StunProbe::openSocket()
{
    m_socket = new QUdpSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy);
    const QHostAddress any = address().protocol() == QAbstractSocket::IPv6Protocol
                                 ? QHostAddress(QHostAddress::AnyIPv6)
                                 : QHostAddress(QHostAddress::AnyIPv4);
    if (!m_socket->bind(any, 0)) {
        unreachable(u"cannot open a UDP socket: %1"_s.arg(m_socket->errorString()));
        return false;
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &StunProbe::onReadyRead);
    return true;
}

bool StunProbe::send()
{
    return m_socket->writeDatagram(m_request, address(), m_target.port) == m_request.size();
}

void StunProbe::retransmit()
{
    if (!warmingUp())
        return;
    send();
    m_rtoMs *= 2;
    m_retransmit.start(m_rtoMs);
}

void StunProbe::onReadyRead()
{
    const qint64 arrivalNs = nowNs();
    while (m_socket && m_socket->hasPendingDatagrams()) {
        QHostAddress from;
        quint16 fromPort = 0;
        QByteArray datagram(static_cast<qsizetype>(m_socket->pendingDatagramSize()),
                            Qt::Uninitialized);
        const qint64 n = m_socket->readDatagram(datagram.data(), datagram.size(), &from, &fromPort);
        if (n < 0)
            continue;
        datagram.truncate(n);
        // Only the current transaction counts: late answers to earlier
        // samples and anything from elsewhere are ignored (SPEC §4).
        if (fromPort != m_target.port || !from.isEqual(address(), QHostAddress::TolerantConversion))
            continue;
        const std::optional<StunMessage::TransactionId> id = StunMessage::transactionIdOf(datagram);
        if (!id || *id != m_transaction || !(warmingUp() || sampling()))
            continue;
        const domain::Result<StunMessage::BindingResponse> answer =
            StunMessage::parseBindingResponse(datagram, m_transaction);
        if (!answer) {
            failRegion(u"STUN: %1"_s.arg(answer.error().message));
            return;
        }
        if (warmingUp()) {
            m_retransmit.stop();
            warmedUp(nsToMs(arrivalNs - m_warmUpStartNs));
        } else {
            sampleReceived(arrivalNs);
        }
        return;
    }
}

} // namespace waddle::client
