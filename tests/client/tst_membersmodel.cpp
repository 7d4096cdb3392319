// MembersModel: a waddle's members page by page, with and without a shared
// location (SPEC §5); the paging itself is PagedListModel's, shared with
// WaddlesModel and tested in full there.
#include "client/membersmodel.h"
#include "fakepagedserver.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace waddle::client;
using namespace waddle::domain;

namespace {

Member placed(const QString &id, const QString &name, const QString &city, const QString &country,
              double latitude, double longitude)
{
    Member m;
    m.id = id;
    m.waddleId = QStringLiteral("w1");
    m.displayName = name;
    m.location = MemberLocation{city, country, GeoPoint{latitude, longitude}};
    return m;
}

Member unplaced(const QString &id, const QString &name)
{
    Member m;
    m.id = id;
    m.waddleId = QStringLiteral("w1");
    m.displayName = name;
    return m;
}

using FakeServer = waddle::client::test::FakePagedServer<Member>;

} // namespace

class TestMembersModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void pages();
    void display();
    void memberWithoutLocation();
    void sortRoleSortsNumbersAsNumbers();
    void errorIsReported();

private:
    void loadAll();

    FakeServer m_server;
    MembersModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestMembersModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestMembersModel::init()
{
    m_server = {};
    m_server.all = {placed(QStringLiteral("m1"), QStringLiteral("Ada"), QStringLiteral("Berlin"),
                           QStringLiteral("Germany"), 52.52, 13.405),
                    placed(QStringLiteral("m2"), QStringLiteral("Bo"), QStringLiteral("Cape Town"),
                           QStringLiteral("South Africa"), -33.9249, 18.4241),
                    unplaced(QStringLiteral("m3"), QStringLiteral("Cy")),
                    placed(QStringLiteral("m4"), QStringLiteral("Di"), QStringLiteral("Lagos"),
                           QStringLiteral("Nigeria"), 6.5244, 3.3792),
                    placed(QStringLiteral("m5"), QStringLiteral("Ed"), QStringLiteral("New York"),
                           QStringLiteral("United States"), 40.7128, -74.006)};
    m_model = new MembersModel(m_server.fetcher(), this);
    m_model->setPageSize(2);
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void TestMembersModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestMembersModel::loadAll()
{
    while (m_model->canFetchMore({}) || m_model->loading()) {
        m_model->fetchMore({});
        QCOMPARE(m_server.pending.size(), 1);
        m_server.answer();
    }
}

void TestMembersModel::columnsAndHeaders()
{
    QCOMPARE(m_model->columnCount(), 5);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c)
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers,
             (QStringList{QStringLiteral("Name"), QStringLiteral("City"), QStringLiteral("Country"),
                          QStringLiteral("Latitude"), QStringLiteral("Longitude")}));
    QCOMPARE(m_model->roleNames().value(MembersModel::LatitudeRole), QByteArrayLiteral("latitude"));
}

void TestMembersModel::pages()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    loadAll();
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->total(), 5);
    QCOMPARE(inserted.count(), 3);
    QVERIFY(!m_model->canFetchMore({}));
}

void TestMembersModel::display()
{
    loadAll();
    auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, MembersModel::NameColumn), QStringLiteral("Ada"));
    QCOMPARE(text(0, MembersModel::CityColumn), QStringLiteral("Berlin"));
    QCOMPARE(text(0, MembersModel::CountryColumn), QStringLiteral("Germany"));
    QCOMPARE(text(0, MembersModel::LatitudeColumn), QStringLiteral("52.5200"));
    QCOMPARE(text(4, MembersModel::LongitudeColumn), QStringLiteral("-74.0060"));
    const QModelIndex ada = m_model->index(0, MembersModel::NameColumn);
    QCOMPARE(ada.data(MembersModel::IdRole).toString(), QStringLiteral("m1"));
    QCOMPARE(ada.data(MembersModel::HasLocationRole).toBool(), true);
    QCOMPARE(ada.data(MembersModel::LatitudeRole).toDouble(), 52.52);
    QCOMPARE(ada.data(MembersModel::LongitudeRole).toDouble(), 13.405);
    QVERIFY(m_model->member(4));
    QCOMPARE(m_model->member(4)->id, QStringLiteral("m5"));
    QVERIFY(!m_model->member(5));
}

void TestMembersModel::memberWithoutLocation()
{
    loadAll();
    const int row = 2;
    QCOMPARE(m_model->index(row, MembersModel::CityColumn).data().toString(),
             QStringLiteral("location not shared"));
    QCOMPARE(m_model->index(row, MembersModel::LatitudeColumn).data().toString(), QString());
    const QModelIndex cy = m_model->index(row, 0);
    QCOMPARE(cy.data(MembersModel::HasLocationRole).toBool(), false);
    QVERIFY(!cy.data(MembersModel::LatitudeRole).isValid());
    QVERIFY(!cy.data(MembersModel::LongitudeRole).isValid());
    QVERIFY(
        !m_model->index(row, MembersModel::LatitudeColumn).data(MembersModel::SortRole).isValid());
}

void TestMembersModel::sortRoleSortsNumbersAsNumbers()
{
    // As text "-33.9249" < "40.7128" < "52.5200" < "6.5244"; as numbers the
    // equator sits between Cape Town and New York. No location sorts last.
    loadAll();
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    proxy.setSortRole(MembersModel::SortRole);
    proxy.sort(MembersModel::LatitudeColumn);
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(MembersModel::IdRole).toString());
    QCOMPARE(ids, (QStringList{QStringLiteral("m2"), QStringLiteral("m4"), QStringLiteral("m5"),
                               QStringLiteral("m1"), QStringLiteral("m3")}));
}

void TestMembersModel::errorIsReported()
{
    QSignalSpy errors(m_model, &PagedListModel::errorOccurred);
    m_model->fetchMore({});
    QCOMPARE(m_server.pending.size(), 1);
    ApiError timeout;
    timeout.kind = ApiError::Kind::Timeout;
    timeout.message = QStringLiteral("No answer within 10 s.");
    m_server.pending.takeFirst().done(timeout);
    QCOMPARE(errors.count(), 1);
    QVERIFY(m_model->lastError().kind == ApiError::Kind::Timeout);
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestMembersModel)
#include "tst_membersmodel.moc"
