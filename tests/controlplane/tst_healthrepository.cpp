#include "storefixtures.h"

class TestHealthRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void healthHistoryOrderAndLimit();
    void latestHealth();
    void pruneHealth();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHealthRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHealthRepository::healthHistoryOrderAndLimit()
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
    CHECK_OK(store->health.recordHealth(checks));

    auto all = store->health.healthHistory(QStringLiteral("eu-west"), {}, 100);
    CHECK_OK(all);
    QCOMPARE(all->size(), 6);
    for (qsizetype i = 1; i < all->size(); ++i)
        QVERIFY(all->at(i - 1).checkedAt > all->at(i).checkedAt);
    QCOMPARE(all->at(0).checkedAt, utc(5, 10, 4, 0, 250));
    QVERIFY(all->last() == failed);

    auto limited = store->health.healthHistory(QStringLiteral("eu-west"), {}, 2);
    CHECK_OK(limited);
    QCOMPARE(limited->size(), 2);
    QCOMPARE(limited->at(1).checkedAt, utc(5, 10, 3, 0, 250));

    auto since = store->health.healthHistory(QStringLiteral("eu-west"), utc(5, 10, 2, 0, 250), 100);
    CHECK_OK(since);
    QCOMPARE(since->size(), 3);

    QCOMPARE(store->health.healthHistory(QStringLiteral("us-east"), {}, 100)->size(), 1);
    QCOMPARE(failureKind(store->health.healthHistory(QStringLiteral("eu-west"), {}, 0)),
             QStringLiteral("Invalid"));

    // One bad check refuses the whole batch.
    RegionHealth undated = makeHealth(QStringLiteral("eu-west"), {}, 50);
    auto refused =
        store->health.recordHealth({makeHealth(QStringLiteral("eu-west"), utc(6, 1), 50), undated});
    QCOMPARE(failureKind(refused), QStringLiteral("Invalid"));
    QCOMPARE(refused.error().field, QStringLiteral("checks[1].checked_at"));
    QCOMPARE(store->health.healthHistory(QStringLiteral("eu-west"), {}, 100)->size(), 6);
}

void TestHealthRepository::latestHealth()
{
    auto store = memoryStore();
    QVERIFY(store);
    auto none = store->health.latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(none);
    QVERIFY(!none->has_value());

    const RegionHealth newest = makeHealth(QStringLiteral("eu-west"), utc(5, 12), 77);
    CHECK_OK(
        store->health.recordHealth({makeHealth(QStringLiteral("eu-west"), utc(5, 11), 66), newest,
                                    makeHealth(QStringLiteral("eu-west"), utc(5, 10), 55)}));
    auto latest = store->health.latestHealth(QStringLiteral("eu-west"));
    CHECK_OK(latest);
    QVERIFY(latest->has_value());
    QVERIFY(**latest == newest);
}

void TestHealthRepository::pruneHealth()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<RegionHealth> checks;
    for (int hour = 0; hour < 10; ++hour) {
        checks.append(makeHealth(QStringLiteral("eu-west"), utc(7, hour), 80));
        checks.append(makeHealth(QStringLiteral("us-east"), utc(7, hour), 80));
    }
    CHECK_OK(store->health.recordHealth(checks));
    auto pruned = store->health.pruneHealthBefore(utc(7, 4));
    CHECK_OK(pruned);
    QCOMPARE(pruned.value(), 8);
    QCOMPARE(store->health.healthHistory(QStringLiteral("eu-west"), {}, 100)->size(), 6);
    QCOMPARE(store->health.pruneHealthBefore(utc(7, 4)).value(), 0);
    QCOMPARE(store->health.pruneHealthBefore(utc(8, 0)).value(), 12);
    QCOMPARE(failureKind(store->health.pruneHealthBefore({})), QStringLiteral("Invalid"));
}

QTEST_GUILESS_MAIN(TestHealthRepository)
#include "tst_healthrepository.moc"
