#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QString>

namespace waddle::client {

// Why a call to the control plane did not give a value (ARCHITECTURE.md:
// errors are values). The UI shows `message`; `kind` decides what it says
// around it (offline banner, retry, sign-in, conflict dialog).
struct ApiError
{
    enum class Kind
    {
        Network,   // no connection: refused, unreachable, DNS, reset
        Timeout,   // no answer in time
        Tls,       // certificate or handshake problem (never ignored)
        Http,      // the server answered with an error status
        Decode,    // the answer was not what the API promises
        Cancelled, // the caller gave up
    };

    Kind kind = Kind::Network;
    int status = 0;   // HTTP status, when there was one
    QString code;     // the server's error code ("stale_version", ...)
    QString message;  // one sentence for a person
    QString field;    // the field at fault, when the server named one
    QJsonObject body; // the whole error document (a 409 carries "current")

    [[nodiscard]] bool isConflict() const { return kind == Kind::Http && status == 409; }
    [[nodiscard]] bool isUnauthorised() const
    {
        return kind == Kind::Http && (status == 401 || status == 403);
    }
    // Network, timeout and 5xx/429 may pass; the rest will not by retrying.
    [[nodiscard]] bool isTransient() const;
    // "Timeout: no answer from http://… within 10 s" style one-liner.
    [[nodiscard]] QString describe() const;
};

QString toString(ApiError::Kind kind);

template <typename T>
using ApiResult = domain::Result<T, ApiError>;

} // namespace waddle::client
