#include "embeddedbackend.h"

#include "domain/citytable.h"

#include <QStandardPaths>

namespace waddle::cp {

EmbeddedBackend::EmbeddedBackend(ControlPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_options.address = QHostAddress(QHostAddress::LocalHost);
    m_options.port = 0;
    m_thread.setObjectName(QStringLiteral("embedded control plane"));
}

ControlPlaneOptions EmbeddedBackend::demoOptions(std::optional<domain::GeoPoint> vantage)
{
    ControlPlaneOptions options;
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
    QMetaObject::invokeMethod(m_context, [this, options = m_options, context = m_context] {
        auto *plane = new ControlPlane(options, context);
        const domain::Result<void> started = plane->start();
        const QUrl url = started ? plane->baseUrl() : QUrl();
        const QString key = plane->adminKey();
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
        m_context,
        [context = m_context] {
            if (auto *plane = context->findChild<ControlPlane *>())
                plane->stop();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_context = nullptr;
    m_baseUrl.clear();
}

} // namespace waddle::cp
