#include "bearer.h"

namespace waddle::cp {

std::optional<QString> bearerSecret(const QByteArray &authorization)
{
    // The scheme is case-insensitive (RFC 9110 §11.1).
    if (authorization.size() < 7 || qstrnicmp(authorization.constData(), "bearer ", 7) != 0)
        return std::nullopt;
    return QString::fromLatin1(authorization.mid(7).trimmed());
}

} // namespace waddle::cp
