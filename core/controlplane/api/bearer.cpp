#include "bearer.h"

namespace waddle::cp {

std::optional<QString> bearerSecret(const QByteArray &authorization)
{
    if (!authorization.startsWith("Bearer "))
        return std::nullopt;
    return QString::fromLatin1(authorization.mid(7).trimmed());
}

} // namespace waddle::cp
