// WaddlesModel: lazy paging through a fake fetcher (one request at a time,
// errors stop paging until reload), display of the voice region choice and
// live updates of one row (SPEC §6, §9).
#include "client/waddlesmodel.h"
#include "fakepagedserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

using namespace waddle::client;
using namespace waddle::domain;

namespace {

Waddle makeWaddle(int n, qint64 members = 10)
{
    Waddle w;
    w.id = QStringLiteral("w%1").arg(n);
    w.name = QStringLiteral("Waddle %1").arg(n);
    w.voiceRegion = QStringLiteral("auto");
    w.currentRegion = QStringLiteral("eu-west");
    w.memberCount = members;
    w.activeVoiceChannels = n;
    return w;
}

using FakeServer = waddle::client::test::FakePagedServer<Waddle>;

ApiError serverError()
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.status = 503;
    e.code = QStringLiteral("unavailable");
    e.message = QStringLiteral("The control plane is restarting.");
    return e;
}

} // namespace

class TestWaddlesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void pagesOfTwoOverFive();
    void oneRequestAtATime();
    void errorStopsPagingUntilReload();
    void staleAnswerAfterReloadIsIgnored();
    void answerAfterTheModelIsGone();
    void display();
    void sortRoleSortsNumbersAsNumbers();
    void updateWaddleChangesOneRow();

private:
    // Loads the first page (the model tester may already have asked for it).
    void loadFirstPage();

    FakeServer m_server;
    WaddlesModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestWaddlesModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestWaddlesModel::init()
{
    m_server = {};
    for (int n = 1; n <= 5; ++n)
        m_server.all.append(makeWaddle(n));
    m_model = new WaddlesModel(m_server.fetcher(), this);
    m_model->setPageSize(2);
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void TestWaddlesModel::cleanup()
{
    delete m_tester;
    delete m_model;
    m_server.pending.clear();
}

void TestWaddlesModel::loadFirstPage()
{
    m_model->fetchMore({}); // a no-op when the tester's fetch is in flight
    QCOMPARE(m_server.pending.size(), 1);
    QCOMPARE(m_server.pending.first().offset, 0);
    QCOMPARE(m_server.pending.first().limit, 2);
    m_server.answer();
}

void TestWaddlesModel::columnsAndHeaders()
{
    QCOMPARE(m_model->columnCount(), 6);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c)
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers, (QStringList{QStringLiteral("Name"), QStringLiteral("Voice region"),
                                   QStringLiteral("Current region"), QStringLiteral("Members"),
                                   QStringLiteral("Active channels"),
                                   QStringLiteral("Temporary (failover)")}));
    QCOMPARE(m_model->roleNames().value(WaddlesModel::IsAutomaticRole),
             QByteArrayLiteral("isAutomatic"));
}

void TestWaddlesModel::pagesOfTwoOverFive()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy totals(m_model, &PagedListModel::totalChanged);
    loadFirstPage();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->total(), 5);
    QCOMPARE(totals.count(), 1);
    QVERIFY(!m_model->loading());
    QVERIFY(m_model->canFetchMore({}));

    m_model->fetchMore({});
    QCOMPARE(m_server.pending.first().offset, 2);
    m_server.answer();
    QCOMPARE(m_model->rowCount(), 4);
    QVERIFY(m_model->canFetchMore({}));

    m_model->fetchMore({});
    QCOMPARE(m_server.pending.first().offset, 4);
    m_server.answer();
    QCOMPARE(m_model->rowCount(), 5);
    QVERIFY(!m_model->canFetchMore({}));
    QVERIFY(m_model->atEnd());

    // At the end, fetchMore asks for nothing.
    m_model->fetchMore({});
    QCOMPARE(m_server.pending.size(), 0);

    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(inserted.at(1).at(2).toInt(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 4);
    QCOMPARE(inserted.at(2).at(2).toInt(), 4);
    QCOMPARE(m_model->index(4, 0).data(WaddlesModel::IdRole).toString(), QStringLiteral("w5"));
    QCOMPARE(totals.count(), 1); // the total did not change after the first page
}

void TestWaddlesModel::oneRequestAtATime()
{
    QSignalSpy loading(m_model, &PagedListModel::loadingChanged);
    m_model->fetchMore({});
    m_model->fetchMore({});
    QCOMPARE(m_server.pending.size(), 1);
    QVERIFY(m_model->loading());
    QVERIFY(!m_model->canFetchMore({})); // while in flight
    m_server.answer();
    QVERIFY(!m_model->loading());
    QVERIFY(!loading.isEmpty());
    QCOMPARE(loading.last().at(0).toBool(), false);
}

void TestWaddlesModel::errorStopsPagingUntilReload()
{
    loadFirstPage();
    QSignalSpy errors(m_model, &PagedListModel::errorOccurred);
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);

    m_model->fetchMore({});
    m_server.fail(serverError());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<ApiError>().status, 503);
    QVERIFY(m_model->hasError());
    QCOMPARE(m_model->lastError().message, QStringLiteral("The control plane is restarting."));
    QVERIFY(!m_model->loading());
    QCOMPARE(m_model->rowCount(), 2); // what was loaded stays
    QVERIFY(!m_model->canFetchMore({}));
    m_model->fetchMore({});
    QCOMPARE(m_server.pending.size(), 0);

    // Reload starts over from the first page.
    m_model->reload();
    QCOMPARE(resets.count(), 1);
    QVERIFY(!m_model->hasError());
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->total(), 0);
    QCOMPARE(m_server.pending.size(), 1);
    QCOMPARE(m_server.pending.first().offset, 0);
    m_server.answer();
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->canFetchMore({}));
    QCOMPARE(errors.count(), 1);
}

void TestWaddlesModel::staleAnswerAfterReloadIsIgnored()
{
    m_model->fetchMore({});
    QCOMPARE(m_server.pending.size(), 1);
    m_model->reload(); // the first request is still out
    QCOMPARE(m_server.pending.size(), 2);
    m_server.answer(); // the old one: ignored
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->loading());
    m_server.answer();
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(!m_model->loading());
}

void TestWaddlesModel::answerAfterTheModelIsGone()
{
    FakeServer server;
    server.all = {makeWaddle(1)};
    auto *model = new WaddlesModel(server.fetcher());
    auto *tester =
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model->fetchMore({});
    QCOMPARE(server.pending.size(), 1);
    delete tester;
    delete model;
    server.answer(); // must not touch the deleted model
}

void TestWaddlesModel::display()
{
    m_server.all[0].memberCount = 1234;
    m_server.all[1].voiceRegion = QStringLiteral("asia-se");
    m_server.all[1].currentRegion = QStringLiteral("asia-ne");
    m_server.all[1].temporary = true;
    m_server.all[1].originalRegion = QStringLiteral("asia-se");
    loadFirstPage();
    auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, WaddlesModel::NameColumn), QStringLiteral("Waddle 1"));
    // Automatic says where it runs (issue 10).
    QCOMPARE(text(0, WaddlesModel::VoiceRegionColumn), QStringLiteral("Automatic (eu-west)"));
    QCOMPARE(text(0, WaddlesModel::CurrentRegionColumn), QStringLiteral("eu-west"));
    QCOMPARE(text(0, WaddlesModel::MembersColumn), QStringLiteral("1234"));
    QCOMPARE(text(0, WaddlesModel::ActiveChannelsColumn), QStringLiteral("1"));
    QCOMPARE(text(0, WaddlesModel::TemporaryColumn), QStringLiteral("No"));
    QCOMPARE(text(1, WaddlesModel::VoiceRegionColumn), QStringLiteral("asia-se"));
    QCOMPARE(text(1, WaddlesModel::CurrentRegionColumn), QStringLiteral("asia-ne"));
    QCOMPARE(text(1, WaddlesModel::TemporaryColumn), QStringLiteral("Yes"));
    QVERIFY(m_model->index(1, WaddlesModel::TemporaryColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("asia-se")));

    // With the regions' names, names rather than codes.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setRegionNames({{QStringLiteral("eu-west"), QStringLiteral("Europe West")},
                             {QStringLiteral("asia-se"), QStringLiteral("Asia South-East")}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text(0, WaddlesModel::VoiceRegionColumn), QStringLiteral("Automatic (Europe West)"));
    QCOMPARE(text(1, WaddlesModel::VoiceRegionColumn), QStringLiteral("Asia South-East"));
    QCOMPARE(text(1, WaddlesModel::CurrentRegionColumn), QStringLiteral("asia-ne"));

    const QModelIndex automatic = m_model->index(0, WaddlesModel::MembersColumn);
    QCOMPARE(automatic.data(WaddlesModel::IsAutomaticRole).toBool(), true);
    QCOMPARE(automatic.data(WaddlesModel::VoiceRegionRole).toString(), QStringLiteral("auto"));
    QCOMPARE(automatic.data(WaddlesModel::CurrentRegionRole).toString(), QStringLiteral("eu-west"));
    QCOMPARE(automatic.data(WaddlesModel::IdRole).toString(), QStringLiteral("w1"));
    QCOMPARE(m_model->index(1, 0).data(WaddlesModel::IsAutomaticRole).toBool(), false);
    QCOMPARE(m_model->index(1, 0).data(WaddlesModel::TemporaryRole).toBool(), true);
    QVERIFY(m_model->waddle(1));
    QCOMPARE(m_model->waddle(1)->id, QStringLiteral("w2"));
    QVERIFY(!m_model->waddle(2));
    QCOMPARE(m_model->rowOf(u"w2"), 1);
    QCOMPARE(m_model->rowOf(u"w5"), -1); // not loaded yet
}

void TestWaddlesModel::sortRoleSortsNumbersAsNumbers()
{
    // Members 9, 10, 100: as text "10" < "100" < "9".
    m_server.all = {makeWaddle(1, 100), makeWaddle(2, 9), makeWaddle(3, 10)};
    m_model->setPageSize(10);
    m_model->setFetcher(m_server.fetcher()); // reloads
    // Only the newest request counts; the one from before is stale.
    QCOMPARE(m_server.pending.last().limit, 10);
    while (m_server.pending.size() > 1)
        m_server.pending.removeFirst();
    m_server.answer();
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0, WaddlesModel::MembersColumn).data(WaddlesModel::SortRole).metaType(),
             QMetaType::fromType<qint64>());

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    proxy.setSortRole(WaddlesModel::SortRole);
    proxy.sort(WaddlesModel::MembersColumn);
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(WaddlesModel::IdRole).toString());
    QCOMPARE(ids, (QStringList{QStringLiteral("w2"), QStringLiteral("w3"), QStringLiteral("w1")}));
}

void TestWaddlesModel::updateWaddleChangesOneRow()
{
    loadFirstPage();
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);

    Waddle moved = m_server.all.at(1);
    moved.voiceRegion = QStringLiteral("us-east");
    moved.currentRegion = QStringLiteral("us-east");
    moved.version = 2;
    m_model->updateWaddle(moved);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(0).value<QModelIndex>(), m_model->index(1, 0));
    QCOMPARE(changes.at(0).at(1).value<QModelIndex>(),
             m_model->index(1, WaddlesModel::ColumnCount - 1));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(m_model->index(1, WaddlesModel::VoiceRegionColumn).data().toString(),
             QStringLiteral("us-east"));
    QCOMPARE(m_model->index(0, WaddlesModel::VoiceRegionColumn).data().toString(),
             QStringLiteral("Automatic (eu-west)"));

    // The same again, or a waddle not loaded yet: nothing.
    changes.clear();
    m_model->updateWaddle(moved);
    m_model->updateWaddle(m_server.all.at(4));
    QCOMPARE(changes.count(), 0);
    QCOMPARE(m_model->rowCount(), 2);
}

QTEST_GUILESS_MAIN(TestWaddlesModel)
#include "tst_waddlesmodel.moc"
