#pragma once

#include "controlplane/controlplaneoptions.h"
#include "domain/geo.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>
#include <optional>

namespace waddle::embedded {

class Backend;

// The control plane run inside another program (SPEC §2: the desktop app
// with no server configured; `waddle-regions probe` without --server): on its
// own named thread, loopback, an ephemeral port, so the caller reaches it over
// real HTTP exactly as it would a remote one. Starting is asynchronous — the
// demo data takes a moment — and reports `ready` or `failed`.
class EmbeddedBackend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedBackend)

public:
    explicit EmbeddedBackend(cp::ControlPlaneOptions options, QObject *parent = nullptr);

    // The embedded demo: the simulated fleet, its data kept in the app's data
    // folder ("embedded-demo"), the user at `vantage` or else the city of the
    // system time zone (else the default vantage).
    static cp::ControlPlaneOptions demoOptions(std::optional<domain::GeoPoint> vantage = {});
    ~EmbeddedBackend() override;

    void start();
    // Stops the control plane on its thread and waits for the thread to end.
    void stop();

    [[nodiscard]] bool isReady() const { return m_baseUrl.isValid(); }
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    [[nodiscard]] QString adminKey() const { return m_adminKey; }

Q_SIGNALS:
    void ready(const QUrl &baseUrl, const QString &adminKey);
    void failed(const QString &reason);

private:
    cp::ControlPlaneOptions m_options;
    QThread m_thread;
    QObject *m_context = nullptr;       // lives on m_thread
    std::unique_ptr<Backend> m_backend; // made and destroyed on m_thread
    QUrl m_baseUrl;
    QString m_adminKey;
};

} // namespace waddle::embedded
