#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace waddle::client {

// Where a probe goes: the ping_url of the HTTP and TCP modes, the host:port
// of the STUN mode (SPEC §4). Parsed once, by the prober to tell a region
// that cannot be tested and by the probe that tests it.
struct HostPort
{
    QString host;
    quint16 port = 0;
};

inline constexpr quint16 kDefaultStunPort = 3478; // RFC 5389 §9

// "host:port", "[v6]:port", or a bare host or address (then `defaultPort`).
std::optional<HostPort> parseHostPort(const QString &text, quint16 defaultPort);
// An http or https URL with a host.
std::optional<QUrl> parsePingUrl(const QString &text);

} // namespace waddle::client
