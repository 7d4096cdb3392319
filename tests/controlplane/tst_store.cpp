#include "controlplane/migrations.h"
#include "controlplane/store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace waddle;
using namespace waddle::cp;
using domain::Member;
using domain::Region;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Waddle;

namespace {

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

QString kindName(StoreError::Kind kind)
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

QDateTime utc(int day, int hour, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, minute, second, ms), Qt::UTC);
}

Region makeRegion(const QString &code, const QString &city, double lat, double lon)
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

Waddle makeWaddle(const QString &id, const QString &region = QStringLiteral("eu-west"))
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

Member makeMember(const QString &id, const QString &waddleId, const QString &city = {},
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

RegionHealth makeHealth(const QString &code, const QDateTime &at, double score)
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

domain::UsageEvent makeEvent(const QString &region, const QDateTime &at, int participants,
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

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

std::unique_ptr<Store> openOrFail(const QString &path)
{
    auto opened = Store::open(path);
    if (!opened) {
        qWarning() << "open failed:" << opened.error().message;
        return nullptr;
    }
    return std::move(opened).value();
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    // opening and migrations
    void freshFileIsMigrated();
    void memoryStoresAreSeparate();
    void reopeningKeepsEveryChange();
    void refusesAFileThatIsNotADatabase();
    void refusesADatabaseThatIsNotOurs();
    void refusesANewerSchema();
    void unopenablePathIsAnError();
    void twoStoresShareAFile();

    // regions
    void regionUpsertKeepsOrderAndMaintenance();
    void regionStatusAndMaintenance();
    void unknownRegionIsNotFound();
    void invalidRegionsAreRefused();

    // waddles
    void updateVoiceRegionBumpsVersion();
    void staleVersionIsAConflict();
    void unknownWaddleIsNotFound();
    void invalidVoiceRegionIsRefused();
    void setCurrentRegionForFailover();
    void insertWaddlesIsAtomic();
    void memberOfUnknownWaddleIsRefused();
    void waddlePagingAndRegionFilter();

    // members
    void membersPaging();
    void memberGroups();

    // API keys
    void roles();
    void secretsAndHashes();
    void apiKeyCreateAndFind();
    void apiKeyUnknownOrRevoked();
    void onlyTheHashIsStored();
    void ensureApiKeyIsIdempotent();

    // health
    void healthHistoryOrderAndLimit();
    void latestHealth();
    void pruneHealth();

    // alerts
    void alertsNewestFirst();

    // usage
    void usageUpdatesHourlyTotals();
    void hourlySessionsFillsEveryHour();
    void invalidUsageBatchChangesNothing();

private:
    std::unique_ptr<Store> memoryStore();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<Store> TestStore::memoryStore()
{
    return openOrFail(QStringLiteral(":memory:"));
}

// --- opening and migrations --------------------------------------------------

void TestStore::freshFileIsMigrated()
{
    const QString path = m_dir->filePath(QStringLiteral("fresh.db"));
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), sqlite::latestSchemaVersion());
        QVERIFY(sqlite::latestSchemaVersion() >= 1);
        auto empty = store->isEmpty();
        CHECK_OK(empty);
        QVERIFY(empty.value());

        RawDatabase raw(path);
        const QVariantList tables =
            raw.column(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
        for (const char *table :
             {"schema_version", "regions", "waddles", "members", "api_keys", "health_checks",
              "region_alerts", "usage_events", "usage_hourly"}) {
            QVERIFY2(tables.contains(QString::fromLatin1(table)), table);
        }
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(),
                 sqlite::latestSchemaVersion());
        QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                 int(sqlite::migrations().size()));
    }
    // Reopening applies nothing twice.
    auto again = openOrFail(path);
    QVERIFY(again);
    QCOMPARE(again->schemaVersion(), sqlite::latestSchemaVersion());
}

void TestStore::memoryStoresAreSeparate()
{
    auto a = memoryStore();
    auto b = memoryStore();
    QVERIFY(a && b);
    CHECK_OK(a->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    QCOMPARE(a->waddleCount().value(), 1);
    QCOMPARE(b->waddleCount().value(), 0);
}

void TestStore::reopeningKeepsEveryChange()
{
    const QString path = m_dir->filePath(QStringLiteral("keep.db"));
    const QList<Region> regions{
        makeRegion(QStringLiteral("eu-west"), QStringLiteral("Frankfurt"), 50.1, 8.7),
        makeRegion(QStringLiteral("us-east"), QStringLiteral("New York"), 40.7, -74.0)};
    QString secret;
    QString alertId = QStringLiteral("alert-1");
    Waddle updated;
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        CHECK_OK(store->saveRegions(regions));
        CHECK_OK(store->setMaintenance(QStringLiteral("us-east"), true));
        CHECK_OK(store->setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Degraded));
        CHECK_OK(store->insertWaddles(
            {makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))},
            {makeMember(QStringLiteral("m1"), QStringLiteral("w1"), QStringLiteral("Paris"),
                        QStringLiteral("FR"), domain::GeoPoint{48.85, 2.35})}));
        auto result = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                               QStringLiteral("us-east"), 1);
        CHECK_OK(result);
        updated = result.value();
        auto created = store->createApiKey(QStringLiteral("ops"), Role::Operator, {});
        CHECK_OK(created);
        secret = created.value();
        CHECK_OK(store->recordHealth({makeHealth(QStringLiteral("eu-west"), utc(2, 10), 80)}));
        RegionAlert alert;
        alert.id = alertId;
        alert.regionCode = QStringLiteral("eu-west");
        alert.severity = domain::Severity::Warning;
        alert.title = QStringLiteral("Degraded");
        alert.description = QStringLiteral("p99 over 200 ms");
        alert.from = RegionStatus::Online;
        alert.to = RegionStatus::Degraded;
        alert.createdAt = utc(2, 10);
        CHECK_OK(store->recordAlert(alert));
        CHECK_OK(store->insertUsageEvents(
            {makeEvent(QStringLiteral("eu-west"), utc(2, 10, 5), 4, 600, 4.0, 30)}));
    }

    auto store = openOrFail(path);
    QVERIFY(store);
    auto stored = store->regions();
    CHECK_OK(stored);
    QCOMPARE(stored->size(), 2);
    QCOMPARE(stored->at(0).code, QStringLiteral("eu-west"));
    QCOMPARE(toString(stored->at(0).status), QStringLiteral("degraded"));
    QCOMPARE(toString(stored->at(1).status), QStringLiteral("maintenance"));

    auto w1 = store->waddle(QStringLiteral("w1"));
    CHECK_OK(w1);
    QVERIFY(w1.value() == updated);
    QCOMPARE(w1->version, 2);
    QCOMPARE(w1->voiceRegion, QStringLiteral("us-east"));
    QCOMPARE(store->waddleCount().value(), 2);
    QCOMPARE(store->memberCount(QStringLiteral("w1")).value(), 1);

    auto key = store->findApiKey(secret);
    CHECK_OK(key);
    QCOMPARE(toString(key->role), QStringLiteral("operator"));

    auto latest = store->latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(latest);
    QVERIFY(latest->has_value());
    QCOMPARE((*latest)->score, 80.0);

    auto alerts = store->alerts(10);
    CHECK_OK(alerts);
    QCOMPARE(alerts->size(), 1);
    QCOMPARE(alerts->at(0).id, alertId);

    QCOMPARE(store->usageEventCount().value(), 1);
    auto hours = store->hourlyUsage(QStringLiteral("eu-west"), utc(2, 0), utc(3, 0));
    CHECK_OK(hours);
    QCOMPARE(hours->size(), 1);
    QCOMPARE(hours->at(0).sessions, 1);
}

void TestStore::refusesAFileThatIsNotADatabase()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    QByteArray content;
    for (int i = 0; i < 200; ++i)
        content += "These are somebody's notes, not a database. ";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    auto opened = Store::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(QStringLiteral("not a Waddle store")),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    QCOMPARE(fileBytes(path), content);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void TestStore::refusesADatabaseThatIsNotOurs()
{
    const QString path = m_dir->filePath(QStringLiteral("other.db"));
    {
        RawDatabase raw(path);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
    }
    const QByteArray before = fileBytes(path);
    auto opened = Store::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(QStringLiteral("recipes")),
             qPrintable(opened.error().message));
    QCOMPARE(fileBytes(path), before);
}

void TestStore::refusesANewerSchema()
{
    const QString path = m_dir->filePath(QStringLiteral("future.db"));
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        CHECK_OK(store->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    }
    const int future = sqlite::latestSchemaVersion() + 1;
    {
        RawDatabase raw(path);
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO schema_version (version, description, "
                                        "applied_at) VALUES (%1, 'from the future', "
                                        "'2030-01-01T00:00:00.000Z')")
                             .arg(future)));
    }
    const QByteArray before = fileBytes(path);
    QVERIFY(!before.isEmpty());

    auto opened = Store::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(QString::number(future)),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(QStringLiteral("newer")),
             qPrintable(opened.error().message));
    QCOMPARE(fileBytes(path), before);

    RawDatabase raw(path);
    QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM waddles")).toInt(), 1);
}

void TestStore::unopenablePathIsAnError()
{
    const QString path = m_dir->filePath(QStringLiteral("no/such/folder/store.db"));
    auto opened = Store::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    QCOMPARE(failureKind(Store::open(QString())), QStringLiteral("Invalid"));
}

// Two threads each have their own store on one file (WAL: readers do not
// block the writer); here two instances on one thread stand in for them.
void TestStore::twoStoresShareAFile()
{
    const QString path = m_dir->filePath(QStringLiteral("shared.db"));
    auto writer = openOrFail(path);
    auto reader = openOrFail(path);
    QVERIFY(writer && reader);
    CHECK_OK(writer->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    QCOMPARE(reader->waddleCount().value(), 1);
    CHECK_OK(reader->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("auto"), {}, 1));
    QCOMPARE(
        failureKind(writer->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("auto"), {}, 1)),
        QStringLiteral("Conflict"));
    QCOMPARE(writer->waddle(QStringLiteral("w1"))->version, 2);
}

// --- regions -----------------------------------------------------------------

void TestStore::regionUpsertKeepsOrderAndMaintenance()
{
    auto store = memoryStore();
    QVERIFY(store);
    const Region b = makeRegion(QStringLiteral("b-region"), QStringLiteral("Berlin"), 52.5, 13.4);
    const Region a = makeRegion(QStringLiteral("a-region"), QStringLiteral("Amsterdam"), 52.4, 4.9);
    const Region c = makeRegion(QStringLiteral("c-region"), QStringLiteral("Cork"), 51.9, -8.5);
    CHECK_OK(store->saveRegions({b, a, c}));

    auto first = store->regions();
    CHECK_OK(first);
    QCOMPARE(first->size(), 3);
    QVERIFY(first->at(0) == b);
    QVERIFY(first->at(1) == a);
    QVERIFY(first->at(2) == c);

    CHECK_OK(store->setMaintenance(QStringLiteral("a-region"), true));

    Region a2 = a;
    a2.name = QStringLiteral("Amsterdam West");
    a2.capacity.maximum = 20000;
    const Region d = makeRegion(QStringLiteral("d-region"), QStringLiteral("Dublin"), 53.3, -6.3);
    CHECK_OK(store->saveRegions({a2, d}));

    auto second = store->regions();
    CHECK_OK(second);
    QCOMPARE(second->size(), 4);
    QStringList codes;
    for (const Region &r : second.value())
        codes.append(r.code);
    QCOMPARE(codes, (QStringList{QStringLiteral("b-region"), QStringLiteral("a-region"),
                                 QStringLiteral("c-region"), QStringLiteral("d-region")}));
    QCOMPARE(second->at(1).name, QStringLiteral("Amsterdam West"));
    QCOMPARE(second->at(1).capacity.maximum, 20000);
    // The operator's maintenance survives a catalogue update.
    QCOMPARE(toString(second->at(1).status), QStringLiteral("maintenance"));

    // Saving what was read (status Maintenance) keeps the flag and the order.
    CHECK_OK(store->saveRegions(second.value()));
    auto third = store->regions();
    CHECK_OK(third);
    QVERIFY(third.value() == second.value());
}

void TestStore::regionStatusAndMaintenance()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->saveRegions(
        {makeRegion(QStringLiteral("eu-west"), QStringLiteral("Frankfurt"), 50.1, 8.7)}));
    CHECK_OK(store->setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Offline));
    QCOMPARE(toString(store->regions()->at(0).status), QStringLiteral("offline"));

    CHECK_OK(store->setMaintenance(QStringLiteral("eu-west"), true));
    QCOMPARE(toString(store->regions()->at(0).status), QStringLiteral("maintenance"));
    // Health keeps being recorded during maintenance; it shows once lifted.
    CHECK_OK(store->setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Degraded));
    QCOMPARE(toString(store->regions()->at(0).status), QStringLiteral("maintenance"));
    CHECK_OK(store->setMaintenance(QStringLiteral("eu-west"), false));
    QCOMPARE(toString(store->regions()->at(0).status), QStringLiteral("degraded"));

    CHECK_OK(store->setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Maintenance));
    QCOMPARE(toString(store->regions()->at(0).status), QStringLiteral("maintenance"));
}

void TestStore::unknownRegionIsNotFound()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->saveRegions(
        {makeRegion(QStringLiteral("eu-west"), QStringLiteral("Frankfurt"), 50.1, 8.7)}));
    QCOMPARE(failureKind(store->setRegionStatus(QStringLiteral("mars-1"), RegionStatus::Online)),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->setMaintenance(QStringLiteral("mars-1"), true)),
             QStringLiteral("NotFound"));
    auto notFound = store->setMaintenance(QStringLiteral("mars-1"), true);
    QVERIFY(notFound.error().message.contains(QStringLiteral("mars-1")));
}

void TestStore::invalidRegionsAreRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    Region bad = makeRegion(QStringLiteral("Not A Code"), QStringLiteral("X"), 0, 0);
    auto result =
        store->saveRegions({makeRegion(QStringLiteral("ok"), QStringLiteral("Y"), 0, 0), bad});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(result.error().field, QStringLiteral("regions[1].code"));
    const Region twice = makeRegion(QStringLiteral("dup"), QStringLiteral("Z"), 0, 0);
    QCOMPARE(failureKind(store->saveRegions({twice, twice})), QStringLiteral("Invalid"));
    QVERIFY(store->regions()->isEmpty());
}

// --- waddles -----------------------------------------------------------------

void TestStore::updateVoiceRegionBumpsVersion()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);

    auto first = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                          QStringLiteral("us-east"), 1);
    CHECK_OK(first);
    QCOMPARE(first->version, 2);
    QCOMPARE(first->voiceRegion, QStringLiteral("us-east"));
    QCOMPARE(first->currentRegion, QStringLiteral("us-east"));
    QVERIFY(first->updatedAt >= before);

    auto second = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("auto"),
                                           QStringLiteral("eu-west"), 2);
    CHECK_OK(second);
    QCOMPARE(second->version, 3);
    QVERIFY(second->isAutomatic());
    QVERIFY(store->waddle(QStringLiteral("w1")).value() == second.value());
}

void TestStore::staleVersionIsAConflict()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    CHECK_OK(store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                      QStringLiteral("us-east"), 1));
    const Waddle before = store->waddle(QStringLiteral("w1")).value();

    auto stale = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("asia-ne"),
                                          QStringLiteral("asia-ne"), 1);
    QCOMPARE(failureKind(stale), QStringLiteral("Conflict"));
    QVERIFY2(stale.error().message.contains(QStringLiteral("version 2")),
             qPrintable(stale.error().message));
    QVERIFY(store->waddle(QStringLiteral("w1")).value() == before);
}

void TestStore::unknownWaddleIsNotFound()
{
    auto store = memoryStore();
    QVERIFY(store);
    QCOMPARE(failureKind(store->waddle(QStringLiteral("nope"))), QStringLiteral("NotFound"));
    QCOMPARE(failureKind(
                 store->updateVoiceRegion(QStringLiteral("nope"), QStringLiteral("auto"), {}, 1)),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->setCurrentRegion(QStringLiteral("nope"), QStringLiteral("eu-west"),
                                                 false, {})),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->members(QStringLiteral("nope"), 0, 10)),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->memberCount(QStringLiteral("nope"))), QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->memberGroups(QStringLiteral("nope"))), QStringLiteral("NotFound"));
}

void TestStore::invalidVoiceRegionIsRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    auto bad = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("Moon Base"), {}, 1);
    QCOMPARE(failureKind(bad), QStringLiteral("Invalid"));
    QCOMPARE(bad.error().field, QStringLiteral("voice_region"));
    QCOMPARE(store->waddle(QStringLiteral("w1"))->version, 1);
}

void TestStore::setCurrentRegionForFailover()
{
    auto store = memoryStore();
    QVERIFY(store);
    Waddle w = makeWaddle(QStringLiteral("w1"), QStringLiteral("eu-west"));
    w.voiceRegion = QStringLiteral("eu-west");
    CHECK_OK(store->insertWaddles({w}, {}));

    QCOMPARE(failureKind(store->setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-north"),
                                                 true, {})),
             QStringLiteral("Invalid"));

    auto moved = store->setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-north"), true,
                                         QStringLiteral("eu-west"));
    CHECK_OK(moved);
    QCOMPARE(moved->currentRegion, QStringLiteral("eu-north"));
    QVERIFY(moved->temporary);
    QCOMPARE(moved->originalRegion, QStringLiteral("eu-west"));
    QCOMPARE(moved->version, 2);
    QCOMPARE(moved->voiceRegion, QStringLiteral("eu-west"));
    QCOMPARE(store->waddlesOnRegion(QStringLiteral("eu-north"))->size(), 1);
    QCOMPARE(store->waddlesOnRegion(QStringLiteral("eu-west"))->size(), 0);

    auto back = store->setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-west"), false,
                                        QStringLiteral("ignored"));
    CHECK_OK(back);
    QVERIFY(!back->temporary);
    QVERIFY(back->originalRegion.isEmpty());
    QCOMPARE(back->version, 3);

    // The owner's explicit choice ends a temporary placement.
    CHECK_OK(store->setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-north"), true,
                                     QStringLiteral("eu-west")));
    auto chosen = store->updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                           QStringLiteral("us-east"), 4);
    CHECK_OK(chosen);
    QVERIFY(!chosen->temporary);
    QVERIFY(chosen->originalRegion.isEmpty());
}

void TestStore::insertWaddlesIsAtomic()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QList<Waddle> waddles{makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))};
    const QList<Member> members{makeMember(QStringLiteral("m1"), QStringLiteral("w1")),
                                makeMember(QStringLiteral("m2"), QStringLiteral("w2")),
                                makeMember(QStringLiteral("m1"), QStringLiteral("w2"))};
    auto result = store->insertWaddles(waddles, members);
    QCOMPARE(failureKind(result), QStringLiteral("Conflict"));
    QVERIFY2(result.error().message.contains(QStringLiteral("members")),
             qPrintable(result.error().message));
    QVERIFY(store->isEmpty().value());
    QCOMPARE(store->waddleCount().value(), 0);

    // The same batch without the duplicate goes in whole.
    CHECK_OK(store->insertWaddles(waddles, members.mid(0, 2)));
    QCOMPARE(store->waddleCount().value(), 2);
    QVERIFY(!store->isEmpty().value());
    // A waddle id already stored is a conflict too, and changes nothing.
    QCOMPARE(failureKind(store->insertWaddles(
                 {makeWaddle(QStringLiteral("w3")), makeWaddle(QStringLiteral("w1"))}, {})),
             QStringLiteral("Conflict"));
    QCOMPARE(store->waddleCount().value(), 2);
}

void TestStore::memberOfUnknownWaddleIsRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    auto result = store->insertWaddles({makeWaddle(QStringLiteral("w1"))},
                                       {makeMember(QStringLiteral("m1"), QStringLiteral("ghost"))});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(store->waddleCount().value(), 0);

    Waddle noId = makeWaddle(QString());
    auto missing = store->insertWaddles({noId}, {});
    QCOMPARE(failureKind(missing), QStringLiteral("Invalid"));
    QCOMPARE(missing.error().field, QStringLiteral("waddles[0].id"));
}

void TestStore::waddlePagingAndRegionFilter()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<Waddle> waddles;
    for (int i = 9; i >= 0; --i) {
        waddles.append(makeWaddle(QStringLiteral("w%1").arg(i),
                                  i % 2 ? QStringLiteral("eu-west") : QStringLiteral("us-east")));
    }
    CHECK_OK(store->insertWaddles(waddles, {}));
    QCOMPARE(store->waddleCount().value(), 10);

    auto page = store->waddles(3, 4);
    CHECK_OK(page);
    QCOMPARE(page->size(), 4);
    QCOMPARE(page->at(0).id, QStringLiteral("w3"));
    QCOMPARE(page->at(3).id, QStringLiteral("w6"));
    QCOMPARE(store->waddles(8, 10)->size(), 2);
    QCOMPARE(store->waddles(10, 10)->size(), 0);
    QCOMPARE(store->waddles(1000, 10)->size(), 0);
    QCOMPARE(store->waddles(0, 0)->size(), 0);
    QCOMPARE(failureKind(store->waddles(-1, 10)), QStringLiteral("Invalid"));
    QCOMPARE(failureKind(store->waddles(0, -1)), QStringLiteral("Invalid"));

    auto onWest = store->waddlesOnRegion(QStringLiteral("eu-west"));
    CHECK_OK(onWest);
    QCOMPARE(onWest->size(), 5);
    QCOMPARE(onWest->at(0).id, QStringLiteral("w1"));
    QVERIFY(store->waddlesOnRegion(QStringLiteral("nowhere"))->isEmpty());

    // Stored as given.
    QVERIFY(store->waddle(QStringLiteral("w4")).value() ==
            makeWaddle(QStringLiteral("w4"), QStringLiteral("us-east")));
}

// --- members -----------------------------------------------------------------

void TestStore::membersPaging()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<Member> members;
    for (int i = 0; i < 25; ++i) {
        members.append(makeMember(QStringLiteral("m%1").arg(i, 2, 10, QLatin1Char('0')),
                                  QStringLiteral("w1"), QStringLiteral("Oslo"),
                                  QStringLiteral("NO"), domain::GeoPoint{59.9, 10.7}));
    }
    members.append(makeMember(QStringLiteral("x1"), QStringLiteral("w2")));
    CHECK_OK(store->insertWaddles(
        {makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))}, members));

    QCOMPARE(store->memberCount(QStringLiteral("w1")).value(), 25);
    QCOMPARE(store->memberCount(QStringLiteral("w2")).value(), 1);
    auto page = store->members(QStringLiteral("w1"), 20, 10);
    CHECK_OK(page);
    QCOMPARE(page->size(), 5);
    QCOMPARE(page->at(0).id, QStringLiteral("m20"));
    QVERIFY(page->at(0) == members.at(20));
    QVERIFY(store->members(QStringLiteral("w1"), 25, 10)->isEmpty());
    QCOMPARE(failureKind(store->members(QStringLiteral("w1"), -5, 10)), QStringLiteral("Invalid"));

    auto lone = store->members(QStringLiteral("w2"), 0, 10);
    CHECK_OK(lone);
    QCOMPARE(lone->size(), 1);
    QVERIFY(!lone->at(0).location.has_value());
    QVERIFY(lone->at(0) == members.last());
}

void TestStore::memberGroups()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString w = QStringLiteral("w1");
    const QList<Member> members{
        makeMember(QStringLiteral("a"), w, QStringLiteral("Paris"), QStringLiteral("FR"),
                   domain::GeoPoint{48.0, 2.0}),
        makeMember(QStringLiteral("b"), w, QStringLiteral("Paris"), QStringLiteral("FR"),
                   domain::GeoPoint{49.0, 3.0}),
        makeMember(QStringLiteral("c"), w, QStringLiteral("Paris"), QStringLiteral("FR"),
                   domain::GeoPoint{48.5, 2.5}),
        makeMember(QStringLiteral("d"), w, QStringLiteral("Lyon"), QStringLiteral("FR"),
                   domain::GeoPoint{45.76, 4.83}),
        makeMember(QStringLiteral("e"), w, QStringLiteral("Paris"), QStringLiteral("US"),
                   domain::GeoPoint{33.66, -95.55}),
        makeMember(QStringLiteral("f"), w, QStringLiteral("Paris"), QStringLiteral("US"),
                   domain::GeoPoint{33.66, -95.55}),
        // Coordinates only: one 0.01° cell for the first two.
        makeMember(QStringLiteral("g"), w, {}, {}, domain::GeoPoint{10.001, 20.001}),
        makeMember(QStringLiteral("h"), w, {}, {}, domain::GeoPoint{10.002, 20.002}),
        makeMember(QStringLiteral("i"), w, {}, {}, domain::GeoPoint{-30.0, 150.0}),
        // No location: counted by memberCount, not placed.
        makeMember(QStringLiteral("j"), w),
        makeMember(QStringLiteral("k"), w),
        // Another waddle's member never counts here.
        makeMember(QStringLiteral("z"), QStringLiteral("w2"), QStringLiteral("Paris"),
                   QStringLiteral("FR"), domain::GeoPoint{48.0, 2.0}),
    };
    CHECK_OK(store->insertWaddles({makeWaddle(w), makeWaddle(QStringLiteral("w2"))}, members));

    auto groups = store->memberGroups(w);
    CHECK_OK(groups);
    QCOMPARE(groups->size(), 5);
    QCOMPARE(groups->at(0).label, QStringLiteral("Paris, FR"));
    QCOMPARE(groups->at(0).members, 3);
    QCOMPARE(groups->at(0).point.latitude, 48.5);
    QCOMPARE(groups->at(0).point.longitude, 2.5);
    // Two groups of two, by label: the coordinates cell sorts before "Paris, US".
    QCOMPARE(groups->at(1).members, 2);
    QCOMPARE(groups->at(1).label, QStringLiteral("10.00, 20.00"));
    QCOMPARE(groups->at(2).label, QStringLiteral("Paris, US"));
    QCOMPARE(groups->at(2).members, 2);
    QCOMPARE(domain::totalMembers(groups.value()), 9);
    QCOMPARE(store->memberCount(w).value(), 11);

    // The same counts as the domain's grouping of the same members.
    QList<Member> mine = members.mid(0, members.size() - 1);
    QList<domain::LocationGroup> expected = domain::groupByLocation(mine);
    QCOMPARE(expected.size(), groups->size());
    for (const domain::LocationGroup &group : expected) {
        const auto match = std::find_if(groups->cbegin(), groups->cend(),
                                        [&](const auto &g) { return g.label == group.label; });
        QVERIFY2(match != groups->cend(), qPrintable(group.label));
        QCOMPARE(match->members, group.members);
    }
}

// --- API keys ----------------------------------------------------------------

void TestStore::roles()
{
    QVERIFY(roleAtLeast(Role::Admin, Role::Operator));
    QVERIFY(roleAtLeast(Role::Operator, Role::Operator));
    QVERIFY(roleAtLeast(Role::Owner, Role::Viewer));
    QVERIFY(!roleAtLeast(Role::Owner, Role::Operator));
    QVERIFY(!roleAtLeast(Role::Viewer, Role::Owner));
    for (Role role : {Role::Viewer, Role::Owner, Role::Operator, Role::Admin})
        QVERIFY(roleFromString(toString(role)) == role);
    QCOMPARE(toString(Role::Operator), QStringLiteral("operator"));
    QVERIFY(!roleFromString(u"root").has_value());

    ApiKey key;
    key.waddleIds = {QStringLiteral("w1")};
    key.role = Role::Viewer;
    QVERIFY(!key.mayEditWaddle(QStringLiteral("w1")));
    key.role = Role::Owner;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w1")));
    QVERIFY(!key.mayEditWaddle(QStringLiteral("w2")));
    key.role = Role::Operator;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w2")));
    key.role = Role::Admin;
    QVERIFY(key.mayEditWaddle(QStringLiteral("w2")));
}

void TestStore::secretsAndHashes()
{
    const QString a = generateApiKeySecret();
    const QString b = generateApiKeySecret();
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStringLiteral("wrk_")));
    QCOMPARE(a.size(), 4 + 43); // 32 bytes, base64 without padding
    for (QChar c : a.mid(4))
        QVERIFY(c.isLetterOrNumber() || c == u'-' || c == u'_');
    QCOMPARE(QByteArray::fromBase64(a.mid(4).toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
    // FIPS 180-2 test vector.
    QCOMPARE(hashApiKey(QStringLiteral("abc")),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestStore::apiKeyCreateAndFind()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    auto secret = store->createApiKey(QStringLiteral("alice"), Role::Owner,
                                      {QStringLiteral("w1"), QStringLiteral("w2")});
    CHECK_OK(secret);
    QVERIFY(secret->startsWith(QStringLiteral("wrk_")));
    auto key = store->findApiKey(secret.value());
    CHECK_OK(key);
    QCOMPARE(key->name, QStringLiteral("alice"));
    QCOMPARE(toString(key->role), QStringLiteral("owner"));
    QCOMPARE(key->waddleIds, (QStringList{QStringLiteral("w1"), QStringLiteral("w2")}));
    QVERIFY(!key->revoked);
    QVERIFY(!key->id.isEmpty());
    QVERIFY(key->createdAt >= before);
    QVERIFY(key->mayEditWaddle(QStringLiteral("w2")));
    QVERIFY(!key->mayEditWaddle(QStringLiteral("w3")));
    QCOMPARE(store->apiKeyCount().value(), 1);

    QCOMPARE(failureKind(store->createApiKey(QStringLiteral("  "), Role::Viewer, {})),
             QStringLiteral("Invalid"));
}

void TestStore::apiKeyUnknownOrRevoked()
{
    auto store = memoryStore();
    QVERIFY(store);
    QCOMPARE(failureKind(store->findApiKey(QStringLiteral("wrk_nothing"))),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->findApiKey(QString())), QStringLiteral("NotFound"));

    auto secret = store->createApiKey(QStringLiteral("bob"), Role::Admin, {});
    CHECK_OK(secret);
    const QString id = store->findApiKey(secret.value())->id;
    CHECK_OK(store->revokeApiKey(id));
    QCOMPARE(failureKind(store->findApiKey(secret.value())), QStringLiteral("NotFound"));
    QCOMPARE(store->apiKeyCount().value(), 0);
    QCOMPARE(failureKind(store->revokeApiKey(QStringLiteral("no-such-id"))),
             QStringLiteral("NotFound"));
}

void TestStore::onlyTheHashIsStored()
{
    const QString path = m_dir->filePath(QStringLiteral("keys.db"));
    QString secret;
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        auto created = store->createApiKey(QStringLiteral("carol"), Role::Viewer, {});
        CHECK_OK(created);
        secret = created.value();
    }
    RawDatabase raw(path);
    QCOMPARE(raw.value(QStringLiteral("SELECT key_hash FROM api_keys")).toString(),
             QString::fromLatin1(hashApiKey(secret)));
    const QVariantList rows = raw.column(
        QStringLiteral("SELECT id || '|' || name || '|' || key_hash || '|' || role || '|' || "
                       "waddle_ids || '|' || created_at FROM api_keys"));
    QCOMPARE(rows.size(), 1);
    QVERIFY(!rows.at(0).toString().contains(secret));
    QVERIFY(!rows.at(0).toString().contains(secret.mid(4)));
    QVERIFY(!fileBytes(path).contains(secret.mid(4).toLatin1()));
}

void TestStore::ensureApiKeyIsIdempotent()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString secret = QStringLiteral("admin-secret-from-the-environment");
    CHECK_OK(store->ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    const ApiKey first = store->findApiKey(secret).value();
    CHECK_OK(store->ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    QCOMPARE(store->apiKeyCount().value(), 1);
    QVERIFY(store->findApiKey(secret).value() == first);

    // A changed role in the configuration is applied to the same key.
    CHECK_OK(store->ensureApiKey(secret, QStringLiteral("environment"), Role::Operator));
    QCOMPARE(store->apiKeyCount().value(), 1);
    QCOMPARE(toString(store->findApiKey(secret)->role), QStringLiteral("operator"));
    QCOMPARE(store->findApiKey(secret)->id, first.id);

    // A revocation is not undone by the next start.
    CHECK_OK(store->revokeApiKey(first.id));
    CHECK_OK(store->ensureApiKey(secret, QStringLiteral("environment"), Role::Admin));
    QCOMPARE(failureKind(store->findApiKey(secret)), QStringLiteral("NotFound"));

    QCOMPARE(failureKind(store->ensureApiKey(QString(), QStringLiteral("x"), Role::Admin)),
             QStringLiteral("Invalid"));
}

// --- health ------------------------------------------------------------------

void TestStore::healthHistoryOrderAndLimit()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<RegionHealth> checks;
    // Recorded out of order on purpose.
    for (int minute : {3, 0, 4, 1, 2})
        checks.append(
            makeHealth(QStringLiteral("eu-west"), utc(5, 10, minute, 0, 250), 90 - minute));
    checks.append(makeHealth(QStringLiteral("us-east"), utc(5, 10, 30), 10));
    RegionHealth failed = makeHealth(QStringLiteral("eu-west"), utc(5, 9, 59), 40);
    failed.reading.endpointHealthy = false;
    failed.status = RegionStatus::Offline;
    failed.consecutiveFailures = 2;
    failed.message = QStringLiteral("connection refused");
    checks.append(failed);
    CHECK_OK(store->recordHealth(checks));

    auto all = store->healthHistory(QStringLiteral("eu-west"), {}, 100);
    CHECK_OK(all);
    QCOMPARE(all->size(), 6);
    for (qsizetype i = 1; i < all->size(); ++i)
        QVERIFY(all->at(i - 1).checkedAt > all->at(i).checkedAt);
    QCOMPARE(all->at(0).checkedAt, utc(5, 10, 4, 0, 250));
    QVERIFY(all->last() == failed);

    auto limited = store->healthHistory(QStringLiteral("eu-west"), {}, 2);
    CHECK_OK(limited);
    QCOMPARE(limited->size(), 2);
    QCOMPARE(limited->at(1).checkedAt, utc(5, 10, 3, 0, 250));

    auto since = store->healthHistory(QStringLiteral("eu-west"), utc(5, 10, 2, 0, 250), 100);
    CHECK_OK(since);
    QCOMPARE(since->size(), 3);

    QCOMPARE(store->healthHistory(QStringLiteral("us-east"), {}, 100)->size(), 1);
    QCOMPARE(failureKind(store->healthHistory(QStringLiteral("eu-west"), {}, 0)),
             QStringLiteral("Invalid"));

    // One bad check refuses the whole batch.
    RegionHealth undated = makeHealth(QStringLiteral("eu-west"), {}, 50);
    auto refused =
        store->recordHealth({makeHealth(QStringLiteral("eu-west"), utc(6, 1), 50), undated});
    QCOMPARE(failureKind(refused), QStringLiteral("Invalid"));
    QCOMPARE(refused.error().field, QStringLiteral("checks[1].checked_at"));
    QCOMPARE(store->healthHistory(QStringLiteral("eu-west"), {}, 100)->size(), 6);
}

void TestStore::latestHealth()
{
    auto store = memoryStore();
    QVERIFY(store);
    auto none = store->latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(none);
    QVERIFY(!none->has_value());

    const RegionHealth newest = makeHealth(QStringLiteral("eu-west"), utc(5, 12), 77);
    CHECK_OK(store->recordHealth({makeHealth(QStringLiteral("eu-west"), utc(5, 11), 66), newest,
                                  makeHealth(QStringLiteral("eu-west"), utc(5, 10), 55)}));
    auto latest = store->latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(latest);
    QVERIFY(latest->has_value());
    QVERIFY(**latest == newest);
}

void TestStore::pruneHealth()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<RegionHealth> checks;
    for (int hour = 0; hour < 10; ++hour) {
        checks.append(makeHealth(QStringLiteral("eu-west"), utc(7, hour), 80));
        checks.append(makeHealth(QStringLiteral("us-east"), utc(7, hour), 80));
    }
    CHECK_OK(store->recordHealth(checks));
    auto pruned = store->pruneHealthBefore(utc(7, 4));
    CHECK_OK(pruned);
    QCOMPARE(pruned.value(), 8);
    QCOMPARE(store->healthHistory(QStringLiteral("eu-west"), {}, 100)->size(), 6);
    QCOMPARE(store->pruneHealthBefore(utc(7, 4)).value(), 0);
    QCOMPARE(store->pruneHealthBefore(utc(8, 0)).value(), 12);
    QCOMPARE(failureKind(store->pruneHealthBefore({})), QStringLiteral("Invalid"));
}

// --- alerts ------------------------------------------------------------------

void TestStore::alertsNewestFirst()
{
    auto store = memoryStore();
    QVERIFY(store);
    auto alert = [](const QString &id, const QDateTime &at, domain::Severity severity) {
        RegionAlert a;
        a.id = id;
        a.regionCode = QStringLiteral("eu-west");
        a.severity = severity;
        a.title = QStringLiteral("Title ") + id;
        a.description = QStringLiteral("Description ") + id;
        a.from = RegionStatus::Online;
        a.to = RegionStatus::Offline;
        a.createdAt = at;
        return a;
    };
    const RegionAlert oldest = alert(QStringLiteral("a1"), utc(3, 8), domain::Severity::Critical);
    RegionAlert middle = alert(QStringLiteral("a2"), utc(3, 9), domain::Severity::Warning);
    middle.acknowledgedAt = utc(3, 9, 30);
    const RegionAlert newest = alert(QStringLiteral("a3"), utc(3, 10), domain::Severity::Info);
    CHECK_OK(store->recordAlert(middle));
    CHECK_OK(store->recordAlert(newest));
    CHECK_OK(store->recordAlert(oldest));

    auto all = store->alerts(10);
    CHECK_OK(all);
    QCOMPARE(all->size(), 3);
    QVERIFY(all->at(0) == newest);
    QVERIFY(all->at(1) == middle);
    QVERIFY(all->at(2) == oldest);
    QCOMPARE(store->alerts(2)->size(), 2);

    CHECK_OK(store->acknowledgeAlert(QStringLiteral("a1"), utc(4, 1)));
    QVERIFY(store->alerts(10)->at(2).acknowledgedAt == utc(4, 1));
    QCOMPARE(failureKind(store->acknowledgeAlert(QStringLiteral("zz"), utc(4, 1))),
             QStringLiteral("NotFound"));

    QCOMPARE(failureKind(store->recordAlert(middle)), QStringLiteral("Conflict"));
    RegionAlert anonymous = alert(QString(), QDateTime(), domain::Severity::Info);
    CHECK_OK(store->recordAlert(anonymous));
    auto four = store->alerts(10);
    CHECK_OK(four);
    QCOMPARE(four->size(), 4);
    QVERIFY(!four->at(0).id.isEmpty()); // now, so newest
    QCOMPARE(four->at(0).title, QStringLiteral("Title "));
}

// --- usage -------------------------------------------------------------------

void TestStore::usageUpdatesHourlyTotals()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString eu = QStringLiteral("eu-west");
    // 10:00–10:59: three sessions; 11:00–11:59: one; another region, one.
    CHECK_OK(store->insertUsageEvents({
        makeEvent(eu, utc(9, 10, 0), 4, 600, 4.0, 20),
        makeEvent(eu, utc(9, 10, 59, 59, 999), 2, 300, 3.0, 40),
        makeEvent(eu, utc(9, 11, 0), 5, 100, 5.0, 10),
        makeEvent(QStringLiteral("us-east"), utc(9, 10, 30), 7, 70, 2.0, 90),
    }));
    // A later batch adds to the same hour.
    CHECK_OK(store->insertUsageEvents({makeEvent(eu, utc(9, 10, 15), 1, 50, 2.0, 60)}));
    QCOMPARE(store->usageEventCount().value(), 5);

    auto hours = store->hourlyUsage(eu, utc(9, 0), utc(10, 0));
    CHECK_OK(hours);
    QCOMPARE(hours->size(), 2);
    const HourlyUsage &ten = hours->at(0);
    QCOMPARE(ten.region, eu);
    QCOMPARE(ten.hour, utc(9, 10));
    QCOMPARE(ten.sessions, 3);
    QCOMPARE(ten.participants, 7);
    QCOMPARE(ten.totalDurationSeconds, 950.0);
    QCOMPARE(ten.qualitySum, 9.0);
    QCOMPARE(ten.latencySum, 120.0);
    QCOMPARE(ten.averageQuality(), 3.0);
    QCOMPARE(ten.averageLatencyMs(), 40.0);
    const HourlyUsage &eleven = hours->at(1);
    QCOMPARE(eleven.hour, utc(9, 11));
    QCOMPARE(eleven.sessions, 1);
    QCOMPARE(eleven.participants, 5);
    QCOMPARE(eleven.totalDurationSeconds, 100.0);

    auto everywhere = store->hourlyUsage({}, utc(9, 0), utc(10, 0));
    CHECK_OK(everywhere);
    QCOMPARE(everywhere->size(), 3);
    QCOMPARE(everywhere->at(1).region, QStringLiteral("us-east"));

    // A range of one hour holds that hour only.
    auto recount = store->hourlyUsage(eu, utc(9, 10), utc(9, 11));
    CHECK_OK(recount);
    QCOMPARE(recount->size(), 1);
    QCOMPARE(recount->at(0).sessions, 3);

    // Ids given by the caller are kept; a repeated id is a conflict.
    domain::UsageEvent withId = makeEvent(eu, utc(9, 12), 1, 1, 1, 1);
    withId.id = QStringLiteral("1000");
    CHECK_OK(store->insertUsageEvents({withId}));
    QCOMPARE(failureKind(store->insertUsageEvents({withId})), QStringLiteral("Conflict"));
    withId.id = QStringLiteral("abc");
    QCOMPARE(failureKind(store->insertUsageEvents({withId})), QStringLiteral("Invalid"));
    QCOMPARE(store->usageEventCount().value(), 6);
    QCOMPARE(store->hourlyUsage(eu, utc(9, 12), utc(9, 13))->at(0).sessions, 1);
}

void TestStore::hourlySessionsFillsEveryHour()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString eu = QStringLiteral("eu-west");
    CHECK_OK(store->insertUsageEvents({
        makeEvent(eu, utc(9, 10, 5), 4, 600, 4.0, 20),
        makeEvent(eu, utc(9, 10, 45), 2, 300, 3.0, 40),
        makeEvent(eu, utc(9, 12, 0), 5, 100, 5.0, 10),
    }));
    // From inside 09:00 to 13:00: hours 9, 10, 11, 12.
    auto points = store->hourlySessions(eu, utc(9, 9, 30), utc(9, 13));
    CHECK_OK(points);
    QCOMPARE(points->size(), 4);
    QCOMPARE(points->at(0).time, utc(9, 9));
    QCOMPARE(points->at(0).value, 0.0);
    QCOMPARE(points->at(1).time, utc(9, 10));
    QCOMPARE(points->at(1).value, 2.0);
    QCOMPARE(points->at(2).value, 0.0);
    QCOMPARE(points->at(3).time, utc(9, 12));
    QCOMPARE(points->at(3).value, 1.0);

    QVERIFY(store->hourlySessions(QStringLiteral("us-east"), utc(9, 0), utc(9, 3))->size() == 3);
    QCOMPARE(failureKind(store->hourlySessions(eu, utc(9, 13), utc(9, 9))),
             QStringLiteral("Invalid"));
    QCOMPARE(failureKind(store->hourlySessions(eu, utc(1, 0), utc(1, 0).addYears(3))),
             QStringLiteral("Invalid"));
}

void TestStore::invalidUsageBatchChangesNothing()
{
    auto store = memoryStore();
    QVERIFY(store);
    domain::UsageEvent bad = makeEvent(QStringLiteral("eu-west"), utc(9, 10), 1, 10, 7.5, 10);
    auto result = store->insertUsageEvents(
        {makeEvent(QStringLiteral("eu-west"), utc(9, 10), 1, 10, 4, 10), bad});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(result.error().field, QStringLiteral("events[1].quality"));
    QCOMPARE(store->usageEventCount().value(), 0);
    QVERIFY(store->hourlyUsage({}, utc(9, 0), utc(10, 0))->isEmpty());
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
