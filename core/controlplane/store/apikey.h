#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace waddle::cp {

// What an API key may do (SPEC §12), from the least to the most powerful:
// viewers read; owners also edit the waddles listed on their key; operators
// edit any waddle and run region actions; admins also manage keys.
enum class Role
{
    Viewer,
    Owner,
    Operator,
    Admin
};

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

    // Admins and operators edit any waddle, owners only those listed, viewers
    // none.
    [[nodiscard]] bool mayEditWaddle(const QString &waddleId) const;

    friend bool operator==(const ApiKey &, const ApiKey &) = default;
};

// A new secret: "wrk_" + 32 bytes of the system's cryptographic random
// source, base64url without padding (47 characters).
QString generateApiKeySecret();

// The hex SHA-256 of the secret, as stored and looked up.
QByteArray hashApiKey(const QString &secret);

} // namespace waddle::cp
