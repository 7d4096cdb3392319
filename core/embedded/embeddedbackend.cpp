#include "embeddedbackend.h"

#include "backend.h"
#include "domain/citytable.h"

#include <QStandardPaths>

namespace waddle::embedded {

EmbeddedBackend::EmbeddedBackend(cp::ControlPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_options.address = QHostAddress(QHostAddress::LocalHost);
    m_options.port = 0;
    m_thread.setObjectName(QStringLiteral("embedded control plane"));
}

cp::ControlPlaneOptions EmbeddedBackend::demoOptions(std::optional<domain::GeoPoint> vantage)
{
    cp::ControlPlaneOptions options;
    options.demo = true;
    options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/embedded-demo");
    if (vantage)
        options.vantage = *vantage;
    else if (const auto city = domain::cityOfSystemTimeZone())
        options.vantage = city->point;
    return options;
}

EmbeddedBackend::~EmbeddedBackend()
{
    stop();
}

void EmbeddedBackend::start()
{
    if (m_thread.isRunning())
        return;
    // Everything of the control plane is made on its own thread, so its
    // sockets and timers belong there.
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_context, [this, options = m_options] {
        // Made, used and destroyed (stop()) on m_thread only.
        m_backend = std::make_unique<Backend>(options);
        const domain::Result<void> started = m_backend->start();
        const QUrl url = started ? m_backend->plane().baseUrl() : QUrl();
        const QString key = m_backend->plane().adminKey();
        const QString reason = started ? QString() : started.error().message;
        // The answer goes back to the thread that asked.
        QMetaObject::invokeMethod(this, [this, url, key, reason] {
            if (!reason.isEmpty()) {
                Q_EMIT failed(reason);
                return;
            }
            m_baseUrl = url;
            m_adminKey = key;
            Q_EMIT ready(url, key);
        });
    });
}

void EmbeddedBackend::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_context, [this] { m_backend.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_context = nullptr;
    m_baseUrl.clear();
}

} // namespace waddle::embedded
