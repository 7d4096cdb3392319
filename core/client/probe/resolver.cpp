#include "resolver.h"

#include <QHostInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::client {

Resolver::~Resolver()
{
    abort();
}

void Resolver::resolve(const QString &host, QObject *context, Done done)
{
    if (QHostAddress literal; literal.setAddress(host)) {
        done(literal, {});
        return;
    }
    m_lookupId = QHostInfo::lookupHost(
        host, context, [this, done = std::move(done), host](const QHostInfo &info) {
            m_lookupId = -1;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                done(std::nullopt, u"cannot resolve %1: %2"_s.arg(host, info.errorString()));
                return;
            }
            const QList<QHostAddress> all = info.addresses();
            const auto v4 = std::find_if(all.cbegin(), all.cend(), [](const QHostAddress &a) {
                return a.protocol() == QAbstractSocket::IPv4Protocol;
            });
            done(v4 != all.cend() ? *v4 : all.first(), {});
        });
}

void Resolver::abort()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    m_lookupId = -1;
}

} // namespace waddle::client
