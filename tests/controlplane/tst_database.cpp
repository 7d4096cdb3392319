#include "storefixtures.h"

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void freshFileIsMigrated();
    void memoryStoresAreSeparate();
    void reopeningKeepsEveryChange();
    void refusesAFileThatIsNotADatabase();
    void refusesADatabaseThatIsNotOurs();
    void refusesANewerSchema();
    void unopenablePathIsAnError();
    void twoStoresShareAFile();
    void damagedStoreIsRefusedWithWhatToDo();
    void workerConnectionSkipsTheCheck_data();
    void workerConnectionSkipsTheCheck();
    void integrityCheckOfASoundStore();
    void filesAreOwnerOnly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabase::freshFileIsMigrated()
{
    const QString path = m_dir->filePath(QStringLiteral("fresh.db"));
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        QCOMPARE(store->database->schemaVersion(), sqlite::latestSchemaVersion());
        QVERIFY(sqlite::latestSchemaVersion() >= 1);
        auto empty = store->waddles.isEmpty();
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
    QCOMPARE(again->database->schemaVersion(), sqlite::latestSchemaVersion());
}

void TestDatabase::memoryStoresAreSeparate()
{
    auto a = memoryStore();
    auto b = memoryStore();
    QVERIFY(a && b);
    CHECK_OK(a->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    QCOMPARE(a->waddles.waddleCount().value(), 1);
    QCOMPARE(b->waddles.waddleCount().value(), 0);
}

void TestDatabase::reopeningKeepsEveryChange()
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
        CHECK_OK(store->regions.saveRegions(regions));
        CHECK_OK(store->regions.setMaintenance(QStringLiteral("us-east"), true));
        CHECK_OK(store->regions.setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Degraded));
        CHECK_OK(store->waddles.insertWaddles(
            {makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))},
            {makeMember(QStringLiteral("m1"), QStringLiteral("w1"), QStringLiteral("Paris"),
                        QStringLiteral("FR"), domain::GeoPoint{48.85, 2.35})}));
        auto result = store->waddles.updateVoiceRegion(
            QStringLiteral("w1"), QStringLiteral("us-east"), QStringLiteral("us-east"), 1);
        CHECK_OK(result);
        updated = result.value();
        auto created = store->keys.createApiKey(QStringLiteral("ops"), Role::Operator, {});
        CHECK_OK(created);
        secret = created.value();
        CHECK_OK(
            store->health.recordHealth({makeHealth(QStringLiteral("eu-west"), utc(2, 10), 80)}));
        RegionAlert alert;
        alert.id = alertId;
        alert.regionCode = QStringLiteral("eu-west");
        alert.severity = domain::Severity::Warning;
        alert.title = QStringLiteral("Degraded");
        alert.description = QStringLiteral("p99 over 200 ms");
        alert.from = RegionStatus::Online;
        alert.to = RegionStatus::Degraded;
        alert.createdAt = utc(2, 10);
        CHECK_OK(store->alerts.recordAlert(alert));
        CHECK_OK(store->usage.insertUsageEvents(
            {makeEvent(QStringLiteral("eu-west"), utc(2, 10, 5), 4, 600, 4.0, 30)}));
    }

    auto store = openOrFail(path);
    QVERIFY(store);
    auto stored = store->regions.regions();
    CHECK_OK(stored);
    QCOMPARE(stored->size(), 2);
    QCOMPARE(stored->at(0).code, QStringLiteral("eu-west"));
    QCOMPARE(toString(stored->at(0).status), QStringLiteral("degraded"));
    QCOMPARE(toString(stored->at(1).status), QStringLiteral("maintenance"));

    auto w1 = store->waddles.waddle(QStringLiteral("w1"));
    CHECK_OK(w1);
    QVERIFY(w1.value() == updated);
    QCOMPARE(w1->version, 2);
    QCOMPARE(w1->voiceRegion, QStringLiteral("us-east"));
    QCOMPARE(store->waddles.waddleCount().value(), 2);
    QCOMPARE(store->waddles.memberCount(QStringLiteral("w1")).value(), 1);

    auto key = store->keys.findApiKey(secret);
    CHECK_OK(key);
    QCOMPARE(toString(key->role), QStringLiteral("operator"));

    auto latest = store->health.latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(latest);
    QVERIFY(latest->has_value());
    QCOMPARE((*latest)->score, 80.0);

    auto alerts = store->alerts.alerts(10);
    CHECK_OK(alerts);
    QCOMPARE(alerts->size(), 1);
    QCOMPARE(alerts->at(0).id, alertId);

    QCOMPARE(store->usage.usageEventCount().value(), 1);
    auto hours = store->usage.hourlyUsage(QStringLiteral("eu-west"), utc(2, 0), utc(3, 0));
    CHECK_OK(hours);
    QCOMPARE(hours->size(), 1);
    QCOMPARE(hours->at(0).sessions, 1);
}

void TestDatabase::refusesAFileThatIsNotADatabase()
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
    auto opened = Database::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(QStringLiteral("not a Waddle store")),
             qPrintable(opened.error().message));
    QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    QCOMPARE(fileBytes(path), content);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
}

void TestDatabase::refusesADatabaseThatIsNotOurs()
{
    const QString path = m_dir->filePath(QStringLiteral("other.db"));
    {
        RawDatabase raw(path);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
    }
    const QByteArray before = fileBytes(path);
    auto opened = Database::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(QStringLiteral("recipes")),
             qPrintable(opened.error().message));
    QCOMPARE(fileBytes(path), before);
}

void TestDatabase::refusesANewerSchema()
{
    const QString path = m_dir->filePath(QStringLiteral("future.db"));
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
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

    auto opened = Database::open(path);
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

namespace {

// A store of 400 waddles with garbage over pages 3 to 5 (of 4 KiB), past the
// header and schema.
void makeDamagedStore(const QString &path)
{
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        QList<Waddle> many;
        for (int i = 0; i < 400; ++i)
            many.append(makeWaddle(QStringLiteral("w-%1").arg(i, 4, 10, QLatin1Char('0'))));
        CHECK_OK(store->waddles.insertWaddles(many, {}));
    }
    {
        // A sound store first: opened, nothing to report.
        auto sound = Database::open(path);
        QVERIFY(sound.ok());
        QCOMPARE(sound.value()->integrityProblems().value(), QStringList());
    }
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 6 * 4096);
        QVERIFY(file.seek(2 * 4096));
        file.write(QByteArray(3 * 4096, '\x5a'));
    }
}

} // namespace

void TestDatabase::damagedStoreIsRefusedWithWhatToDo()
{
    // Issue 15 finding 7: it used to start and then answer 500 "database
    // disk image is malformed".
    const QString path = m_dir->filePath(QStringLiteral("damaged.db"));
    makeDamagedStore(path);
    if (QTest::currentTestFailed())
        return;
    const QByteArray before = fileBytes(path);
    auto opened = Database::open(path);
    QVERIFY(!opened.ok());
    const QString message = opened.error().message;
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("damaged")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("backup")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("not a Waddle store")), qPrintable(message));
    QCOMPARE(fileBytes(path), before);
}

void TestDatabase::workerConnectionSkipsTheCheck_data()
{
    QTest::addColumn<bool>("alreadyChecked");
    QTest::addColumn<bool>("opens");
    // The process's first open checks; a worker's connection to the store
    // the process opened (an export job's) does not read the whole file
    // again, so only the damaged pages it reads would fail.
    QTest::newRow("first open") << false << false;
    QTest::newRow("worker connection") << true << true;
}

void TestDatabase::workerConnectionSkipsTheCheck()
{
    QFETCH(bool, alreadyChecked);
    QFETCH(bool, opens);
    const QString path = m_dir->filePath(QStringLiteral("damaged.db"));
    makeDamagedStore(path);
    if (QTest::currentTestFailed())
        return;
    auto opened = Database::open(path, alreadyChecked ? Database::Check::AlreadyChecked
                                                      : Database::Check::QuickCheck);
    QCOMPARE(opened.ok(), opens);
    if (opens)
        QCOMPARE(opened.value()->schemaVersion(), sqlite::latestSchemaVersion());
    else
        QVERIFY(opened.error().message.contains(QStringLiteral("damaged")));
}

void TestDatabase::integrityCheckOfASoundStore()
{
    auto store = openOrFail(m_dir->filePath(QStringLiteral("sound.db")));
    QVERIFY(store);
    CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    const StoreResult<QStringList> problems = store->database->integrityProblems();
    CHECK_OK(problems);
    QCOMPARE(problems.value(), QStringList());
}

void TestDatabase::filesAreOwnerOnly()
{
    // Issue 15 finding 7: waddle.db was 0644; it holds key hashes and member
    // locations. Its -wal and -shm files take the mode from it.
    const auto ownerOnly = [](const QString &file) {
        const QFile::Permissions others =
            QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        return QFile::exists(file) && (QFile::permissions(file) & others) == 0 &&
               (QFile::permissions(file) & QFile::ReadOwner);
    };
    const QString path = m_dir->filePath(QStringLiteral("private.db"));
    {
        auto store = openOrFail(path);
        QVERIFY(store);
        CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QVERIFY2(ownerOnly(path + suffix), qPrintable(path + suffix));
    }
    // A store made by an older build (0644) is narrowed when opened.
    QVERIFY(QFile::setPermissions(path,
                                  QFile::permissions(path) | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(!ownerOnly(path));
    auto again = openOrFail(path);
    QVERIFY(again);
    QVERIFY(ownerOnly(path));
}

void TestDatabase::unopenablePathIsAnError()
{
    const QString path = m_dir->filePath(QStringLiteral("no/such/folder/store.db"));
    auto opened = Database::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(failureKind(opened), QStringLiteral("Invalid"));
    QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    QCOMPARE(failureKind(Database::open(QString())), QStringLiteral("Invalid"));
}

// Two threads each have their own store on one file (WAL: readers do not
// block the writer); here two instances on one thread stand in for them.
void TestDatabase::twoStoresShareAFile()
{
    const QString path = m_dir->filePath(QStringLiteral("shared.db"));
    auto writer = openOrFail(path);
    auto reader = openOrFail(path);
    QVERIFY(writer && reader);
    CHECK_OK(writer->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    QCOMPARE(reader->waddles.waddleCount().value(), 1);
    CHECK_OK(
        reader->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("auto"), {}, 1));
    QCOMPARE(failureKind(writer->waddles.updateVoiceRegion(QStringLiteral("w1"),
                                                           QStringLiteral("auto"), {}, 1)),
             QStringLiteral("Conflict"));
    QCOMPARE(writer->waddles.waddle(QStringLiteral("w1"))->version, 2);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
