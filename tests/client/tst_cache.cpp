#include "client/cache.h"
#include "domain/jsonreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;
using domain::Region;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Waddle;

namespace {

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

const QUrl kServer(u"http://127.0.0.1:8740"_s);
const QUrl kOther(u"https://regions.example.com"_s);

QDateTime utc(int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2025, 3, 9), QTime(10, 0), Qt::UTC)
        .addSecs(minute * 60 + second)
        .addMSecs(ms);
}

Region makeRegion(const QString &code, int priority = 1)
{
    Region r;
    r.code = code;
    r.name = u"Region "_s + code;
    r.endpoint = u"wss://%1.example"_s.arg(code);
    r.pingUrl = u"http://%1.example/ping"_s.arg(code);
    r.healthUrl = u"http://%1.example/health"_s.arg(code);
    r.stun = u"%1.example:3478"_s.arg(code);
    r.location = domain::GeoLocation{u"City "_s + code, u"DE"_s, u"Europe"_s, 50.11, 8.68};
    r.capacity = domain::Capacity{120, 1000};
    r.features = {u"voice"_s, u"video"_s};
    r.status = RegionStatus::Degraded;
    r.priority = priority;
    r.failoverRegions = {u"fallback"_s};
    r.averageLatencyMs = 23.5;
    return r;
}

RegionHealth makeHealth(const QString &code, const QDateTime &at,
                        RegionStatus status = RegionStatus::Online)
{
    RegionHealth h;
    h.code = code;
    h.status = status;
    h.score = 87.25;
    h.reading = domain::HealthReading{true, 12.5, 0.42, 80.0, 0.5};
    h.consecutiveFailures = status == RegionStatus::Offline ? 2 : 0;
    h.checkedAt = at;
    h.message = status == RegionStatus::Offline ? u"timed out"_s : QString();
    return h;
}

Waddle makeWaddle(const QString &id, const QString &name, const QString &region, qint64 version = 1)
{
    Waddle w;
    w.id = id;
    w.name = name;
    w.ownerId = u"owner-1"_s;
    w.voiceRegion = region;
    w.currentRegion = region;
    w.memberCount = 42;
    w.activeVoiceChannels = 3;
    w.version = version;
    w.updatedAt = utc(0, 0, 123);
    return w;
}

LatencyResult makeLatency(const QString &code, const QDateTime &at,
                          ProbeMode mode = ProbeMode::Http, double rtt = 20.0)
{
    LatencyResult r;
    r.regionCode = code;
    r.mode = mode;
    for (int i = 0; i < 5; ++i) {
        domain::LatencySample s;
        s.sequence = i;
        s.sentAt = at.addMSecs(-600 + i * 100);
        if (i == 3) {
            s.outcome = domain::SampleOutcome::Lost;
            s.error = u"timeout"_s;
        } else {
            s.outcome = domain::SampleOutcome::Received;
            s.rttMs = rtt + i * 1.25;
        }
        r.samples.append(s);
    }
    r.stats = domain::computeLatencyStats(r.samples);
    r.connectMs = 1.5;
    r.measuredAt = at;
    return r;
}

QStringList codesOf(const QList<RegionHealth> &list)
{
    QStringList out;
    for (const RegionHealth &h : list)
        out.append(h.code + u'@' + domain::toIsoString(h.checkedAt));
    return out;
}

QStringList codesOf(const QList<LatencyResult> &list)
{
    QStringList out;
    for (const LatencyResult &r : list)
        out.append(r.regionCode + u'@' + domain::toIsoString(r.measuredAt));
    return out;
}

// A plain QtSql connection to a file, for preparing and inspecting files
// behind the cache's back.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(u"raw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    [[nodiscard]] bool ok() const { return m_ok; }

    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql)) {
            qWarning() << sql << q.lastError().text();
            return false;
        }
        return true;
    }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    QString m_name;
    bool m_ok = false;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class TestCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensFresh();
    void defaultPath();
    void regionsRoundTrip();
    void healthRoundTripAndHistory();
    void waddlesRoundTripAndUpdates();
    void latencyRoundTripAndHistory();
    void freshLatencyHonoursMaxAge_data();
    void freshLatencyHonoursMaxAge();
    void serversDoNotMix();
    void pruneKeepsSnapshots();
    void reopeningKeepsData();
    void unusableFileIsMovedAside_data();
    void unusableFileIsMovedAside();
    void fileThatCannotBeOpenedIsLeftAlone();
    void batchIsAtomic();
    void incompleteInputIsRefused();
    void rowThatNoLongerDecodesIsSkipped();

private:
    std::unique_ptr<Cache> openCache();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestCache::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"cache.db"_s);
}

void TestCache::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<Cache> TestCache::openCache()
{
    auto cache = Cache::open(m_path);
    if (!cache) {
        qWarning() << "open failed:" << cache.error().message;
        return nullptr;
    }
    return std::move(cache).value();
}

void TestCache::opensFresh()
{
    auto cache = openCache();
    QVERIFY(cache);
    QCOMPARE(cache->path(), m_path);
    QVERIFY(cache->movedAside().isEmpty());
    QCOMPARE(cache->schemaVersion(), Cache::latestSchemaVersion());
    QVERIFY(!cache->regions(kServer).has_value());
    QVERIFY(!cache->waddles(kServer).has_value());
    QVERIFY(cache->latestHealth(kServer).isEmpty());

    RawDb raw(m_path);
    QVERIFY(raw.ok());
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(raw.scalar(u"SELECT MAX(version) FROM schema_version"_s).toInt(),
             Cache::latestSchemaVersion());

    // A second instance on the same file (another thread, say) works beside it.
    auto second = openCache();
    QVERIFY(second);
    CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, utc(0)));
    QVERIFY(second->regions(kServer).has_value());

    QVERIFY(!Cache::open(QString()).ok());
    auto memory = Cache::open(u":memory:"_s);
    CHECK_OK(memory);
}

void TestCache::defaultPath()
{
    const QString path = Cache::defaultPath();
    QVERIFY(path.endsWith(u"/cache.db"_s));
    QVERIFY(QFileInfo(QFileInfo(path).absolutePath()).isDir());
}

void TestCache::regionsRoundTrip()
{
    auto cache = openCache();
    QVERIFY(cache);
    Region plain = makeRegion(u"us-east"_s, 2);
    plain.stun.clear();
    plain.averageLatencyMs.reset();
    plain.features.clear();
    plain.status = RegionStatus::Maintenance;
    const QList<Region> regions{makeRegion(u"eu-west"_s), plain, makeRegion(u"ap-south"_s, 3)};
    CHECK_OK(cache->saveRegions(kServer, regions, utc(5)));

    const auto snapshot = cache->regions(kServer);
    QVERIFY(snapshot.has_value());
    QCOMPARE(snapshot->value.size(), 3);
    QVERIFY(snapshot->value == regions); // same order, every field
    QCOMPARE(snapshot->savedAt, utc(5));
    QCOMPARE(snapshot->ageSeconds(utc(17)), qint64(12 * 60));

    // A new list replaces the old one.
    CHECK_OK(cache->saveRegions(kServer, {regions.at(2)}, utc(6)));
    QVERIFY(cache->regions(kServer)->value == QList<Region>{regions.at(2)});
    QCOMPARE(cache->regions(kServer)->savedAt, utc(6));

    // So does an empty one: the server has no regions, and says so.
    CHECK_OK(cache->saveRegions(kServer, {}, utc(7)));
    QVERIFY(cache->regions(kServer).has_value());
    QVERIFY(cache->regions(kServer)->value.isEmpty());
    QCOMPARE(cache->regions(kServer)->savedAt, utc(7));
}

void TestCache::healthRoundTripAndHistory()
{
    auto cache = openCache();
    QVERIFY(cache);
    const QList<RegionHealth> first{makeHealth(u"eu-west"_s, utc(0, 0, 5)),
                                    makeHealth(u"us-east"_s, utc(0, 1))};
    const QList<RegionHealth> second{makeHealth(u"eu-west"_s, utc(1), RegionStatus::Degraded),
                                     makeHealth(u"us-east"_s, utc(1, 1), RegionStatus::Offline)};
    CHECK_OK(cache->saveHealth(kServer, first));
    CHECK_OK(cache->saveHealth(kServer, second));
    CHECK_OK(cache->saveHealth(kServer, {makeHealth(u"eu-west"_s, utc(2))}));
    // The same check again (by event and by poll) is kept once.
    CHECK_OK(cache->saveHealth(kServer, {makeHealth(u"eu-west"_s, utc(2))}));

    const QList<RegionHealth> history = cache->healthHistory(kServer, u"eu-west"_s, {});
    QCOMPARE(codesOf(history), (QStringList{u"eu-west@2025-03-09T10:02:00.000Z"_s,
                                            u"eu-west@2025-03-09T10:01:00.000Z"_s,
                                            u"eu-west@2025-03-09T10:00:00.005Z"_s}));
    QVERIFY(history.at(1) == second.at(0)); // every field
    QVERIFY(history.at(2) == first.at(0));

    QCOMPARE(cache->healthHistory(kServer, u"eu-west"_s, utc(1)).size(), 2);
    QCOMPARE(cache->healthHistory(kServer, u"eu-west"_s, {}, 1).size(), 1);
    QVERIFY(cache->healthHistory(kServer, u"nowhere"_s, {}).isEmpty());

    const QList<RegionHealth> latest = cache->latestHealth(kServer);
    QCOMPARE(latest.size(), 2);
    QVERIFY(latest.at(0) == makeHealth(u"eu-west"_s, utc(2)));
    QVERIFY(latest.at(1) == second.at(1));
}

void TestCache::waddlesRoundTripAndUpdates()
{
    auto cache = openCache();
    QVERIFY(cache);
    Waddle moved = makeWaddle(u"w-2"_s, u"alpha"_s, u"us-east"_s, 4);
    moved.temporary = true;
    moved.originalRegion = u"eu-west"_s;
    moved.currentRegion = u"us-west"_s;
    Waddle automatic = makeWaddle(u"w-1"_s, u"Bravo"_s, u"auto"_s);
    automatic.currentRegion.clear();
    automatic.updatedAt = QDateTime();
    CHECK_OK(cache->saveWaddles(kServer, {automatic, moved}, utc(3)));

    auto snapshot = cache->waddles(kServer);
    QVERIFY(snapshot.has_value());
    QCOMPARE(snapshot->savedAt, utc(3));
    // By name, whatever the order they came in.
    QVERIFY(snapshot->value == (QList<Waddle>{moved, automatic}));

    // A later page adds to the list; a listed waddle replaces the cached one.
    const Waddle charlie = makeWaddle(u"w-3"_s, u"charlie"_s, u"eu-west"_s);
    Waddle automaticNow = automatic;
    automaticNow.memberCount = 50;
    CHECK_OK(cache->saveWaddles(kServer, {charlie, automaticNow}, utc(4)));
    snapshot = cache->waddles(kServer);
    QCOMPARE(snapshot->savedAt, utc(4));
    QVERIFY(snapshot->value == (QList<Waddle>{moved, automaticNow, charlie}));

    // A live update: newer versions win, an older one does not undo them.
    Waddle newer = charlie;
    newer.voiceRegion = u"us-east"_s;
    newer.currentRegion = u"us-east"_s;
    newer.version = 2;
    CHECK_OK(cache->updateWaddle(kServer, newer));
    Waddle stale = charlie;
    stale.name = u"stale"_s;
    CHECK_OK(cache->updateWaddle(kServer, stale));
    snapshot = cache->waddles(kServer);
    QCOMPARE(snapshot->savedAt, utc(4)); // the list's time, not the event's
    QVERIFY(snapshot->value.at(2) == newer);

    // An update of a waddle the list did not have yet adds it.
    const Waddle delta = makeWaddle(u"w-4"_s, u"delta"_s, u"eu-west"_s);
    CHECK_OK(cache->updateWaddle(kServer, delta));
    QCOMPARE(cache->waddles(kServer)->value.size(), 4);
    QVERIFY(cache->waddles(kServer)->value.at(3) == delta);
}

void TestCache::latencyRoundTripAndHistory()
{
    auto cache = openCache();
    QVERIFY(cache);
    LatencyResult unreachable;
    unreachable.regionCode = u"ap-south"_s;
    unreachable.measuredAt = utc(1);
    unreachable.error = u"no route to host"_s;
    unreachable.stats = domain::computeLatencyStats({});
    const QList<LatencyResult> batch{makeLatency(u"eu-west"_s, utc(0)),
                                     makeLatency(u"eu-west"_s, utc(0), ProbeMode::Tcp, 15.0),
                                     unreachable};
    CHECK_OK(cache->saveLatency(kServer, batch));
    CHECK_OK(cache->saveLatency(kServer, {makeLatency(u"eu-west"_s, utc(2), ProbeMode::Stun)}));

    const QList<LatencyResult> history = cache->latencyHistory(kServer, u"eu-west"_s);
    QCOMPARE(history.size(), 3); // every mode, kept as history
    QVERIFY(history.at(0) == makeLatency(u"eu-west"_s, utc(2), ProbeMode::Stun));
    QVERIFY(history.at(1) == batch.at(0) || history.at(1) == batch.at(1));
    QCOMPARE(cache->latencyHistory(kServer, u"eu-west"_s, 1).size(), 1);
    const QList<LatencyResult> unreachableHistory = cache->latencyHistory(kServer, u"ap-south"_s);
    QCOMPARE(unreachableHistory.size(), 1);
    QVERIFY(unreachableHistory.at(0) == unreachable);
}

void TestCache::freshLatencyHonoursMaxAge_data()
{
    QTest::addColumn<int>("nowMinute");
    QTest::addColumn<int>("maxAgeMinutes");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QStringList>("expected");

    // Stored (http): eu-west at 0, 1 and 6 min; us-east at 2 min. tcp: eu-west at 6.
    QTest::newRow("newest per region") << 6 << 5 << u"http"_s
                                       << QStringList{u"eu-west@2025-03-09T10:06:00.000Z"_s,
                                                      u"us-east@2025-03-09T10:02:00.000Z"_s};
    QTest::newRow("exactly maxAge old is still fresh")
        << 7 << 5 << u"http"_s
        << QStringList{u"eu-west@2025-03-09T10:06:00.000Z"_s,
                       u"us-east@2025-03-09T10:02:00.000Z"_s};
    QTest::newRow("older than maxAge is not")
        << 8 << 5 << u"http"_s << QStringList{u"eu-west@2025-03-09T10:06:00.000Z"_s};
    QTest::newRow("a longer maxAge") << 8 << 10 << u"http"_s
                                     << QStringList{u"eu-west@2025-03-09T10:06:00.000Z"_s,
                                                    u"us-east@2025-03-09T10:02:00.000Z"_s};
    QTest::newRow("nothing fresh") << 12 << 5 << u"http"_s << QStringList{};
    QTest::newRow("as of an earlier now")
        << 1 << 5 << u"http"_s << QStringList{u"eu-west@2025-03-09T10:01:00.000Z"_s};
    QTest::newRow("per mode") << 6 << 5 << u"tcp"_s
                              << QStringList{u"eu-west@2025-03-09T10:06:00.000Z"_s};
    QTest::newRow("no results in that mode") << 6 << 5 << u"stun"_s << QStringList{};
}

void TestCache::freshLatencyHonoursMaxAge()
{
    QFETCH(int, nowMinute);
    QFETCH(int, maxAgeMinutes);
    QFETCH(QString, mode);
    QFETCH(QStringList, expected);

    auto cache = openCache();
    QVERIFY(cache);
    CHECK_OK(cache->saveLatency(kServer, {makeLatency(u"eu-west"_s, utc(0)),
                                          makeLatency(u"eu-west"_s, utc(1)),
                                          makeLatency(u"us-east"_s, utc(2))}));
    CHECK_OK(cache->saveLatency(kServer, {makeLatency(u"eu-west"_s, utc(6)),
                                          makeLatency(u"eu-west"_s, utc(6), ProbeMode::Tcp)}));
    const auto probeMode = probeModeFromString(mode);
    QVERIFY(probeMode.has_value());
    const QList<LatencyResult> fresh = cache->freshLatency(kServer, *probeMode, utc(nowMinute),
                                                           std::chrono::minutes(maxAgeMinutes));
    QCOMPARE(codesOf(fresh), expected);
    for (const LatencyResult &r : fresh)
        QVERIFY(r == makeLatency(r.regionCode, r.measuredAt, *probeMode));

    if (maxAgeMinutes == 5) // the default is SPEC §4's 5 minutes
        QCOMPARE(codesOf(cache->freshLatency(kServer, *probeMode, utc(nowMinute))), expected);
}

void TestCache::serversDoNotMix()
{
    auto cache = openCache();
    QVERIFY(cache);
    CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, utc(1)));
    CHECK_OK(
        cache->saveRegions(kOther, {makeRegion(u"us-east"_s), makeRegion(u"eu-west"_s)}, utc(2)));
    CHECK_OK(cache->saveHealth(kServer, {makeHealth(u"eu-west"_s, utc(1))}));
    CHECK_OK(cache->saveHealth(kOther, {makeHealth(u"eu-west"_s, utc(2), RegionStatus::Offline)}));
    CHECK_OK(cache->saveWaddles(kServer, {makeWaddle(u"w-1"_s, u"one"_s, u"eu-west"_s)}, utc(1)));
    CHECK_OK(cache->saveLatency(kOther, {makeLatency(u"eu-west"_s, utc(2))}));

    QCOMPARE(cache->regions(kServer)->value.size(), 1);
    QCOMPARE(cache->regions(kServer)->savedAt, utc(1));
    QCOMPARE(cache->regions(kOther)->value.size(), 2);
    QCOMPARE(cache->regions(kOther)->savedAt, utc(2));
    QVERIFY(cache->latestHealth(kServer).at(0).status == RegionStatus::Online);
    QVERIFY(cache->latestHealth(kOther).at(0).status == RegionStatus::Offline);
    QCOMPARE(cache->healthHistory(kServer, u"eu-west"_s, {}).size(), 1);
    QVERIFY(cache->waddles(kServer).has_value());
    QVERIFY(!cache->waddles(kOther).has_value());
    QVERIFY(cache->latencyHistory(kServer, u"eu-west"_s).isEmpty());
    QCOMPARE(cache->latencyHistory(kOther, u"eu-west"_s).size(), 1);
    QVERIFY(cache->freshLatency(kServer, ProbeMode::Http, utc(3)).isEmpty());

    // One server, however it is spelt.
    QCOMPARE(cache->regions(QUrl(u"HTTP://127.0.0.1:8740/"_s))->value.size(), 1);
    QCOMPARE(cache->latencyHistory(QUrl(u"https://Regions.example.com:443"_s), u"eu-west"_s).size(),
             1);
    // A different port is a different server.
    QVERIFY(!cache->regions(QUrl(u"http://127.0.0.1:8741"_s)).has_value());
}

void TestCache::pruneKeepsSnapshots()
{
    auto cache = openCache();
    QVERIFY(cache);
    CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, utc(0)));
    CHECK_OK(cache->saveWaddles(kServer, {makeWaddle(u"w-1"_s, u"one"_s, u"eu-west"_s)}, utc(0)));
    CHECK_OK(cache->saveHealth(
        kServer, {makeHealth(u"eu-west"_s, utc(0)), makeHealth(u"eu-west"_s, utc(10))}));
    CHECK_OK(cache->saveLatency(
        kServer, {makeLatency(u"eu-west"_s, utc(0)), makeLatency(u"eu-west"_s, utc(10))}));
    CHECK_OK(cache->saveLatency(kOther, {makeLatency(u"eu-west"_s, utc(1))}));

    const auto removed = cache->pruneBefore(utc(5));
    CHECK_OK(removed);
    QCOMPARE(removed.value(), qint64(3));
    QCOMPARE(cache->healthHistory(kServer, u"eu-west"_s, {}).size(), 1);
    QCOMPARE(cache->latencyHistory(kServer, u"eu-west"_s).size(), 1);
    QVERIFY(cache->latencyHistory(kOther, u"eu-west"_s).isEmpty());
    QCOMPARE(cache->regions(kServer)->value.size(), 1);
    QCOMPARE(cache->waddles(kServer)->value.size(), 1);
}

void TestCache::reopeningKeepsData()
{
    {
        auto cache = openCache();
        QVERIFY(cache);
        CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, utc(1)));
        CHECK_OK(cache->saveHealth(kServer, {makeHealth(u"eu-west"_s, utc(1))}));
        CHECK_OK(
            cache->saveWaddles(kServer, {makeWaddle(u"w-1"_s, u"one"_s, u"eu-west"_s)}, utc(1)));
        CHECK_OK(cache->saveLatency(kServer, {makeLatency(u"eu-west"_s, utc(1))}));
    }
    auto cache = openCache();
    QVERIFY(cache);
    QVERIFY(cache->movedAside().isEmpty());
    QVERIFY(cache->regions(kServer)->value == QList<Region>{makeRegion(u"eu-west"_s)});
    QCOMPARE(cache->regions(kServer)->savedAt, utc(1));
    QVERIFY(cache->latestHealth(kServer) == QList<RegionHealth>{makeHealth(u"eu-west"_s, utc(1))});
    QCOMPARE(cache->waddles(kServer)->value.size(), 1);
    QCOMPARE(cache->freshLatency(kServer, ProbeMode::Http, utc(2)).size(), 1);
    const QStringList leftovers =
        QDir(m_dir->path()).entryList({u"*corrupt*"_s}, QDir::Files | QDir::Hidden);
    QVERIFY(leftovers.isEmpty());
}

void TestCache::unusableFileIsMovedAside_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("random bytes") << u"random"_s;
    QTest::newRow("a text file") << u"text"_s;
    QTest::newRow("another program's database") << u"foreign"_s;
    QTest::newRow("a store-like database without our marker") << u"unmarked"_s;
    QTest::newRow("a cache from a newer build") << u"newer"_s;
    QTest::newRow("a damaged cache") << u"damaged"_s;
}

void TestCache::unusableFileIsMovedAside()
{
    QFETCH(QString, kind);
    if (kind == u"random" || kind == u"text") {
        QByteArray bytes;
        if (kind == u"random") {
            QRandomGenerator random(42);
            for (int i = 0; i < 8192; ++i)
                bytes.append(static_cast<char>(random.bounded(256)));
        } else {
            bytes = "regions:\n  - eu-west\n";
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    } else if (kind == u"foreign" || kind == u"unmarked") {
        RawDb raw(m_path);
        QVERIFY(raw.ok());
        if (kind == u"foreign") {
            QVERIFY(raw.exec(u"CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)"_s));
            QVERIFY(raw.exec(u"INSERT INTO bookmarks (url) VALUES ('https://example.com')"_s));
        } else {
            QVERIFY(raw.exec(u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                             "description TEXT NOT NULL, applied_at TEXT NOT NULL)"_s));
            QVERIFY(raw.exec(u"INSERT INTO schema_version VALUES (1, 'x', 'y')"_s));
        }
    } else if (kind == u"damaged") {
        {
            auto cache = openCache();
            QVERIFY(cache);
            QList<RegionHealth> many;
            for (int i = 0; i < 400; ++i)
                many.append(makeHealth(u"eu-west"_s, utc(0, i)));
            CHECK_OK(cache->saveHealth(kServer, many));
        }
        // Garbage over pages 3 to 5 (of 4 KiB), past the header and schema.
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 6 * 4096);
        QVERIFY(file.seek(2 * 4096));
        file.write(QByteArray(3 * 4096, '\x5a'));
    } else {
        {
            auto cache = openCache();
            QVERIFY(cache);
            CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, utc(1)));
        }
        RawDb raw(m_path);
        QVERIFY(raw.exec(
            u"INSERT INTO schema_version VALUES (%1, 'from the future', '2030-01-01')"_s.arg(
                Cache::latestSchemaVersion() + 1)));
    }
    const QByteArray before = readAll(m_path);
    QVERIFY(!before.isEmpty());

    const QDateTime opened = QDateTime::currentDateTimeUtc();
    auto cache = openCache();
    QVERIFY(cache);
    const QString moved = cache->movedAside();
    QVERIFY2(!moved.isEmpty(), "the file was not moved aside");
    const QString name = QFileInfo(moved).fileName();
    const QRegularExpression pattern(u"^cache\\.db\\.corrupt-(\\d{8}T\\d{6}Z)(-\\d+)?$"_s);
    const QRegularExpressionMatch match = pattern.match(name);
    QVERIFY2(match.hasMatch(), qPrintable(name));
    QDateTime stamp = QDateTime::fromString(match.captured(1), u"yyyyMMdd'T'HHmmss'Z'"_s);
    stamp.setTimeSpec(Qt::UTC);
    QVERIFY(qAbs(stamp.secsTo(opened)) <= 5);
    QCOMPARE(QFileInfo(moved).absolutePath(), QFileInfo(m_path).absolutePath());

    // Nothing was lost: the old file is there as it was (a database with its
    // write-ahead log, if it had one, beside it).
    if (kind == u"random" || kind == u"text" || kind == u"damaged") {
        QCOMPARE(readAll(moved), before);
    } else {
        RawDb old(moved);
        QVERIFY(old.ok());
        if (kind == u"foreign")
            QCOMPARE(old.scalar(u"SELECT url FROM bookmarks"_s).toString(),
                     u"https://example.com"_s);
        else if (kind == u"newer")
            QCOMPARE(old.scalar(u"SELECT COUNT(*) FROM regions"_s).toInt(), 1);
    }

    // A working, empty cache in its place.
    QVERIFY(!cache->regions(kServer).has_value());
    QCOMPARE(cache->schemaVersion(), Cache::latestSchemaVersion());
    CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"us-east"_s)}, utc(2)));
    QCOMPARE(cache->regions(kServer)->value.size(), 1);
    cache.reset();
    auto again = openCache();
    QVERIFY(again);
    QVERIFY(again->movedAside().isEmpty());
    QCOMPARE(again->regions(kServer)->value.size(), 1);
}

void TestCache::fileThatCannotBeOpenedIsLeftAlone()
{
    // A problem of the moment (here: the path is a folder) is an error, and
    // nothing is renamed: only a file known not to be ours is moved aside.
    QVERIFY(QDir().mkpath(m_path));
    const auto cache = Cache::open(m_path);
    QVERIFY(!cache.ok());
    QVERIFY(!cache.error().message.isEmpty());
    QVERIFY(QFileInfo(m_path).isDir());
    const QStringList entries =
        QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QCOMPARE(entries, QStringList{u"cache.db"_s});
}

void TestCache::batchIsAtomic()
{
    auto cache = openCache();
    QVERIFY(cache);
    const QList<Region> before{makeRegion(u"eu-west"_s), makeRegion(u"us-east"_s)};
    CHECK_OK(cache->saveRegions(kServer, before, utc(1)));
    // The third row repeats the first's key: the database refuses it after
    // the old list was deleted and two rows were written; none of it stays.
    const auto failed = cache->saveRegions(
        kServer, {makeRegion(u"ap-south"_s), makeRegion(u"sa-east"_s), makeRegion(u"ap-south"_s)},
        utc(2));
    QVERIFY(!failed.ok());
    QVERIFY(!failed.error().message.isEmpty());
    QVERIFY(cache->regions(kServer)->value == before);
    QCOMPARE(cache->regions(kServer)->savedAt, utc(1));

    const Waddle one = makeWaddle(u"w-1"_s, u"one"_s, u"eu-west"_s);
    CHECK_OK(cache->saveWaddles(kServer, {one}, utc(1)));
    Waddle changed = one;
    changed.name = u"renamed"_s;
    const auto failedWaddles = cache->saveWaddles(
        kServer, {changed, makeWaddle(QString(), u"no id"_s, u"eu-west"_s)}, utc(2));
    QVERIFY(!failedWaddles.ok());
    QVERIFY(cache->waddles(kServer)->value == QList<Waddle>{one});
    QCOMPARE(cache->waddles(kServer)->savedAt, utc(1));

    // Still usable after a failed batch.
    CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"sa-east"_s)}, utc(3)));
    QCOMPARE(cache->regions(kServer)->value.size(), 1);
}

void TestCache::incompleteInputIsRefused()
{
    auto cache = openCache();
    QVERIFY(cache);
    QVERIFY(!cache->saveRegions(QUrl(), {makeRegion(u"eu-west"_s)}, utc(1)).ok());
    QVERIFY(!cache->saveRegions(kServer, {makeRegion(u"eu-west"_s)}, QDateTime()).ok());
    const auto noTime = cache->saveHealth(
        kServer, {makeHealth(u"eu-west"_s, utc(1)), makeHealth(u"us-east"_s, QDateTime())});
    QVERIFY(!noTime.ok());
    QCOMPARE(noTime.error().field, u"health[1]"_s);
    QVERIFY(cache->latestHealth(kServer).isEmpty());
    QVERIFY(!cache->saveLatency(kServer, {makeLatency(u"eu-west"_s, QDateTime())}).ok());
    QVERIFY(!cache->updateWaddle(kServer, makeWaddle(QString(), u"x"_s, u"auto"_s)).ok());
    QVERIFY(!cache->pruneBefore(QDateTime()).ok());
}

void TestCache::rowThatNoLongerDecodesIsSkipped()
{
    {
        auto cache = openCache();
        QVERIFY(cache);
        CHECK_OK(cache->saveRegions(kServer, {makeRegion(u"eu-west"_s), makeRegion(u"us-east"_s)},
                                    utc(1)));
    }
    {
        RawDb raw(m_path);
        QVERIFY(
            raw.exec(u"UPDATE regions SET document = '{\"code\": 12}' WHERE code = 'eu-west'"_s));
    }
    auto cache = openCache();
    QVERIFY(cache);
    const auto snapshot = cache->regions(kServer);
    QVERIFY(snapshot.has_value());
    QCOMPARE(snapshot->value.size(), 1);
    QCOMPARE(snapshot->value.at(0).code, u"us-east"_s);
}

QTEST_GUILESS_MAIN(TestCache)
#include "tst_cache.moc"
