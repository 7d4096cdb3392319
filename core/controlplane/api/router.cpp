#include "router.h"

#include <QUrl>

#include <algorithm>

namespace waddle::cp {

std::optional<Role> roleOf(Access access)
{
    switch (access) {
    case Access::Public:
        return std::nullopt;
    case Access::Viewer:
        return Role::Viewer;
    case Access::Analyst:
        return Role::Analyst;
    case Access::Owner:
        return Role::Owner;
    case Access::Operator:
        return Role::Operator;
    case Access::Admin:
        return Role::Admin;
    }
    return Role::Admin;
}

QByteArray ApiRequest::header(const QByteArray &lowerCaseName) const
{
    return headers.value(lowerCaseName);
}

void Router::add(Route route)
{
    m_segments.append(route.pattern.split(u'/', Qt::SkipEmptyParts));
    m_largestBody = std::max(m_largestBody, route.maxBodyBytes);
    m_routes.append(std::move(route));
}

Router::Match Router::match(Method method, const QString &path) const
{
    Match result;
    QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = QUrl::fromPercentEncoding(part.toUtf8());
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        const QStringList &pattern = m_segments.at(i);
        if (pattern.size() != parts.size())
            continue;
        QHash<QString, QString> params;
        bool matches = true;
        for (qsizetype s = 0; s < pattern.size() && matches; ++s) {
            const QString &p = pattern.at(s);
            if (p.startsWith(u'{') && p.endsWith(u'}'))
                params.insert(p.mid(1, p.size() - 2), parts.at(s));
            else
                matches = p == parts.at(s);
        }
        if (!matches)
            continue;
        if (m_routes.at(i).method == method) {
            result.route = &m_routes.at(i);
            result.params = std::move(params);
            return result;
        }
        result.allowed.append(m_routes.at(i).method);
    }
    return result;
}

QString methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Head:
        return QStringLiteral("HEAD");
    case Method::Options:
        return QStringLiteral("OPTIONS");
    case Method::Patch:
        return QStringLiteral("PATCH");
    case Method::Unknown:
        break;
    }
    return QStringLiteral("OTHER");
}

} // namespace waddle::cp
