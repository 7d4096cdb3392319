#include "storefixtures.h"

class TestRegionAlertRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void alertsNewestFirst();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRegionAlertRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRegionAlertRepository::alertsNewestFirst()
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
    CHECK_OK(store->alerts.recordAlert(middle));
    CHECK_OK(store->alerts.recordAlert(newest));
    CHECK_OK(store->alerts.recordAlert(oldest));

    auto all = store->alerts.alerts(10);
    CHECK_OK(all);
    QCOMPARE(all->size(), 3);
    QVERIFY(all->at(0) == newest);
    QVERIFY(all->at(1) == middle);
    QVERIFY(all->at(2) == oldest);
    QCOMPARE(store->alerts.alerts(2)->size(), 2);

    CHECK_OK(store->alerts.acknowledgeAlert(QStringLiteral("a1"), utc(4, 1)));
    QVERIFY(store->alerts.alerts(10)->at(2).acknowledgedAt == utc(4, 1));
    QCOMPARE(failureKind(store->alerts.acknowledgeAlert(QStringLiteral("zz"), utc(4, 1))),
             QStringLiteral("NotFound"));

    QCOMPARE(failureKind(store->alerts.recordAlert(middle)), QStringLiteral("Conflict"));
    RegionAlert anonymous = alert(QString(), QDateTime(), domain::Severity::Info);
    CHECK_OK(store->alerts.recordAlert(anonymous));
    auto four = store->alerts.alerts(10);
    CHECK_OK(four);
    QCOMPARE(four->size(), 4);
    QVERIFY(!four->at(0).id.isEmpty()); // now, so newest
    QCOMPARE(four->at(0).title, QStringLiteral("Title "));
}

QTEST_GUILESS_MAIN(TestRegionAlertRepository)
#include "tst_regionalertrepository.moc"
