#pragma once

// Shared by the store's tests (one per repository): a database with every
// repository on it, sample values, and a raw connection to look at the file
// behind the store's back.

#include "controlplane/store/apikeyrepository.h"
#include "controlplane/store/database.h"
#include "controlplane/store/failoverrepository.h"
#include "controlplane/store/healthrepository.h"
#include "controlplane/store/migrationrepository.h"
#include "controlplane/store/migrations.h"
#include "controlplane/store/notificationrepository.h"
#include "controlplane/store/regionalertrepository.h"
#include "controlplane/store/regionrepository.h"
#include "controlplane/store/usagerepository.h"
#include "controlplane/store/waddlerepository.h"
#include "support/testdatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace waddle;
using namespace waddle::cp;
using domain::HourlyUsage;
using domain::Member;
using domain::Region;
using domain::RegionAlert;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Waddle;

namespace waddle::test {

// The store's error as text for a failure message.
template <typename R>
QByteArray why(const R &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

#define CHECK_OK(expr)                                                                             \
    do {                                                                                           \
        const auto &check_ok_result = (expr);                                                      \
        QVERIFY2(check_ok_result.ok(), why(check_ok_result).constData());                          \
    } while (false)

inline QString kindName(StoreError::Kind kind)
{
    switch (kind) {
    case StoreError::Kind::NotFound:
        return QStringLiteral("NotFound");
    case StoreError::Kind::Conflict:
        return QStringLiteral("Conflict");
    case StoreError::Kind::Invalid:
        return QStringLiteral("Invalid");
    case StoreError::Kind::Internal:
        return QStringLiteral("Internal");
    }
    return {};
}

template <typename R>
QString failureKind(const R &result)
{
    return result.ok() ? QStringLiteral("ok") : kindName(result.error().kind);
}

inline QDateTime utc(int day, int hour, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, minute, second, ms), Qt::UTC);
}

inline Region makeRegion(const QString &code, const QString &city, double lat, double lon)
{
    Region r;
    r.code = code;
    r.name = city;
    r.endpoint = QStringLiteral("wss://%1.example/rtc").arg(code);
    r.pingUrl = QStringLiteral("https://%1.example/ping").arg(code);
    r.healthUrl = QStringLiteral("https://%1.example/health").arg(code);
    r.location =
        domain::GeoLocation{city, QStringLiteral("XX"), QStringLiteral("Europe"), lat, lon};
    r.capacity = domain::Capacity{12, 10000};
    r.features = {QStringLiteral("rtk"), QStringLiteral("opus")};
    r.averageLatencyMs = 12.5;
    return r;
}

inline Waddle makeWaddle(const QString &id, const QString &region = QStringLiteral("eu-west"))
{
    Waddle w;
    w.id = id;
    w.name = QStringLiteral("Waddle ") + id;
    w.ownerId = QStringLiteral("owner-") + id;
    w.voiceRegion = QStringLiteral("auto");
    w.currentRegion = region;
    w.memberCount = 3;
    w.activeVoiceChannels = 1;
    w.updatedAt = utc(1, 12);
    return w;
}

inline Member makeMember(const QString &id, const QString &waddleId, const QString &city = {},
                         const QString &country = {}, std::optional<domain::GeoPoint> point = {})
{
    Member m;
    m.id = id;
    m.waddleId = waddleId;
    m.displayName = QStringLiteral("Member ") + id;
    if (point)
        m.location = domain::MemberLocation{city, country, *point};
    return m;
}

inline RegionHealth makeHealth(const QString &code, const QDateTime &at, double score)
{
    RegionHealth h;
    h.code = code;
    h.checkedAt = at;
    h.score = score;
    h.status = score < 50 ? RegionStatus::Degraded : RegionStatus::Online;
    h.reading = domain::HealthReading{true, 12.5, 0.42, 80.0, 0.5};
    h.consecutiveFailures = 0;
    return h;
}

inline domain::UsageEvent makeEvent(const QString &region, const QDateTime &at, int participants,
                                    double duration, double quality, double latency)
{
    domain::UsageEvent e;
    e.regionCode = region;
    e.waddleId = QStringLiteral("w1");
    e.channelId = QStringLiteral("c1");
    e.participants = participants;
    e.durationSeconds = duration;
    e.quality = quality;
    e.latencyMs = latency;
    e.startedAt = at;
    return e;
}

// A connection of the test's own, to look at the file behind the store's back.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
        : m_name(QStringLiteral("tst-raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDatabase(const RawDatabase &) = delete;
    RawDatabase &operator=(const RawDatabase &) = delete;

    QVariantList column(const QString &sql)
    {
        QVariantList out;
        QSqlQuery q(m_db);
        if (!q.exec(sql)) {
            qWarning() << sql << q.lastError().text();
            return out;
        }
        while (q.next())
            out.append(q.value(0));
        return out;
    }
    QVariant value(const QString &sql)
    {
        const QVariantList values = column(sql);
        return values.isEmpty() ? QVariant() : values.constFirst();
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// A database and every repository on it, as the control plane wires them.
struct Repositories
{
    explicit Repositories(std::unique_ptr<Database> db)
        : database(std::move(db))
        , regions(*database)
        , waddles(*database)
        , keys(*database)
        , health(*database)
        , alerts(*database)
        , usage(*database)
        , failovers(*database)
        , migrations(*database)
        , notifications(*database)
    {}

    std::unique_ptr<Database> database; // outlives the repositories below
    RegionRepository regions;
    WaddleRepository waddles;
    ApiKeyRepository keys;
    HealthRepository health;
    RegionAlertRepository alerts;
    UsageRepository usage;
    FailoverRepository failovers;
    MigrationRepository migrations;
    NotificationRepository notifications;
};

inline std::unique_ptr<Repositories> openOrFail(const QString &path)
{
    auto opened = Database::open(path);
    if (!opened) {
        qWarning() << "open failed:" << opened.error().message;
        return nullptr;
    }
    return std::make_unique<Repositories>(std::move(opened).value());
}

inline std::unique_ptr<Repositories> memoryStore()
{
    return openOrFail(storeLocation());
}

} // namespace waddle::test

using namespace waddle::test;
