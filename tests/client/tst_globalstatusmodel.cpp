// GlobalStatusModel (core/client/, issue 13) against a real control plane
// with the demo fleet over HTTP: one row per region, the fleet's figures,
// availability over stored checks (100 % while every region answers, less
// once one is offline), live refresh on a status change, and a server that
// stopped answering said without losing the rows.
#include "client/apiclient.h"
#include "client/globalstatusmodel.h"
#include "client/liveevents.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

class TestGlobalStatusModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void figuresAndRows();
    void availabilityFallsWhenOffline();
    void failureKeepsRows();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
};

void TestGlobalStatusModel::init()
{
    m_backend = std::make_unique<test::TestBackend>(
        [](cp::ControlPlaneOptions &options) { options.healthIntervalMs = 200; });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
}

void TestGlobalStatusModel::cleanup()
{
    m_api.reset();
    m_backend.reset();
}

void TestGlobalStatusModel::figuresAndRows()
{
    GlobalStatusModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.hasLoaded());
    QVERIFY(await(model.refresh()));
    const auto regions = await(m_api->regions());
    QVERIFY(regions.ok());
    QCOMPARE(model.rowCount(), regions->size());
    const RegionStats &s = model.stats();
    QCOMPARE(s.totalRegions, regions->size());
    QCOMPARE(s.availableCapacity, s.totalCapacity - s.totalLoad);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString code = model.index(row, 0).data(GlobalStatusModel::CodeRole).toString();
        QVERIFY(std::any_of(regions->cbegin(), regions->cend(),
                            [&](const Region &r) { return r.code == code; }));
        QVERIFY(!model.index(row, GlobalStatusModel::StatusColumn).data().toString().isEmpty());
    }
    // Every pair of the six placed regions has an estimate, in both directions alike.
    QCOMPARE(s.latencyMatrixMs.size(), regions->size());
    QCOMPARE(s.latencyMs(u"eu-west"_s, u"us-east"_s), s.latencyMs(u"us-east"_s, u"eu-west"_s));
    QVERIFY(s.latencyMs(u"eu-west"_s, u"us-east"_s).value_or(0) > 0);
}

void TestGlobalStatusModel::availabilityFallsWhenOffline()
{
    LiveEvents events;
    QSignalSpy connected(&events, &LiveEvents::connected);
    events.start(m_api->options().baseUrl, m_api->options().apiKey);
    QVERIFY(connected.wait(5000));
    GlobalStatusModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLiveEvents(&events);
    model.setRefreshInterval(std::chrono::hours(1)); // only the stream refreshes
    // Checks stored (flushed once a second), every region answering: 100 %.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            return await(model.refresh()) && model.stats().availability24hPercent.has_value();
        }(),
        5000);
    QCOMPARE(*model.stats().availability24hPercent, 100.0);
    QCOMPARE(*model.stats().availability7dPercent, 100.0);
    QCOMPARE(*model.stats().availability30dPercent, 100.0);
    QCOMPARE(model.stats().downRegions, 0);

    model.start();
    QVERIFY(await(m_api->injectFault(u"eu-west"_s, u"offline"_s)).ok());
    // The status event refreshes the figures; stored offline checks follow.
    QTRY_VERIFY_WITH_TIMEOUT(model.stats().downRegions == 1, 10000);
    const int row = [&] {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r, 0).data(GlobalStatusModel::CodeRole) == u"eu-west"_s)
                return r;
        }
        return -1;
    }();
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, GlobalStatusModel::StatusColumn).data().toString(), u"Offline"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            return await(model.refresh()) &&
                   model.stats().availability24hPercent.value_or(100.0) < 100.0;
        }(),
        5000);
    QVERIFY(*model.stats().availability24hPercent > 0.0);
}

void TestGlobalStatusModel::failureKeepsRows()
{
    GlobalStatusModel model(*m_api);
    QVERIFY(await(model.refresh()));
    const int rows = model.rowCount();
    QVERIFY(rows > 0);
    m_backend.reset();
    QSignalSpy failed(&model, &GlobalStatusModel::failed);
    QVERIFY(!await(model.refresh()));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), rows);
}

QTEST_MAIN(TestGlobalStatusModel)
#include "tst_globalstatusmodel.moc"
