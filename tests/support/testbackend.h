#pragma once

// Shared by every integration test: a real control plane with the demo fleet
// (wired as the app wires it, by embedded::Backend) on an ephemeral loopback port, in a private
// data folder, and a small HTTP client for it (STYLE.md: the helper to start the control plane,
// written once).

#include "embedded/backend.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

namespace waddle::test {

struct HttpResult
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString networkError;

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QString errorCode() const;
    [[nodiscard]] QString errorField() const;
};

class TestBackend
{
public:
    // Starts at once; check ok() (and error()) before use. `tune` may change
    // the options (rate limit, health interval, ...) before the start.
    explicit TestBackend(const std::function<void(cp::ControlPlaneOptions &)> &tune = {},
                         const QString &dataDir = {});
    ~TestBackend();

    [[nodiscard]] bool ok() const { return m_error.isEmpty(); }
    [[nodiscard]] const QString &error() const { return m_error; }
    cp::ControlPlane &plane() { return m_backend->plane(); }
    // The demo fleet's agents (faults by hand), or nullptr.
    [[nodiscard]] sim::DemoFleet *fleet() const { return m_backend->fleet(); }
    [[nodiscard]] QString dataDir() const { return m_dataDir; }
    [[nodiscard]] QString adminKey() const { return m_backend->plane().adminKey(); }
    [[nodiscard]] QUrl url(const QString &path) const;

    // One request; waits (event loop, test code only) up to `timeoutMs`.
    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = 10000);
    HttpResult get(const QString &path, const QString &key = {});
    HttpResult send(const QByteArray &method, const QString &path, const QJsonObject &body,
                    const QString &key, const QByteArray &ifMatch = {});

    // Stops the plane (keeping the data folder) and starts a new one on it.
    bool restart();

private:
    std::function<void(cp::ControlPlaneOptions &)> m_tune;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    std::unique_ptr<embedded::Backend> m_backend;
    QNetworkAccessManager m_network;
    QString m_error;
};

} // namespace waddle::test
