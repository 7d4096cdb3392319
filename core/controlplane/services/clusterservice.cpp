#include "clusterservice.h"

#include "controlplane/store/statements.h"
#include "domain/stablehash.h"
#include "sql/opendatabase.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

namespace waddle::cp {

Q_LOGGING_CATEGORY(lcCluster, "waddle.cluster")

namespace {

// pg_try_advisory_lock's first key ("WADD"); the second is the store's
// schema's (domain::stableHash, the same in every instance): advisory locks
// and NOTIFY channels are the whole database's, and stores in other schemas
// of it (other deployments, tests running side by side) have leaders and
// events of their own.
constexpr int kLeaderLockSpace = 0x5741'4444;

} // namespace

ClusterService::ClusterService(QString location, int intervalMs, EventHub &events, Clock &clock,
                               QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_intervalMs(std::max(100, intervalMs))
    , m_events(events)
    , m_clock(clock)
    , m_self(QStringLiteral("%1-%2").arg(QSysInfo::machineHostName(),
                                         QUuid::createUuid().toString(QUuid::Id128).left(8)))
    , m_shared(sql::dialectOf(m_location) == sql::Dialect::PostgreSql)
{}

ClusterService::~ClusterService()
{
    stop();
}

void ClusterService::start(const QString &address)
{
    m_address = address;
    m_startedAt = m_clock.now();
    if (m_shared)
        m_events.setRelay([this](const QByteArray &m, EventHub::Audience a) { relay(m, a); });
    tick();
    m_timer = m_clock.createTimer([this] { tick(); });
    m_timer->start(m_intervalMs);
}

void ClusterService::stop()
{
    if (m_timer)
        m_timer->stop();
    m_timer.reset();
    if (m_shared)
        m_events.setRelay({});
    if (m_database) {
        // Gone from the list at once, not after three ticks.
        QSqlQuery q(m_database->connection());
        [[maybe_unused]] const auto ignored =
            store::run(q, QStringLiteral("DELETE FROM cluster_instances WHERE id = ?"), {m_self},
                       QStringLiteral("leave the cluster"));
    }
    dropConnection();
    setLeader(false);
}

bool ClusterService::connectStore()
{
    if (m_database) {
        QSqlQuery alive(m_database->connection());
        if (alive.exec(QStringLiteral("SELECT 1")))
            return true;
        qCWarning(lcCluster, "lost the store connection: %s",
                  qPrintable(sql::errorText(alive.lastError())));
        dropConnection();
        setLeader(false); // the lock went with the session
    }
    auto opened = Database::open(m_location, Database::Check::AlreadyChecked);
    if (!opened) {
        qCWarning(lcCluster, "cannot reach the store: %s", qPrintable(opened.error().message));
        return false;
    }
    m_database = std::move(opened).value();
    if (m_shared) {
        QSqlQuery schema(m_database->connection());
        if (auto error = store::run(schema, QStringLiteral("SELECT current_schema()"), {},
                                    QStringLiteral("read the store's schema"));
            error || !schema.next()) {
            qCWarning(lcCluster, "%s",
                      qPrintable(error ? error->message : QStringLiteral("no current schema")));
            m_database.reset();
            return false;
        }
        m_schemaKey = static_cast<qint32>(domain::stableHash(schema.value(0).toString()));
        m_channel = QStringLiteral("waddle_events_%1")
                        .arg(static_cast<quint32>(m_schemaKey), 8, 16, QLatin1Char('0'));
        QSqlDriver *driver = m_database->connection().driver();
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource source,
                       const QVariant &payload) {
                    if (name != m_channel || source == QSqlDriver::SelfSource)
                        return;
                    const QByteArray text = payload.toString().toUtf8();
                    if (text.size() < 2)
                        return;
                    m_events.deliver(text.mid(1), text.front() == 'k'
                                                      ? EventHub::Audience::KeyHolders
                                                      : EventHub::Audience::Everyone);
                });
        if (!driver->subscribeToNotification(m_channel)) {
            qCWarning(lcCluster, "cannot listen for the other instances' events: %s",
                      qPrintable(sql::errorText(driver->lastError())));
        }
    }
    return true;
}

void ClusterService::dropConnection()
{
    if (!m_database)
        return;
    if (QSqlDriver *driver = m_database->connection().driver())
        disconnect(driver, nullptr, this, nullptr);
    m_database.reset(); // closes the session: its lock goes with it
}

void ClusterService::setLeader(bool leader)
{
    if (leader == m_leader)
        return;
    m_leader = leader;
    m_since = leader ? m_clock.now() : QDateTime();
    qCInfo(lcCluster, "%s %s", qPrintable(m_self), leader ? "leads" : "no longer leads");
    Q_EMIT leadershipChanged(leader);
}

void ClusterService::tick()
{
    round();
    Q_EMIT ticked(m_leader);
}

void ClusterService::round()
{
    if (!connectStore()) {
        setLeader(false);
        return;
    }
    if (!m_shared) {
        setLeader(true);
        record();
        return;
    }
    if (!m_leader) {
        QSqlQuery lock(m_database->connection());
        if (auto error =
                store::run(lock, QStringLiteral("SELECT pg_try_advisory_lock(?, ?)"),
                           {kLeaderLockSpace, m_schemaKey}, QStringLiteral("try to lead"))) {
            qCWarning(lcCluster, "%s", qPrintable(error->message));
            return;
        }
        if (lock.next() && lock.value(0).toBool())
            setLeader(true);
        record();
        return;
    }
    record();
}

void ClusterService::record()
{
    const QString now = store::timeText(m_clock.now());
    const QSqlDatabase db = m_database->connection();
    store::Transaction tx(db);
    if (auto error = tx.begin()) {
        qCWarning(lcCluster, "%s", qPrintable(error->message));
        return;
    }
    const bool leading = m_leader;
    QSqlQuery q(db);
    auto error = store::run(
        q,
        QStringLiteral("INSERT INTO cluster_instances (id, address, started_at, last_seen, "
                       "leader, leader_since) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
                       "UPDATE SET address = excluded.address, last_seen = excluded.last_seen, "
                       "leader = excluded.leader, leader_since = excluded.leader_since"),
        {m_self, m_address, store::timeText(m_startedAt), now, store::flag(leading),
         leading ? QVariant(store::timeText(m_since)) : QVariant(QMetaType::fromType<QString>())},
        QStringLiteral("record this instance"));
    if (!error && leading) {
        // A leader killed without a word still says "leader" in its row.
        QSqlQuery others(db);
        error = store::run(others,
                           QStringLiteral("UPDATE cluster_instances SET leader = 0, leader_since "
                                          "= NULL WHERE id <> ? AND leader <> 0"),
                           {m_self}, QStringLiteral("record the leader"));
    }
    if (!error) {
        // Instances not seen for a day are forgotten.
        QSqlQuery old(db);
        error = store::run(old, QStringLiteral("DELETE FROM cluster_instances WHERE last_seen < ?"),
                           {store::timeText(m_clock.now().addDays(-1))},
                           QStringLiteral("forget old instances"));
    }
    if (!error)
        error = tx.commit();
    if (error)
        qCWarning(lcCluster, "%s", qPrintable(error->message));
}

StoreResult<ClusterService::View> ClusterService::view() const
{
    if (!m_database)
        return store::internal(QStringLiteral("The cluster's store connection is down"));
    const QDateTime fresh = m_clock.now().addMSecs(-3LL * m_intervalMs);
    auto rows = store::selectRows<std::pair<Instance, QDateTime>>(
        m_database->connection(),
        QStringLiteral("SELECT id, address, started_at, last_seen, leader, leader_since FROM "
                       "cluster_instances WHERE last_seen >= ? ORDER BY started_at, id"),
        {store::timeText(fresh)}, QStringLiteral("read the cluster"), [](const QSqlQuery &q) {
            return std::pair(Instance{q.value(0).toString(), q.value(1).toString(),
                                      store::timeFrom(q.value(2)), store::timeFrom(q.value(3)),
                                      q.value(4).toInt() != 0},
                             store::timeFrom(q.value(5)));
        });
    if (!rows)
        return rows.error();
    View out;
    out.self = m_self;
    for (const auto &[instance, since] : rows.value()) {
        if (instance.leader && (out.since.isNull() || since > out.since)) {
            out.leader = instance.id;
            out.since = since;
        }
        out.instances.append(instance);
    }
    // Only one can be the leader; the latest to say so is.
    for (Instance &instance : out.instances)
        instance.leader = instance.id == out.leader;
    return out;
}

void ClusterService::relay(const QByteArray &message, EventHub::Audience audience)
{
    if (!m_database || message.size() > kMaxRelayedBytes)
        return;
    QByteArray payload;
    payload.reserve(message.size() + 1);
    payload.append(audience == EventHub::Audience::KeyHolders ? 'k' : 'e').append(message);
    QSqlQuery q(m_database->connection());
    if (auto error = store::run(q, QStringLiteral("SELECT pg_notify(?, ?)"),
                                {m_channel, QString::fromUtf8(payload)},
                                QStringLiteral("tell the other instances"))) {
        qCWarning(lcCluster, "%s", qPrintable(error->message));
    }
}

} // namespace waddle::cp
