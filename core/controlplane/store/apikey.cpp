#include "apikey.h"

#include "domain/enumnames.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace waddle::cp {

namespace {

constexpr qsizetype kSecretBytes = 32;

} // namespace

bool ApiKey::mayEditWaddle(const QString &waddleId) const
{
    switch (role) {
    case Role::Admin:
    case Role::Operator:
        return true;
    case Role::Owner:
        return waddleIds.contains(waddleId);
    case Role::Viewer:
    case Role::Analyst:
        return false;
    }
    return false;
}

bool ApiKey::maySeeProject(const QString &projectId) const
{
    return role != Role::Owner || waddleIds.contains(projectId);
}

QString generateApiKeySecret()
{
    std::array<quint32, kSecretBytes / sizeof(quint32)> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), kSecretBytes);
    return QStringLiteral("wrk_") +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hashApiKey(const QString &secret)
{
    // A fast, unsalted hash is right here, unlike for passwords: a generated
    // key carries 256 random bits, so there is nothing to guess and nothing a
    // slow hash (bcrypt, Argon2) would protect; and lookups by hash must be
    // cheap because every API request makes one.
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

} // namespace waddle::cp
