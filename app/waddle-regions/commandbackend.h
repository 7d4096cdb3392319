#pragma once

#include "embedded/embeddedbackend.h"

#include <QCoroTask>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

// The server a headless command talks to (probe, export, forecast): --server
// URL, or the embedded demo backend started here. `command` names the
// command in messages ("waddle-regions probe: …").
struct CommandBackend
{
    QUrl baseUrl;
    QString apiKey;
    std::unique_ptr<waddle::embedded::EmbeddedBackend> embedded;
};

// The backend, or the exit code (1 the demo did not start, 2 a bad URL);
// messages go to stderr.
QCoro::Task<std::optional<CommandBackend>>
openCommandBackend(QString command, bool serverSet, QString server, QString apiKey, int *exitCode);
