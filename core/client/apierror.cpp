#include "apierror.h"

namespace waddle::client {

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return status == 429 || status >= 500;
    case Kind::Tls:
    case Kind::Decode:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

QString toString(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ApiError::Kind::Tls:
        return QStringLiteral("tls");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::Decode:
        return QStringLiteral("decode");
    case ApiError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString ApiError::describe() const
{
    if (kind == Kind::Http && status > 0)
        return QStringLiteral("HTTP %1: %2").arg(status).arg(message);
    QString word = toString(kind);
    word[0] = word[0].toUpper();
    return QStringLiteral("%1: %2").arg(word, message);
}

} // namespace waddle::client
