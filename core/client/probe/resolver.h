#pragma once

#include <QHostAddress>
#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace waddle::client {

// Resolves a host name once, outside every timed step (SPEC §14: DNS is not
// part of connect time or RTT). Literal addresses need no lookup. Prefers
// IPv4 where both exist, as most probes in the field do.
class Resolver
{
public:
    using Done = std::function<void(std::optional<QHostAddress> address, QString why)>;

    Resolver() = default;
    ~Resolver();
    Q_DISABLE_COPY_MOVE(Resolver)

    // `done` runs with the address, or nullopt and why; at once for a
    // literal address, else in `context`'s thread unless aborted first.
    void resolve(const QString &host, QObject *context, Done done);
    void abort();

private:
    int m_lookupId = -1;
};

} // namespace waddle::client
