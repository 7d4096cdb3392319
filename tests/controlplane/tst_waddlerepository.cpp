#include "storefixtures.h"

class TestWaddleRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void updateVoiceRegionBumpsVersion();
    void staleVersionIsAConflict();
    void unknownWaddleIsNotFound();
    void invalidVoiceRegionIsRefused();
    void setCurrentRegionForFailover();
    void insertWaddlesIsAtomic();
    void memberOfUnknownWaddleIsRefused();
    void waddlePagingAndRegionFilter();
    void membersPaging();
    void memberGroups();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWaddleRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWaddleRepository::updateVoiceRegionBumpsVersion()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);

    auto first = store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                                  QStringLiteral("us-east"), 1);
    CHECK_OK(first);
    QCOMPARE(first->version, 2);
    QCOMPARE(first->voiceRegion, QStringLiteral("us-east"));
    QCOMPARE(first->currentRegion, QStringLiteral("us-east"));
    QVERIFY(first->updatedAt >= before);

    auto second = store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("auto"),
                                                   QStringLiteral("eu-west"), 2);
    CHECK_OK(second);
    QCOMPARE(second->version, 3);
    QVERIFY(second->isAutomatic());
    QVERIFY(store->waddles.waddle(QStringLiteral("w1")).value() == second.value());
}

void TestWaddleRepository::staleVersionIsAConflict()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    CHECK_OK(store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                              QStringLiteral("us-east"), 1));
    const Waddle before = store->waddles.waddle(QStringLiteral("w1")).value();

    auto stale = store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("asia-ne"),
                                                  QStringLiteral("asia-ne"), 1);
    QCOMPARE(failureKind(stale), QStringLiteral("Conflict"));
    QVERIFY2(stale.error().message.contains(QStringLiteral("version 2")),
             qPrintable(stale.error().message));
    QVERIFY(store->waddles.waddle(QStringLiteral("w1")).value() == before);
}

void TestWaddleRepository::unknownWaddleIsNotFound()
{
    auto store = memoryStore();
    QVERIFY(store);
    QCOMPARE(failureKind(store->waddles.waddle(QStringLiteral("nope"))),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->waddles.updateVoiceRegion(QStringLiteral("nope"),
                                                          QStringLiteral("auto"), {}, 1)),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->waddles.setCurrentRegion(QStringLiteral("nope"),
                                                         QStringLiteral("eu-west"), false, {})),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->waddles.members(QStringLiteral("nope"), 0, 10)),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->waddles.memberCount(QStringLiteral("nope"))),
             QStringLiteral("NotFound"));
    QCOMPARE(failureKind(store->waddles.memberGroups(QStringLiteral("nope"))),
             QStringLiteral("NotFound"));
}

void TestWaddleRepository::invalidVoiceRegionIsRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))}, {}));
    auto bad =
        store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("Moon Base"), {}, 1);
    QCOMPARE(failureKind(bad), QStringLiteral("Invalid"));
    QCOMPARE(bad.error().field, QStringLiteral("voice_region"));
    QCOMPARE(store->waddles.waddle(QStringLiteral("w1"))->version, 1);
}

void TestWaddleRepository::setCurrentRegionForFailover()
{
    auto store = memoryStore();
    QVERIFY(store);
    Waddle w = makeWaddle(QStringLiteral("w1"), QStringLiteral("eu-west"));
    w.voiceRegion = QStringLiteral("eu-west");
    CHECK_OK(store->waddles.insertWaddles({w}, {}));

    QCOMPARE(failureKind(store->waddles.setCurrentRegion(QStringLiteral("w1"),
                                                         QStringLiteral("eu-north"), true, {})),
             QStringLiteral("Invalid"));

    auto moved = store->waddles.setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-north"),
                                                 true, QStringLiteral("eu-west"));
    CHECK_OK(moved);
    QCOMPARE(moved->currentRegion, QStringLiteral("eu-north"));
    QVERIFY(moved->temporary);
    QCOMPARE(moved->originalRegion, QStringLiteral("eu-west"));
    QCOMPARE(moved->version, 2);
    QCOMPARE(moved->voiceRegion, QStringLiteral("eu-west"));
    QCOMPARE(store->waddles.waddlesOnRegion(QStringLiteral("eu-north"))->size(), 1);
    QCOMPARE(store->waddles.waddlesOnRegion(QStringLiteral("eu-west"))->size(), 0);

    auto back = store->waddles.setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-west"),
                                                false, QStringLiteral("ignored"));
    CHECK_OK(back);
    QVERIFY(!back->temporary);
    QVERIFY(back->originalRegion.isEmpty());
    QCOMPARE(back->version, 3);

    // The owner's explicit choice ends a temporary placement.
    CHECK_OK(store->waddles.setCurrentRegion(QStringLiteral("w1"), QStringLiteral("eu-north"), true,
                                             QStringLiteral("eu-west")));
    auto chosen = store->waddles.updateVoiceRegion(QStringLiteral("w1"), QStringLiteral("us-east"),
                                                   QStringLiteral("us-east"), 4);
    CHECK_OK(chosen);
    QVERIFY(!chosen->temporary);
    QVERIFY(chosen->originalRegion.isEmpty());
}

void TestWaddleRepository::insertWaddlesIsAtomic()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QList<Waddle> waddles{makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))};
    const QList<Member> members{makeMember(QStringLiteral("m1"), QStringLiteral("w1")),
                                makeMember(QStringLiteral("m2"), QStringLiteral("w2")),
                                makeMember(QStringLiteral("m1"), QStringLiteral("w2"))};
    auto result = store->waddles.insertWaddles(waddles, members);
    QCOMPARE(failureKind(result), QStringLiteral("Conflict"));
    QVERIFY2(result.error().message.contains(QStringLiteral("members")),
             qPrintable(result.error().message));
    QVERIFY(store->waddles.isEmpty().value());
    QCOMPARE(store->waddles.waddleCount().value(), 0);

    // The same batch without the duplicate goes in whole.
    CHECK_OK(store->waddles.insertWaddles(waddles, members.mid(0, 2)));
    QCOMPARE(store->waddles.waddleCount().value(), 2);
    QVERIFY(!store->waddles.isEmpty().value());
    // A waddle id already stored is a conflict too, and changes nothing.
    QCOMPARE(failureKind(store->waddles.insertWaddles(
                 {makeWaddle(QStringLiteral("w3")), makeWaddle(QStringLiteral("w1"))}, {})),
             QStringLiteral("Conflict"));
    QCOMPARE(store->waddles.waddleCount().value(), 2);
}

void TestWaddleRepository::memberOfUnknownWaddleIsRefused()
{
    auto store = memoryStore();
    QVERIFY(store);
    auto result =
        store->waddles.insertWaddles({makeWaddle(QStringLiteral("w1"))},
                                     {makeMember(QStringLiteral("m1"), QStringLiteral("ghost"))});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(store->waddles.waddleCount().value(), 0);

    Waddle noId = makeWaddle(QString());
    auto missing = store->waddles.insertWaddles({noId}, {});
    QCOMPARE(failureKind(missing), QStringLiteral("Invalid"));
    QCOMPARE(missing.error().field, QStringLiteral("waddles[0].id"));
}

void TestWaddleRepository::waddlePagingAndRegionFilter()
{
    auto store = memoryStore();
    QVERIFY(store);
    QList<Waddle> waddles;
    for (int i = 9; i >= 0; --i) {
        waddles.append(makeWaddle(QStringLiteral("w%1").arg(i),
                                  i % 2 ? QStringLiteral("eu-west") : QStringLiteral("us-east")));
    }
    CHECK_OK(store->waddles.insertWaddles(waddles, {}));
    QCOMPARE(store->waddles.waddleCount().value(), 10);

    auto page = store->waddles.waddles(3, 4);
    CHECK_OK(page);
    QCOMPARE(page->size(), 4);
    QCOMPARE(page->at(0).id, QStringLiteral("w3"));
    QCOMPARE(page->at(3).id, QStringLiteral("w6"));
    QCOMPARE(store->waddles.waddles(8, 10)->size(), 2);
    QCOMPARE(store->waddles.waddles(10, 10)->size(), 0);
    QCOMPARE(store->waddles.waddles(1000, 10)->size(), 0);
    QCOMPARE(store->waddles.waddles(0, 0)->size(), 0);
    QCOMPARE(failureKind(store->waddles.waddles(-1, 10)), QStringLiteral("Invalid"));
    QCOMPARE(failureKind(store->waddles.waddles(0, -1)), QStringLiteral("Invalid"));

    auto onWest = store->waddles.waddlesOnRegion(QStringLiteral("eu-west"));
    CHECK_OK(onWest);
    QCOMPARE(onWest->size(), 5);
    QCOMPARE(onWest->at(0).id, QStringLiteral("w1"));
    QVERIFY(store->waddles.waddlesOnRegion(QStringLiteral("nowhere"))->isEmpty());

    // Stored as given.
    QVERIFY(store->waddles.waddle(QStringLiteral("w4")).value() ==
            makeWaddle(QStringLiteral("w4"), QStringLiteral("us-east")));
}

void TestWaddleRepository::membersPaging()
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
    CHECK_OK(store->waddles.insertWaddles(
        {makeWaddle(QStringLiteral("w1")), makeWaddle(QStringLiteral("w2"))}, members));

    QCOMPARE(store->waddles.memberCount(QStringLiteral("w1")).value(), 25);
    QCOMPARE(store->waddles.memberCount(QStringLiteral("w2")).value(), 1);
    auto page = store->waddles.members(QStringLiteral("w1"), 20, 10);
    CHECK_OK(page);
    QCOMPARE(page->size(), 5);
    QCOMPARE(page->at(0).id, QStringLiteral("m20"));
    QVERIFY(page->at(0) == members.at(20));
    QVERIFY(store->waddles.members(QStringLiteral("w1"), 25, 10)->isEmpty());
    QCOMPARE(failureKind(store->waddles.members(QStringLiteral("w1"), -5, 10)),
             QStringLiteral("Invalid"));

    auto lone = store->waddles.members(QStringLiteral("w2"), 0, 10);
    CHECK_OK(lone);
    QCOMPARE(lone->size(), 1);
    QVERIFY(!lone->at(0).location.has_value());
    QVERIFY(lone->at(0) == members.last());
}

void TestWaddleRepository::memberGroups()
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
    CHECK_OK(
        store->waddles.insertWaddles({makeWaddle(w), makeWaddle(QStringLiteral("w2"))}, members));

    auto groups = store->waddles.memberGroups(w);
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
    QCOMPARE(store->waddles.memberCount(w).value(), 11);

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

QTEST_GUILESS_MAIN(TestWaddleRepository)
#include "tst_waddlerepository.moc"
