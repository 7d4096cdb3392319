#include "tcpprobe.h"

#include "probeendpoint.h"
#include "probesockets.h"

#include <QNetworkProxy>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace waddle::client {

TcpProbe::TcpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
                   QObject *parent)
    : RegionProbe(std::move(region), settings, std::move(hooks), parent)
{
    const QUrl url = *parsePingUrl(this->region().pingUrl);
    m_host = url.host();
    m_port = static_cast<quint16>(url.port(url.scheme().toLower() == u"https"_s ? 443 : 80));
}

TcpProbe::~TcpProbe() = default;

void TcpProbe::warmUp()
{
    resolveThen(m_host, [this] { connectOnce(); });
}

void TcpProbe::sampleTimedOut()
{
    disposeSocket(m_socket, this);
}

void TcpProbe::closeAll()
{
    abortLookup();
    disposeSocket(m_socket, this);
}

void TcpProbe::connectOnce()
{
    disposeSocket(m_socket, this);
    m_socket = new QTcpSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        const qint64 arrivalNs = nowNs();
        disposeSocket(m_socket, this);
        if (warmingUp())
            warmedUp(nsToMs(arrivalNs - m_startNs));
        else
            sampleReceived(arrivalNs);
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        const QString why = u"cannot connect: %1"_s.arg(socketErrorText(*m_socket));
        disposeSocket(m_socket, this);
        if (warmingUp())
            unreachable(why);
        else
            sampleLost(why);
    });
    m_startNs = nowNs();
    markSent();
    m_socket->connectToHost(address(), m_port);
}

} // namespace waddle::client
