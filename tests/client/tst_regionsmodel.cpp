// RegionsModel: the region table's columns, formatting, numeric sort keys and
// precise live updates (SPEC §3, §8, §14).
#include "client/regionsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace waddle::client;
using namespace waddle::domain;

namespace {

Region makeRegion(const QString &code, const QString &name, const QString &city,
                  const QString &country, qint64 current, qint64 maximum = 10000)
{
    Region r;
    r.code = code;
    r.name = name;
    r.location.city = city;
    r.location.country = country;
    r.location.latitude = 50.11;
    r.location.longitude = 8.68;
    r.capacity = {current, maximum};
    return r;
}

QList<Region> threeRegions()
{
    return {makeRegion(QStringLiteral("us-west"), QStringLiteral("US West"),
                       QStringLiteral("San Francisco"), QStringLiteral("United States"), 900),
            makeRegion(QStringLiteral("eu-west"), QStringLiteral("EU West"),
                       QStringLiteral("Frankfurt"), QStringLiteral("Germany"), 1000),
            makeRegion(QStringLiteral("asia-se"), QStringLiteral("Asia SE"),
                       QStringLiteral("Singapore"), QStringLiteral("Singapore"), 10000)};
}

RegionHealth makeHealth(const QString &code, double score, double responseMs, const QDateTime &at,
                        RegionStatus status = RegionStatus::Online)
{
    RegionHealth h;
    h.code = code;
    h.status = status;
    h.score = score;
    h.reading.responseMs = responseMs;
    h.checkedAt = at;
    return h;
}

// Each dataChanged as "(row,col)-(row,col)[roles]" so a whole emission
// sequence compares (and prints) as one list.
QStringList describe(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QStringList roles;
        for (int role : args.at(2).value<QList<int>>())
            roles.append(QString::number(role));
        out.append(QStringLiteral("(%1,%2)-(%3,%4)[%5]")
                       .arg(topLeft.row())
                       .arg(topLeft.column())
                       .arg(bottomRight.row())
                       .arg(bottomRight.column())
                       .arg(roles.join(u',')));
    }
    return out;
}

QString cell(int row, int column, const QList<int> &roles = {})
{
    QStringList r;
    for (int role : roles)
        r.append(QString::number(role));
    return QStringLiteral("(%1,%2)-(%1,%3)[%4]").arg(row).arg(column).arg(column).arg(r.join(u','));
}

QString cells(int row, int first, int last, const QList<int> &roles = {})
{
    QStringList r;
    for (int role : roles)
        r.append(QString::number(role));
    return QStringLiteral("(%1,%2)-(%1,%3)[%4]").arg(row).arg(first).arg(last).arg(r.join(u','));
}

} // namespace

class TestRegionsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void display();
    void locationUnknown();
    void rolesAndLookups();
    void sortRoleSortsNumbersAsNumbers();
    void setRegionsWithSameCodesDoesNotReset();
    void setRegionsWithNewCodesResets();
    void applyHealthChangesOnlyItsCells();
    void applyHealthStatusChange();
    void applyStatus();
    void healthBeforeRegionsIsKept();

private:
    RegionsModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestRegionsModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestRegionsModel::init()
{
    m_model = new RegionsModel(this);
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void TestRegionsModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestRegionsModel::columnsAndHeaders()
{
    QCOMPARE(m_model->columnCount(), 7);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c)
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers, (QStringList{QStringLiteral("Name"), QStringLiteral("Location"),
                                   QStringLiteral("Status"), QStringLiteral("Load %"),
                                   QStringLiteral("Health"), QStringLiteral("Response ms"),
                                   QStringLiteral("Last check")}));
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(RegionsModel::CodeRole), QByteArrayLiteral("code"));
    QCOMPARE(names.value(RegionsModel::SortRole), QByteArrayLiteral("sort"));
    QCOMPARE(names.value(Qt::DisplayRole), QByteArrayLiteral("display"));
}

void TestRegionsModel::display()
{
    m_model->setRegions(threeRegions());
    QCOMPARE(m_model->rowCount(), 3);
    auto text = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(text(0, RegionsModel::NameColumn), QStringLiteral("US West"));
    QCOMPARE(text(0, RegionsModel::LocationColumn), QStringLiteral("San Francisco, United States"));
    QCOMPARE(text(0, RegionsModel::StatusColumn), QStringLiteral("online"));
    // One format per unit (client/units.h): below 10 with one decimal.
    QCOMPARE(text(0, RegionsModel::LoadColumn), QStringLiteral("9.0"));
    QCOMPARE(text(2, RegionsModel::LoadColumn), QStringLiteral("100"));
    // No health check yet: nothing to show, not a zero.
    QCOMPARE(text(0, RegionsModel::HealthScoreColumn), QString());
    QCOMPARE(text(0, RegionsModel::ResponseColumn), QString());
    QCOMPARE(text(0, RegionsModel::LastCheckColumn), QString());
    QVERIFY(!m_model->index(0, 0).data(RegionsModel::HealthScoreRole).isValid());
    QCOMPARE(m_model->index(0, RegionsModel::NameColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("us-west"));
}

void TestRegionsModel::locationUnknown()
{
    Region seed001 = makeRegion(QStringLiteral("mars-1"), QStringLiteral("Mars"), {}, {}, 0);
    seed001.locationKnown = false;
    m_model->setRegions({seed001});
    const QModelIndex i = m_model->index(0, RegionsModel::LocationColumn);
    QCOMPARE(i.data().toString(), QStringLiteral("location unknown"));
    QCOMPARE(i.data(RegionsModel::LocationKnownRole).toBool(), false);
    QVERIFY(!i.data(RegionsModel::LatitudeRole).isValid());
    QVERIFY(!i.data(RegionsModel::LongitudeRole).isValid());
}

void TestRegionsModel::rolesAndLookups()
{
    m_model->setRegions(threeRegions());
    // Row-wide roles answer on any column.
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const QModelIndex i = m_model->index(1, column);
        QCOMPARE(i.data(RegionsModel::CodeRole).toString(), QStringLiteral("eu-west"));
        QCOMPARE(i.data(RegionsModel::StatusRole).toInt(), static_cast<int>(RegionStatus::Online));
        QCOMPARE(i.data(RegionsModel::LoadRole).toDouble(), 0.1);
        QCOMPARE(i.data(RegionsModel::LatitudeRole).toDouble(), 50.11);
        QCOMPARE(i.data(RegionsModel::LongitudeRole).toDouble(), 8.68);
        QCOMPARE(i.data(RegionsModel::LocationKnownRole).toBool(), true);
    }
    QCOMPARE(m_model->rowOf(u"asia-se"), 2);
    QCOMPARE(m_model->rowOf(u"nowhere"), -1);
    QVERIFY(m_model->region(1));
    QCOMPARE(m_model->region(1)->code, QStringLiteral("eu-west"));
    QVERIFY(!m_model->region(3));
    QVERIFY(!m_model->region(-1));
}

void TestRegionsModel::sortRoleSortsNumbersAsNumbers()
{
    // Loads 9 %, 10 % and 100 %: as text "10" < "100" < "9" (GCPing's bug).
    m_model->setRegions(threeRegions());
    const QVariant key = m_model->index(0, RegionsModel::LoadColumn).data(RegionsModel::SortRole);
    QCOMPARE(key.metaType(), QMetaType::fromType<double>());

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    proxy.setSortRole(RegionsModel::SortRole);
    proxy.sort(RegionsModel::LoadColumn, Qt::DescendingOrder);
    QStringList codes;
    for (int row = 0; row < proxy.rowCount(); ++row)
        codes.append(proxy.index(row, 0).data(RegionsModel::CodeRole).toString());
    QCOMPARE(codes, (QStringList{QStringLiteral("asia-se"), QStringLiteral("eu-west"),
                                 QStringLiteral("us-west")}));

    // Status sorts by severity (its enum), not alphabetically.
    QCOMPARE(m_model->index(0, RegionsModel::StatusColumn).data(RegionsModel::SortRole).toInt(),
             static_cast<int>(RegionStatus::Online));
    // Unchecked regions have no health key (they sort last in a proxy).
    QVERIFY(
        !m_model->index(0, RegionsModel::HealthScoreColumn).data(RegionsModel::SortRole).isValid());
}

void TestRegionsModel::setRegionsWithSameCodesDoesNotReset()
{
    m_model->setRegions(threeRegions());
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);

    // Same codes in another order, one region's load changed.
    QList<Region> again = threeRegions();
    again[1].capacity.current = 5000;
    std::reverse(again.begin(), again.end());
    m_model->setRegions(again);

    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(describe(changes), QStringList{cells(1, 0, 6)});
    // Rows stay where they were (no jumping).
    QCOMPARE(m_model->index(0, 0).data(RegionsModel::CodeRole).toString(),
             QStringLiteral("us-west"));
    QCOMPARE(m_model->index(1, RegionsModel::LoadColumn).data().toString(), QStringLiteral("50"));

    // Nothing changed: no signal at all.
    changes.clear();
    m_model->setRegions(again);
    QCOMPARE(changes.count(), 0);
    QCOMPARE(resets.count(), 0);
}

void TestRegionsModel::setRegionsWithNewCodesResets()
{
    m_model->setRegions(threeRegions());
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    QList<Region> fewer = threeRegions();
    fewer.removeLast();
    fewer.append(fewer.first()); // a duplicate is ignored
    m_model->setRegions(fewer);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
}

void TestRegionsModel::applyHealthChangesOnlyItsCells()
{
    m_model->setRegions(threeRegions());
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    const QDateTime at(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);

    m_model->applyHealth(makeHealth(QStringLiteral("eu-west"), 91.6, 120.4, at));
    // Status unchanged (online): score, response and time cells, plus the
    // row-wide HealthScoreRole.
    QCOMPARE(describe(changes),
             (QStringList{cells(1, RegionsModel::HealthScoreColumn, RegionsModel::LastCheckColumn),
                          cells(1, 0, 6, {RegionsModel::HealthScoreRole})}));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(m_model->index(1, RegionsModel::HealthScoreColumn).data().toString(),
             QStringLiteral("92"));
    QCOMPARE(m_model->index(1, RegionsModel::ResponseColumn).data().toString(),
             QStringLiteral("120"));
    QCOMPARE(m_model->index(1, RegionsModel::LastCheckColumn).data().toString(),
             at.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(m_model->index(1, 0).data(RegionsModel::HealthScoreRole).toDouble(), 91.6);
    QCOMPARE(m_model->index(1, RegionsModel::ResponseColumn).data(RegionsModel::SortRole),
             QVariant(120.4));
    QCOMPARE(m_model->index(1, RegionsModel::LastCheckColumn).data(RegionsModel::SortRole),
             QVariant(at.toMSecsSinceEpoch()));

    // The next check differs only in time: one cell.
    changes.clear();
    m_model->applyHealth(makeHealth(QStringLiteral("eu-west"), 91.6, 120.4, at.addSecs(10)));
    QCOMPARE(describe(changes), QStringList{cell(1, RegionsModel::LastCheckColumn)});

    // A failed check says so instead of a number.
    changes.clear();
    RegionHealth failed = makeHealth(QStringLiteral("eu-west"), 91.6, 120.4, at.addSecs(10));
    failed.reading.endpointHealthy = false;
    m_model->applyHealth(failed);
    QCOMPARE(describe(changes), QStringList{cell(1, RegionsModel::ResponseColumn)});
    QCOMPARE(m_model->index(1, RegionsModel::ResponseColumn).data().toString(),
             QStringLiteral("no answer"));

    // Unknown region: nothing.
    changes.clear();
    m_model->applyHealth(makeHealth(QStringLiteral("nowhere"), 50, 10, at));
    QCOMPARE(changes.count(), 0);
}

void TestRegionsModel::applyHealthStatusChange()
{
    m_model->setRegions(threeRegions());
    const QDateTime at(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
    m_model->applyHealth(makeHealth(QStringLiteral("us-west"), 90, 100, at));
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);

    RegionHealth degraded =
        makeHealth(QStringLiteral("us-west"), 90, 100, at.addSecs(10), RegionStatus::Degraded);
    m_model->applyHealth(degraded);
    QCOMPARE(describe(changes), (QStringList{cell(0, RegionsModel::StatusColumn),
                                             cell(0, RegionsModel::LastCheckColumn),
                                             cells(0, 0, 6, {RegionsModel::StatusRole})}));
    QCOMPARE(m_model->index(0, RegionsModel::StatusColumn).data().toString(),
             QStringLiteral("degraded"));
    QCOMPARE(m_model->index(0, 3).data(RegionsModel::StatusRole).toInt(),
             static_cast<int>(RegionStatus::Degraded));
    QVERIFY(m_model->region(0)->status == RegionStatus::Degraded);
}

void TestRegionsModel::applyStatus()
{
    m_model->setRegions(threeRegions());
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);

    m_model->applyStatus(QStringLiteral("asia-se"), RegionStatus::Maintenance);
    QCOMPARE(describe(changes), (QStringList{cell(2, RegionsModel::StatusColumn),
                                             cells(2, 0, 6, {RegionsModel::StatusRole})}));
    QCOMPARE(m_model->index(2, RegionsModel::StatusColumn).data().toString(),
             QStringLiteral("maintenance"));

    changes.clear();
    m_model->applyStatus(QStringLiteral("asia-se"), RegionStatus::Maintenance); // no change
    m_model->applyStatus(QStringLiteral("nowhere"), RegionStatus::Offline);     // not listed
    QCOMPARE(changes.count(), 0);
}

void TestRegionsModel::healthBeforeRegionsIsKept()
{
    const QDateTime at(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
    m_model->applyHealth(makeHealth(QStringLiteral("asia-se"), 77, 250, at));
    m_model->setRegions(threeRegions());
    QCOMPARE(m_model->index(2, RegionsModel::HealthScoreColumn).data().toString(),
             QStringLiteral("77"));
}

QTEST_GUILESS_MAIN(TestRegionsModel)
#include "tst_regionsmodel.moc"
