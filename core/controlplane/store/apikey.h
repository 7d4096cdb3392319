#pragma once

#include "domain/enumnames.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace waddle::cp {

// What an API key may do (SPEC §12, §11), from the least to the most
// powerful: viewers read; analysts also read every analytics project and make
// custom metrics, alerts and exports, but move no waddle; owners also edit the
// waddles listed on their key (and see only those waddles' analytics);
// operators edit any waddle and run region actions; admins also manage keys.
enum class Role
{
    Viewer,
    Analyst,
    Owner,
    Operator,
    Admin
};

inline constexpr std::array<domain::EnumName<Role>, 5> kRoleNames{{
    {Role::Viewer, QLatin1String("viewer")},
    {Role::Analyst, QLatin1String("analyst")},
    {Role::Owner, QLatin1String("owner")},
    {Role::Operator, QLatin1String("operator")},
    {Role::Admin, QLatin1String("admin")},
}};

QString toString(Role role);
std::optional<Role> roleFromString(QStringView name);

// True when `have` is `need` or more powerful.
bool roleAtLeast(Role have, Role need);

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
