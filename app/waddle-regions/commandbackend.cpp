#include "commandbackend.h"

#include <QTextStream>
#include <qcorosignal.h>

QCoro::Task<std::optional<CommandBackend>>
openCommandBackend(QString command, bool serverSet, QString server, QString apiKey, int *exitCode)
{
    QTextStream err(stderr);
    CommandBackend backend;
    backend.apiKey = apiKey;
    if (serverSet) {
        backend.baseUrl = QUrl::fromUserInput(server);
        if (!backend.baseUrl.isValid() || backend.baseUrl.scheme().isEmpty()) {
            err << "waddle-regions " << command
                << ": --server wants a URL such as http://127.0.0.1:8740\n";
            *exitCode = 2;
            co_return std::nullopt;
        }
        co_return backend;
    }
    backend.embedded = std::make_unique<waddle::embedded::EmbeddedBackend>(
        waddle::embedded::EmbeddedBackend::demoOptions());
    waddle::embedded::EmbeddedBackend *embedded = backend.embedded.get();
    QString failure;
    QObject::connect(embedded, &waddle::embedded::EmbeddedBackend::failed, embedded,
                     [&failure](const QString &reason) { failure = reason; });
    embedded->start();
    while (!embedded->isReady() && failure.isEmpty()) {
        co_await qCoro(embedded, &waddle::embedded::EmbeddedBackend::ready,
                       std::chrono::milliseconds(200));
    }
    if (!failure.isEmpty()) {
        err << "waddle-regions " << command
            << ": the embedded demo backend did not start: " << failure << "\n";
        *exitCode = 1;
        co_return std::nullopt;
    }
    backend.baseUrl = embedded->baseUrl();
    // The demo's own key when the caller gave none: analytics need one.
    if (backend.apiKey.isEmpty())
        backend.apiKey = embedded->adminKey();
    err << "Demo fleet (simulated) at " << backend.baseUrl.toString() << "\n";
    co_return backend;
}
