#pragma once

#include "domain/role.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace waddle::cp {

// The roles live in the domain (the console reads the same table).
using domain::kRoleNames;
using domain::Role;
using domain::roleAtLeast;
using domain::roleFromString;

// One stored API key. The secret itself is never stored, only its hash.
struct ApiKey
{
    QString id;
    QString name;
    Role role = Role::Viewer;
    QStringList waddleIds; // the waddles an owner key may edit
    QDateTime createdAt;   // UTC
    bool revoked = false;
    std::optional<QDateTime> expiresAt;  // UTC; none: never expires
    std::optional<QDateTime> lastUsedAt; // UTC; none: never used

    // Admins and operators edit any waddle, owners only those listed, viewers
    // none.
    [[nodiscard]] bool mayEditWaddle(const QString &waddleId) const;
    // The analytics projects a key may read and write (issue 12): "fleet" or
    // a waddle id. Owners see only their waddles' projects, every other role
    // every project.
    [[nodiscard]] bool maySeeProject(const QString &projectId) const;

    friend bool operator==(const ApiKey &, const ApiKey &) = default;
};

// A new secret: "wrk_" + 32 bytes of the system's cryptographic random
// source, base64url without padding (47 characters).
QString generateApiKeySecret();

// The hex SHA-256 of the secret, as stored and looked up.
QByteArray hashApiKey(const QString &secret);

} // namespace waddle::cp
