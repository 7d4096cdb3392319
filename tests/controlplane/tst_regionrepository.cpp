#include "storefixtures.h"

class TestRegionRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void regionUpsertKeepsOrderAndMaintenance();
    void regionStatusAndMaintenance();
    void unknownRegionIsNotFound();
    void invalidRegionsAreRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRegionRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRegionRepository::regionUpsertKeepsOrderAndMaintenance()
{
    auto store = memoryStore();
    QVERIFY(store);
    const Region b = makeRegion(QStringLiteral("b-region"), QStringLiteral("Berlin"), 52.5, 13.4);
    const Region a = makeRegion(QStringLiteral("a-region"), QStringLiteral("Amsterdam"), 52.4, 4.9);
    const Region c = makeRegion(QStringLiteral("c-region"), QStringLiteral("Cork"), 51.9, -8.5);
    CHECK_OK(store->regions.saveRegions({b, a, c}));

    auto first = store->regions.regions();
    CHECK_OK(first);
    QCOMPARE(first->size(), 3);
    QVERIFY(first->at(0) == b);
    QVERIFY(first->at(1) == a);
    QVERIFY(first->at(2) == c);

    CHECK_OK(store->regions.setMaintenance(QStringLiteral("a-region"), true));

    Region a2 = a;
    a2.name = QStringLiteral("Amsterdam West");
    a2.capacity.maximum = 20000;
    const Region d = makeRegion(QStringLiteral("d-region"), QStringLiteral("Dublin"), 53.3, -6.3);
    CHECK_OK(store->regions.saveRegions({a2, d}));

    auto second = store->regions.regions();
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
    CHECK_OK(store->regions.saveRegions(second.value()));
    auto third = store->regions.regions();
    CHECK_OK(third);
    QVERIFY(third.value() == second.value());
}

void TestRegionRepository::regionStatusAndMaintenance()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->regions.saveRegions(
        {makeRegion(QStringLiteral("eu-west"), QStringLiteral("Frankfurt"), 50.1, 8.7)}));
    CHECK_OK(store->regions.setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Offline));
    QCOMPARE(toString(store->regions.regions()->at(0).status), QStringLiteral("offline"));

    CHECK_OK(store->regions.setMaintenance(QStringLiteral("eu-west"), true));
    QCOMPARE(toString(store->regions.regions()->at(0).status), QStringLiteral("maintenance"));
    // Health keeps being recorded during maintenance; it shows once lifted.
    CHECK_OK(store->regions.setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Degraded));
    QCOMPARE(toString(store->regions.regions()->at(0).status), QStringLiteral("maintenance"));
    CHECK_OK(store->regions.setMaintenance(QStringLiteral("eu-west"), false));
    QCOMPARE(toString(store->regions.regions()->at(0).status), QStringLiteral("degraded"));

    CHECK_OK(store->regions.setRegionStatus(QStringLiteral("eu-west"), RegionStatus::Maintenance));
    QCOMPARE(toString(store->regions.regions()->at(0).status), QStringLiteral("maintenance"));
}

void TestRegionRepository::unknownRegionIsNotFound()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->regions.saveRegions(
        {makeRegion(QStringLiteral("eu-west"), QStringLiteral("Frankfurt"), 50.1, 8.7)}));
    QCOMPARE(
        failureKind(store->regions.setRegionStatus(QStringLiteral("mars-1"), RegionStatus::Online)),
        QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->regions.setMaintenance(QStringLiteral("mars-1"), true)),
             QStringLiteral("NotFound"));
    auto notFound = store->regions.setMaintenance(QStringLiteral("mars-1"), true);
    QVERIFY(notFound.error().message.contains(QStringLiteral("mars-1")));
}

void TestRegionRepository::invalidRegionsAreRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    Region bad = makeRegion(QStringLiteral("Not A Code"), QStringLiteral("X"), 0, 0);
    auto result = store->regions.saveRegions(
        {makeRegion(QStringLiteral("ok"), QStringLiteral("Y"), 0, 0), bad});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(result.error().field, QStringLiteral("regions[1].code"));
    const Region twice = makeRegion(QStringLiteral("dup"), QStringLiteral("Z"), 0, 0);
    QCOMPARE(failureKind(store->regions.saveRegions({twice, twice})), QStringLiteral("Invalid"));
    QVERIFY(store->regions.regions()->isEmpty());
}

QTEST_GUILESS_MAIN(TestRegionRepository)
#include "tst_regionrepository.moc"
