#include "adminkeyfile.h"

#include "controlplane/store/apikeyrepository.h"

#include <QFile>
#include <QSaveFile>

namespace waddle::cp {

using domain::Error;
using domain::Result;

namespace {

Error failure(const QString &what, const QString &why)
{
    return Error{{}, QStringLiteral("%1: %2").arg(what, why)};
}

} // namespace

AdminKeyFile::AdminKeyFile(ApiKeyRepository &keys, QString path, QString configuredSecret)
    : m_keys(keys)
    , m_path(std::move(path))
    , m_configured(std::move(configuredSecret))
{}

Result<void> AdminKeyFile::ensure()
{
    if (!m_configured.isEmpty()) {
        if (StoreResult<void> ok = m_keys.ensureApiKey(
                m_configured, QStringLiteral("admin (WADDLE_ADMIN_KEY)"), Role::Admin);
            !ok) {
            return failure(QStringLiteral("admin key"), ok.error().message);
        }
        m_secret = m_configured;
        return {};
    }
    QFile existing(m_path);
    StoreResult<qint64> count = m_keys.apiKeyCount();
    if (!count)
        return failure(QStringLiteral("store"), count.error().message);
    if (count.value() > 0) {
        if (existing.open(QIODevice::ReadOnly)) {
            const QString secret = QString::fromLatin1(existing.readAll().trimmed());
            if (m_keys.findApiKey(secret))
                m_secret = secret;
        }
        return {};
    }
    StoreResult<QString> secret =
        m_keys.createApiKey(QStringLiteral("admin (first start)"), Role::Admin, {});
    if (!secret)
        return failure(QStringLiteral("admin key"), secret.error().message);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(m_path, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(secret.value().toLatin1() + '\n');
    if (!file.commit())
        return failure(m_path, file.errorString());
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_secret = secret.value();
    m_created = true;
    return {};
}

} // namespace waddle::cp
