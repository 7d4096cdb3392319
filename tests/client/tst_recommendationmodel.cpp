// RecommendationModel: every region's score broken down, the winner flagged
// and the reasons of the ineligible shown (SPEC §5).
#include "client/recommendationmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace waddle::client;
using namespace waddle::domain;

namespace {

RegionScore makeScore(const QString &code, bool eligible, double rtt, double load, double geo,
                      qint64 under, const QString &reason = {})
{
    RegionScore s;
    s.code = code;
    s.eligible = eligible;
    s.reason = reason;
    s.averageRttMs = rtt;
    s.loadRatio = load;
    s.geoScore = geo;
    s.membersUnderGoodRtt = under;
    s.latencyPenalty = 0.5 * rtt;
    s.capacityPenalty = 20.0 * load;
    s.geoBonus = 0.3 * geo;
    s.score = 100.0 - s.latencyPenalty - s.capacityPenalty + s.geoBonus;
    return s;
}

// Six members; eu-west wins, us-east is eligible but worse, asia-se is down.
Recommendation handMade()
{
    Recommendation r;
    r.regionCode = QStringLiteral("eu-west");
    r.memberCount = 6;
    r.groupCount = 3;
    // eu-west: 100 − 0.5 × 30.6 − 20 × 0.25 + 0.3 × 83.33… = 104.7
    r.scores = {makeScore(QStringLiteral("eu-west"), true, 30.6, 0.25, 500.0 / 6.0, 5),
                makeScore(QStringLiteral("us-east"), true, 95.0, 0.5, 50.0, 3),
                makeScore(QStringLiteral("asia-se"), false, 180.0, 0.1, 0.0, 0,
                          QStringLiteral("status is offline"))};
    return r;
}

QHash<QString, QString> names()
{
    return {{QStringLiteral("eu-west"), QStringLiteral("Frankfurt")},
            {QStringLiteral("us-east"), QStringLiteral("New York")}};
}

} // namespace

class TestRecommendationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void breakdown();
    void winnerFlaggedAndReasonsShown();
    void sortRoleSortsNumbersAsNumbers();
    void clearWithReason();

private:
    QString text(int row, int column) const;

    RecommendationModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestRecommendationModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestRecommendationModel::init()
{
    m_model = new RecommendationModel(this);
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void TestRecommendationModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

QString TestRecommendationModel::text(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

void TestRecommendationModel::columnsAndHeaders()
{
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->columnCount(), 9);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c)
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers,
             (QStringList{QStringLiteral("Region"), QStringLiteral("Score"),
                          QStringLiteral("Avg RTT ms"), QStringLiteral("Load %"),
                          QStringLiteral("Members < 100 ms %"), QStringLiteral("Latency penalty"),
                          QStringLiteral("Capacity penalty"), QStringLiteral("Geo bonus"),
                          QStringLiteral("Eligible")}));
    QCOMPARE(m_model->roleNames().value(RecommendationModel::IsWinnerRole),
             QByteArrayLiteral("isWinner"));
}

void TestRecommendationModel::breakdown()
{
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model, &RecommendationModel::recommendationChanged);
    m_model->setRecommendation(handMade(), names());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);

    // eu-west: latency 15.3, capacity 5.0, geo 25.0 → 104.7.
    QCOMPARE(text(0, RecommendationModel::RegionColumn), QStringLiteral("Frankfurt"));
    QCOMPARE(text(0, RecommendationModel::ScoreColumn), QStringLiteral("104.7"));
    QCOMPARE(text(0, RecommendationModel::AverageRttColumn), QStringLiteral("31"));
    QCOMPARE(text(0, RecommendationModel::LoadColumn), QStringLiteral("25"));
    QCOMPARE(text(0, RecommendationModel::MembersUnderGoodColumn), QStringLiteral("83"));
    QCOMPARE(text(0, RecommendationModel::LatencyPenaltyColumn), QStringLiteral("15.3"));
    QCOMPARE(text(0, RecommendationModel::CapacityPenaltyColumn), QStringLiteral("5.0"));
    QCOMPARE(text(0, RecommendationModel::GeoBonusColumn), QStringLiteral("25.0"));
    QCOMPARE(m_model->index(0, RecommendationModel::MembersUnderGoodColumn)
                 .data(Qt::ToolTipRole)
                 .toString(),
             QStringLiteral("5 of 6 members"));
    // A code without a name is shown as is.
    QCOMPARE(text(2, RecommendationModel::RegionColumn), QStringLiteral("asia-se"));
    QCOMPARE(m_model->index(2, 0).data(RecommendationModel::CodeRole).toString(),
             QStringLiteral("asia-se"));
}

void TestRecommendationModel::winnerFlaggedAndReasonsShown()
{
    m_model->setRecommendation(handMade(), names());
    QVERIFY(m_model->hasRecommendation());
    QCOMPARE(m_model->winnerCode(), QStringLiteral("eu-west"));
    QCOMPARE(m_model->winnerRow(), 0);
    QList<bool> winners;
    QList<bool> eligible;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        winners.append(m_model->index(row, 3).data(RecommendationModel::IsWinnerRole).toBool());
        eligible.append(m_model->index(row, 3).data(RecommendationModel::EligibleRole).toBool());
    }
    QCOMPARE(winners, (QList<bool>{true, false, false}));
    QCOMPARE(eligible, (QList<bool>{true, true, false}));
    QCOMPARE(text(0, RecommendationModel::EligibilityColumn), QStringLiteral("Recommended"));
    QCOMPARE(text(1, RecommendationModel::EligibilityColumn), QStringLiteral("Eligible"));
    QCOMPARE(text(2, RecommendationModel::EligibilityColumn),
             QStringLiteral("Not eligible: status is offline"));
    QCOMPARE(m_model->index(2, 0).data(RecommendationModel::ReasonRole).toString(),
             QStringLiteral("status is offline"));
}

void TestRecommendationModel::sortRoleSortsNumbersAsNumbers()
{
    // Avg RTT 30.6, 95 and 180: as text "180" < "31" < "95".
    m_model->setRecommendation(handMade(), names());
    QCOMPARE(m_model->index(0, RecommendationModel::ScoreColumn)
                 .data(RecommendationModel::SortRole)
                 .metaType(),
             QMetaType::fromType<double>());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    proxy.setSortRole(RecommendationModel::SortRole);
    proxy.sort(RecommendationModel::AverageRttColumn, Qt::DescendingOrder);
    QStringList codes;
    for (int row = 0; row < proxy.rowCount(); ++row)
        codes.append(proxy.index(row, 0).data(RecommendationModel::CodeRole).toString());
    QCOMPARE(codes, (QStringList{QStringLiteral("asia-se"), QStringLiteral("us-east"),
                                 QStringLiteral("eu-west")}));
}

void TestRecommendationModel::clearWithReason()
{
    m_model->setRecommendation(handMade(), names());
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    m_model->clear(QStringLiteral("No member has shared a location."));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->hasRecommendation());
    QCOMPARE(m_model->winnerRow(), -1);
    QCOMPARE(m_model->reason(), QStringLiteral("No member has shared a location."));
    // A new recommendation clears the reason.
    m_model->setRecommendation(handMade(), names());
    QCOMPARE(m_model->reason(), QString());
}

QTEST_GUILESS_MAIN(TestRecommendationModel)
#include "tst_recommendationmodel.moc"
