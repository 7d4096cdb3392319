#include "controlplane.h"

#include "domain/catalogue.h"
#include "domain/citytable.h"
#include "domain/jsonreader.h"
#include "openapi.h"
#include "regionroutes.h"
#include "sim/demodata.h"
#include "sim/demofleet.h"
#include "waddleroutes.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Error failure(const QString &what, const QString &why)
{
    return Error{{}, QStringLiteral("%1: %2").arg(what, why)};
}

} // namespace

ControlPlane::ControlPlane(ControlPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_healthFlush.setInterval(1000);
    connect(&m_healthFlush, &QTimer::timeout, this, &ControlPlane::flushHealth);
}

ControlPlane::~ControlPlane()
{
    stop();
}

Result<void> ControlPlane::start()
{
    if (m_options.dataDir.isEmpty())
        return failure(QStringLiteral("data directory"), QStringLiteral("none given"));
    if (!QDir().mkpath(m_options.dataDir))
        return failure(m_options.dataDir, QStringLiteral("cannot create the data directory"));

    StoreResult<std::unique_ptr<Store>> store =
        Store::open(QDir(m_options.dataDir).filePath(QStringLiteral("waddle.db")));
    if (!store)
        return failure(QStringLiteral("store"), store.error().message);
    m_store = std::move(store).value();

    for (auto step :
         {&ControlPlane::loadRegions, &ControlPlane::ensureAdminKey, &ControlPlane::seedDemoData}) {
        if (Result<void> done = (this->*step)(); !done) {
            stop();
            return done;
        }
    }

    m_probe = std::make_unique<HttpHealthProbe>(m_options.healthTimeoutMs);
    HealthMonitor::Settings settings;
    settings.intervalMs = m_options.healthIntervalMs;
    m_monitor = std::make_unique<HealthMonitor>(*m_probe, settings);
    m_monitor->setRegions(m_regions);
    connect(m_monitor.get(), &HealthMonitor::checked, this, &ControlPlane::onChecked);
    connect(m_monitor.get(), &HealthMonitor::statusChanged, this, &ControlPlane::onStatusChanged);

    ApiServer::Limits limits;
    limits.maxBodyBytes = m_options.maxBodyBytes;
    limits.requestsPerMinute = m_options.requestsPerMinute;
    m_server = std::make_unique<ApiServer>(
        [this](const QString &secret) -> std::optional<ApiKey> {
            StoreResult<ApiKey> key = m_store->findApiKey(secret);
            return key ? std::optional<ApiKey>(key.value()) : std::nullopt;
        },
        limits);
    m_regionRoutes = std::make_unique<RegionRoutes>(*this);
    m_waddleRoutes = std::make_unique<WaddleRoutes>(*this);
    m_regionRoutes->registerOn(m_server->router());
    m_waddleRoutes->registerOn(m_server->router());
    addOpenApiRoute(m_server->router());
    connect(m_server.get(), &QAbstractHttpServer::newWebSocketConnection, this,
            &ControlPlane::onWebSocket);
    if (m_server->start(m_options.address, m_options.port) == 0) {
        const QString where =
            QStringLiteral("%1:%2").arg(m_options.address.toString()).arg(m_options.port);
        stop();
        return failure(where, QStringLiteral("cannot listen (in use, or not an address here)"));
    }

    m_monitor->start();
    m_healthFlush.start();
    return {};
}

void ControlPlane::stop()
{
    m_healthFlush.stop();
    if (m_store)
        flushHealth();
    m_events.closeAll();
    if (m_monitor)
        m_monitor->stop();
    m_server.reset();
    m_waddleRoutes.reset();
    m_regionRoutes.reset();
    m_monitor.reset();
    m_probe.reset();
    m_fleet.reset();
    m_store.reset();
}

quint16 ControlPlane::port() const
{
    return m_server ? m_server->port() : 0;
}

QUrl ControlPlane::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress host =
        m_options.address == QHostAddress::Any || m_options.address == QHostAddress::AnyIPv4
            ? QHostAddress(QHostAddress::LocalHost)
            : m_options.address;
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

QString ControlPlane::adminKeyPath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("admin.key"));
}

const Region *ControlPlane::region(const QString &code) const
{
    return findRegion(m_regions, code);
}

Result<void> ControlPlane::loadRegions()
{
    QList<Region> catalogue;
    if (m_options.cataloguePath.isEmpty()) {
        catalogue = defaultCatalogue();
    } else {
        QFile file(m_options.cataloguePath);
        if (!file.open(QIODevice::ReadOnly))
            return failure(m_options.cataloguePath, file.errorString());
        Result<QList<Region>> parsed = parseCatalogue(file.readAll());
        if (!parsed)
            return failure(m_options.cataloguePath, parsed.error().message);
        catalogue = std::move(parsed).value();
    }

    if (m_options.demo) {
        m_fleet =
            std::make_unique<sim::DemoFleet>(catalogue, m_options.vantage, m_options.demoSeed);
        if (!m_fleet->start())
            return failure(QStringLiteral("demo fleet"),
                           QStringLiteral("cannot start the region agents on loopback"));
        catalogue = m_fleet->regions();
    }
    if (StoreResult<void> saved = m_store->saveRegions(catalogue); !saved)
        return failure(QStringLiteral("store"), saved.error().message);
    StoreResult<QList<Region>> stored = m_store->regions();
    if (!stored)
        return failure(QStringLiteral("store"), stored.error().message);
    // The store keeps every region it ever saw; serve the catalogue's.
    m_regions.clear();
    for (const Region &region : stored.value()) {
        if (findRegion(catalogue, region.code))
            m_regions.append(region);
    }
    m_regionsBody.clear();
    return {};
}

Result<void> ControlPlane::ensureAdminKey()
{
    if (!m_options.adminKey.isEmpty()) {
        if (StoreResult<void> ok = m_store->ensureApiKey(
                m_options.adminKey, QStringLiteral("admin (WADDLE_ADMIN_KEY)"), Role::Admin);
            !ok) {
            return failure(QStringLiteral("admin key"), ok.error().message);
        }
        m_adminKey = m_options.adminKey;
        return {};
    }
    QFile existing(adminKeyPath());
    StoreResult<qint64> count = m_store->apiKeyCount();
    if (!count)
        return failure(QStringLiteral("store"), count.error().message);
    if (count.value() > 0) {
        if (existing.open(QIODevice::ReadOnly)) {
            const QString secret = QString::fromLatin1(existing.readAll().trimmed());
            if (m_store->findApiKey(secret))
                m_adminKey = secret;
        }
        return {};
    }
    StoreResult<QString> secret =
        m_store->createApiKey(QStringLiteral("admin (first start)"), Role::Admin, {});
    if (!secret)
        return failure(QStringLiteral("admin key"), secret.error().message);
    QSaveFile file(adminKeyPath());
    if (!file.open(QIODevice::WriteOnly))
        return failure(adminKeyPath(), file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(secret.value().toLatin1() + '\n');
    if (!file.commit())
        return failure(adminKeyPath(), file.errorString());
    QFile::setPermissions(adminKeyPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_adminKey = secret.value();
    m_adminKeyCreated = true;
    return {};
}

Result<void> ControlPlane::seedDemoData()
{
    if (!m_options.demo)
        return {};
    StoreResult<bool> empty = m_store->isEmpty();
    if (!empty)
        return failure(QStringLiteral("store"), empty.error().message);
    if (!empty.value())
        return {};
    sim::DemoSettings settings;
    settings.seed = m_options.demoSeed;
    settings.now = QDateTime::currentDateTimeUtc();
    sim::DemoData data = sim::generateDemoData(m_regions, defaultCityTable(), settings);
    // The store numbers usage events itself.
    for (UsageEvent &event : data.usage)
        event.id.clear();
    if (StoreResult<void> ok = m_store->insertWaddles(data.waddles, data.members); !ok)
        return failure(QStringLiteral("demo data"), ok.error().message);
    if (StoreResult<void> ok = m_store->insertUsageEvents(data.usage); !ok)
        return failure(QStringLiteral("demo usage"), ok.error().message);
    return {};
}

const QByteArray &ControlPlane::regionsBody()
{
    if (m_regionsBody.isEmpty()) {
        QJsonArray array;
        for (const Region &region : std::as_const(m_regions))
            array.append(toJson(region));
        m_regionsBody = QJsonDocument(QJsonObject{{QStringLiteral("regions"), array},
                                                  {QStringLiteral("count"), array.size()}})
                            .toJson(QJsonDocument::Compact);
    }
    return m_regionsBody;
}

void ControlPlane::onChecked(const RegionHealth &health)
{
    for (Region &region : m_regions) {
        if (region.code != health.code || !health.reading.endpointHealthy)
            continue;
        const auto current = static_cast<qint64>(std::llround(
            health.reading.utilisation * static_cast<double>(region.capacity.maximum)));
        if (current != region.capacity.current) {
            region.capacity.current = current;
            m_regionsBody.clear();
        }
    }
    m_unsavedHealth.append(health);
    m_events.publish(QStringLiteral("region.health"), {{QStringLiteral("health"), toJson(health)}});
}

void ControlPlane::onStatusChanged(const QString &code, RegionStatus from, RegionStatus to,
                                   const RegionHealth &health)
{
    for (Region &region : m_regions) {
        if (region.code == code)
            region.status = to;
    }
    m_regionsBody.clear();
    if (from == RegionStatus::Maintenance)
        (void)m_store->setMaintenance(code, false);
    (void)m_store->setRegionStatus(code, to);

    QJsonObject change{{QStringLiteral("region"), code},
                       {QStringLiteral("from"), toString(from)},
                       {QStringLiteral("to"), toString(to)},
                       {QStringLiteral("health"), toJson(health)}};
    m_events.publish(QStringLiteral("region.status"), change);
    if (const std::optional<StatusChangeAlert> alert = statusChangeAlert(code, from, to)) {
        RegionAlert record;
        record.regionCode = code;
        record.severity = alert->severity;
        record.title = alert->title;
        record.description = alert->description;
        record.from = from;
        record.to = to;
        record.createdAt = QDateTime::currentDateTimeUtc();
        (void)m_store->recordAlert(record);
        m_events.publish(QStringLiteral("alert"),
                         {{QStringLiteral("region"), code},
                          {QStringLiteral("severity"), toString(alert->severity)},
                          {QStringLiteral("title"), alert->title},
                          {QStringLiteral("description"), alert->description}});
    }
    Q_EMIT regionStatusChanged(code, from, to);
}

void ControlPlane::publishWaddleChange(const Waddle &before, const Waddle &after,
                                       const QString &reason)
{
    if (before.currentRegion == after.currentRegion && before.voiceRegion == after.voiceRegion)
        return;
    m_events.publish(QStringLiteral("waddle.region"),
                     {{QStringLiteral("waddle"), toJson(after)},
                      {QStringLiteral("from"), before.currentRegion},
                      {QStringLiteral("to"), after.currentRegion},
                      {QStringLiteral("reason"), reason}},
                     EventHub::Audience::KeyHolders);
}

void ControlPlane::onWebSocket()
{
    while (m_server && m_server->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_server->nextPendingWebSocketConnection();
        if (!socket)
            continue;
        if (socket->requestUrl().path() != QLatin1String(kEventsPath)) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("no such event stream"));
            continue;
        }
        QString secret =
            QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("access_token"));
        const QByteArray authorization = socket->request().rawHeader("Authorization");
        if (authorization.startsWith("Bearer "))
            secret = QString::fromLatin1(authorization.mid(7).trimmed());
        std::optional<ApiKey> key;
        if (!secret.isEmpty()) {
            StoreResult<ApiKey> found = m_store->findApiKey(secret);
            if (!found) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("the API key is unknown or revoked"));
                continue;
            }
            key = found.value();
        }
        m_events.add(std::move(socket), key);
    }
}

void ControlPlane::flushHealth()
{
    if (m_unsavedHealth.isEmpty() || !m_store)
        return;
    // One transaction a second for every check since the last. If the store
    // refuses, keep trying, but never hold more than an hour of checks.
    if (const StoreResult<void> saved = m_store->recordHealth(m_unsavedHealth); saved) {
        m_unsavedHealth.clear();
    } else {
        qWarning("health history not saved: %s", qPrintable(saved.error().message));
        constexpr qsizetype kMaxUnsaved = 720 * 64;
        if (m_unsavedHealth.size() > kMaxUnsaved)
            m_unsavedHealth.remove(0, m_unsavedHealth.size() - kMaxUnsaved);
    }
    static constexpr qint64 kPruneEveryMs = 3600 * 1000;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_lastPrune.isValid() || m_lastPrune.msecsTo(now) > kPruneEveryMs) {
        (void)m_store->pruneHealthBefore(now.addDays(-m_options.healthRetentionDays));
        m_lastPrune = now;
    }
}

} // namespace waddle::cp
