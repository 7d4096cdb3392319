#pragma once

#include "httpresponsereader.h"
#include "regionprobe.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QStringList>
#include <QUrl>

namespace waddle::client {

// HTTP mode (SPEC §4): GET ping_url on one kept-alive connection of our own
// (QTcpSocket, or QSslSocket for https), one request in flight, the whole
// reply read before the next; a closed connection is reconnected before the
// next sample, outside its clock.
class HttpProbe final : public RegionProbe
{
    Q_DISABLE_COPY_MOVE(HttpProbe)

public:
    HttpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
              QObject *parent);
    ~HttpProbe() override;

protected:
    void warmUp() override;
    void sendSample() override;
    // Its reply may still come: the connection cannot be trusted again.
    void sampleTimedOut() override { dropConnection(); }
    void closeAll() override;

private:
    void openConnection();
    void onConnected();
    void sendRequest();
    void onReadyRead();
    void replyComplete(qint64 arrivalNs);
    void dropConnection();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void lost(const QString &why);

    QUrl m_url;
    bool m_tls = false;
    quint16 m_port = 0;
    QByteArray m_request;
    QAbstractSocket *m_socket = nullptr;
    bool m_connected = false;
    bool m_waiting = false; // a request is out, its reply not complete
    int m_requestsOnConnection = 0;
    bool m_retried = false; // this sample was resent after a stale connection
    qint64 m_connectStartNs = 0;
    double m_warmUpConnectMs = 0.0;
    QStringList m_sslErrors;
    HttpResponseReader m_reader;
};

} // namespace waddle::client
