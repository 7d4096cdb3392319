#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace waddle::cp {

// The secret of an "Authorization: Bearer <API key>" header (SPEC §12), for
// HTTP requests and the event stream's upgrade alike; nullopt when the
// header is not a Bearer one.
std::optional<QString> bearerSecret(const QByteArray &authorization);

} // namespace waddle::cp
