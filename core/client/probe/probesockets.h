#pragma once

#include <QString>

class QAbstractSocket;
class QObject;

namespace waddle::client {

// What the probes share about their sockets and their clock.

// A socket error in the words a latency result carries ("connection
// refused", "host not found", …).
QString socketErrorText(const QAbstractSocket &socket);

// Disconnects `socket` from `owner`, aborts it, deletes it later and clears
// the pointer; nothing when it is null.
void disposeSocket(QAbstractSocket *&socket, QObject *owner);

// QElapsedTimer nanoseconds as milliseconds.
[[nodiscard]] double nsToMs(qint64 ns);

} // namespace waddle::client
