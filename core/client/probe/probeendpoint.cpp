#include "probeendpoint.h"

using namespace Qt::StringLiterals;

namespace waddle::client {

std::optional<HostPort> parseHostPort(const QString &text, quint16 defaultPort)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    QString host;
    QString port;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return std::nullopt;
            port = rest.mid(1);
        }
    } else if (t.count(u':') == 1) {
        host = t.section(u':', 0, 0);
        port = t.section(u':', 1);
    } else if (t.count(u':') > 1) {
        host = t; // a bare IPv6 address
    } else {
        host = t;
    }
    if (host.isEmpty() || host.contains(u' '))
        return std::nullopt;
    HostPort out{host, defaultPort};
    if (!port.isNull()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return std::nullopt;
        out.port = static_cast<quint16>(value);
    }
    return out;
}

std::optional<QUrl> parsePingUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        return std::nullopt;
    return url;
}

} // namespace waddle::client
