#include "probesockets.h"

#include <QAbstractSocket>

using namespace Qt::StringLiterals;

namespace waddle::client {

QString socketErrorText(const QAbstractSocket &socket)
{
    switch (socket.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return u"connection refused"_s;
    case QAbstractSocket::RemoteHostClosedError:
        return u"the server closed the connection"_s;
    case QAbstractSocket::HostNotFoundError:
        return u"host not found"_s;
    case QAbstractSocket::SocketTimeoutError:
        return u"timed out"_s;
    case QAbstractSocket::NetworkError:
        return u"network error: %1"_s.arg(socket.errorString());
    default:
        return socket.errorString();
    }
}

void disposeSocket(QAbstractSocket *&socket, QObject *owner)
{
    if (!socket)
        return;
    socket->disconnect(owner);
    socket->abort();
    socket->deleteLater();
    socket = nullptr;
}

double nsToMs(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

} // namespace waddle::client
