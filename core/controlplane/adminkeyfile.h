#pragma once

#include "domain/result.h"

#include <QString>

namespace waddle::cp {

class ApiKeyRepository;

// The admin key at start-up (SPEC §12): WADDLE_ADMIN_KEY when configured
// (applied at every start); otherwise, on the first start of an empty key
// table, a new admin key written to DATA_DIR/admin.key (mode 0600); on later
// starts the secret is read back from that file when it is still valid.
class AdminKeyFile
{
public:
    AdminKeyFile(ApiKeyRepository &keys, QString path, QString configuredSecret);

    [[nodiscard]] domain::Result<void> ensure();

    // The admin key's secret when this process knows it.
    [[nodiscard]] QString secret() const { return m_secret; }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] bool created() const { return m_created; }

private:
    ApiKeyRepository &m_keys;
    QString m_path;
    QString m_configured;
    QString m_secret;
    bool m_created = false;
};

} // namespace waddle::cp
