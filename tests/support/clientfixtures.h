#pragma once

// Shared by the client and UI tests that talk to a TestBackend through the
// app's own ApiClient: the client's options for the backend (admin key, no
// retries), every waddle's current region (to show that something did or
// did not change), and the folder screenshots go to.

#include "client/apiclient.h"
#include "support/await.h"
#include "support/testbackend.h"

#include <QDir>
#include <QHash>

namespace waddle::test {

inline client::ApiClient::Options clientOptionsFor(TestBackend &backend)
{
    client::ApiClient::Options options;
    options.baseUrl = backend.plane().baseUrl();
    options.apiKey = backend.adminKey();
    options.timeoutMs = 5000;
    options.maxRetries = 0;
    return options;
}

// Waddle id → current region, for the first 500 waddles (the demo has fewer).
inline QHash<QString, QString> regionsOfWaddles(client::ApiClient &api)
{
    QHash<QString, QString> out;
    const auto page = await(api.waddles(0, 500));
    if (page) {
        for (const domain::Waddle &w : page->items)
            out.insert(w.id, w.currentRegion);
    }
    return out;
}

// How many migrations the server has stored; -1 when it did not answer.
inline qint64 storedMigrations(client::ApiClient &api)
{
    const auto page = await(api.migrations(0, 1));
    return page ? page->total : -1;
}

// $WADDLE_SCREENSHOT_DIR, else <working dir>/screenshots; made if missing.
inline QString screenshotDir()
{
    QString dir = qEnvironmentVariable("WADDLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

} // namespace waddle::test
