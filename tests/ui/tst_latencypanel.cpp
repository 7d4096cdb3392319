// LatencyPanel (ui/latency/) against a real control plane with the demo
// fleet: Test All fills the rows live, cancel, numeric sorting, the quality
// word, the cache (saved after a test, shown dimmed with its age by a new
// panel), copy and export, an offline region, STUN mode; and the screenshots
// a person looks at (latency-light.png, latency-dark.png, and
// latency-testing.png, latency-cached.png) in
// $WADDLE_SCREENSHOT_DIR, else <working dir>/screenshots.

#include "client/apiclient.h"
#include "client/cache.h"
#include "client/latencyresultsmodel.h"
#include "client/probe/latencyprober.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "sim/demofleet.h"
#include "support/testbackend.h"
#include "ui/common/services.h"
#include "ui/latency/latencydelegate.h"
#include "ui/latency/latencyhistorychart.h"
#include "ui/latency/latencypanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoroTask>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <optional>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;
using waddle::ui::LatencyDelegate;
using waddle::ui::LatencyPanel;
using Fault = sim::RegionAgent::Fault;

namespace {

constexpr int kTestTimeoutMs = 30000;

// Runs a task to completion from a test slot by spinning the event loop (no
// QCoro::waitFor: ApiResult is not default-constructible).
template <typename T>
std::optional<T> await(QCoro::Task<T> task, int timeoutMs = kTestTimeoutMs)
{
    std::optional<T> result;
    auto runner = [](QCoro::Task<T> inner, std::optional<T> *out) -> QCoro::Task<void> {
        out->emplace(co_await std::move(inner));
    };
    QCoro::Task<void> running = runner(std::move(task), &result);
    QElapsedTimer clock;
    clock.start();
    while (!result && clock.elapsed() < timeoutMs)
        QTest::qWait(5);
    return result;
}

QString screenshotDir()
{
    QString dir = qEnvironmentVariable("WADDLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath() + u"/screenshots"_s;
    QDir().mkpath(dir);
    return dir;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x94, 0x9a));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Mid, QColor(0x50, 0x53, 0x58));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

// What a main window would make once: the services every panel shares.
struct Rig
{
    Rig(test::TestBackend &backend, const QString &cachePath)
    {
        ApiClient::Options options;
        options.baseUrl = backend.plane().baseUrl();
        api = std::make_unique<ApiClient>(options);
        session.setServer(options.baseUrl);
        if (!cachePath.isEmpty()) {
            auto opened = Cache::open(cachePath);
            if (opened)
                cache = std::move(opened).value();
        }
        services.api = api.get();
        services.session = &session;
        services.cache = cache.get();
        services.prober = &prober;
        services.regions = &regions;
        services.latency = &latency;
        services.demo = true;
    }

    bool loadRegions()
    {
        const auto answer = await(api->regions());
        if (!answer || !answer->ok())
            return false;
        regions.setRegions(answer->value());
        return true;
    }

    std::unique_ptr<ApiClient> api;
    Session session;
    std::unique_ptr<Cache> cache;
    LatencyProber prober;
    RegionsModel regions;
    LatencyResultsModel latency;
    ui::Services services;
};

QModelIndex cell(const LatencyPanel &panel, int row, int column)
{
    return panel.proxy()->index(row, column);
}

int rowOf(const LatencyPanel &panel, const QString &code)
{
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        if (cell(panel, row, 0).data(LatencyResultsModel::CodeRole).toString() == code)
            return row;
    }
    return -1;
}

bool waitUntilIdle(const LatencyPanel &panel, int timeoutMs = kTestTimeoutMs)
{
    return QTest::qWaitFor([&panel] { return !panel.isTesting(); }, timeoutMs);
}

QStringList csvLines(const QString &csv)
{
    QStringList lines = csv.split(u"\r\n"_s);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// A finished result as the cache keeps it.
LatencyResult syntheticResult(const QString &code, ProbeMode mode, const QDateTime &at,
                              const QList<double> &rtts)
{
    LatencyResult result;
    result.regionCode = code;
    result.mode = mode;
    result.measuredAt = at;
    if (!rtts.isEmpty() && rtts.first() >= 0)
        result.connectMs = rtts.first() * 1.1;
    int sequence = 0;
    for (const double rtt : rtts) {
        domain::LatencySample sample;
        sample.sequence = sequence++;
        sample.sentAt = at.addMSecs(-1000 + 100 * sequence);
        if (rtt < 0) {
            sample.outcome = domain::SampleOutcome::Lost;
            sample.error = u"timeout after 5000 ms"_s;
        } else {
            sample.outcome = domain::SampleOutcome::Received;
            sample.rttMs = rtt;
        }
        result.samples.append(sample);
    }
    result.stats = domain::computeLatencyStats(result.samples);
    return result;
}

} // namespace

class TestLatencyPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void startsEmptyAndSaysWhy();
    void csvFollowsTheSortShown();
    void testFromElsewhereSaysHowItRan();
    void testAllFillsRowsLive();
    void cancelMidRunStops();
    void keyboardStartsAndCancels();
    void sortsAverageNumerically();
    void qualityColumnShowsTheWord();
    void cacheKeepsResultsForANewPanel();
    void copyPutsCsvOnClipboard();
    void exportWritesFileAndTellsErrors();
    void stunModeWorks();
    void stunDisabledWithoutEndpoints();
    void noRegionsToTest();
    void historyChartShowsSelectedRegion();
    void screenshots();
    void offlineRegionIsUnreachable();

private:
    QString cachePath(const QString &name) const { return m_dir.filePath(name); }
    bool runTest(LatencyPanel &panel);

    std::unique_ptr<test::TestBackend> m_backend;
    QTemporaryDir m_dir;
    int m_regionCount = 0;
};

void TestLatencyPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    m_regionCount = rig.regions.rowCount();
    QCOMPARE(m_regionCount, 6);
}

void TestLatencyPanel::init()
{
    QGuiApplication::clipboard()->clear();
}

void TestLatencyPanel::cleanup()
{
    if (sim::DemoFleet *fleet = m_backend->fleet()) {
        for (sim::RegionAgent *agent : fleet->agents())
            agent->clearFault();
    }
}

bool TestLatencyPanel::runTest(LatencyPanel &panel)
{
    QTest::mouseClick(panel.testButton(), Qt::LeftButton);
    return panel.isTesting() && waitUntilIdle(panel);
}

void TestLatencyPanel::startsEmptyAndSaysWhy()
{
    Rig rig(*m_backend, cachePath(u"empty.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QCOMPARE(panel.proxy()->rowCount(), 0);
    QCOMPARE(panel.testButton()->text(), u"Test All Regions"_s);
    QVERIFY(!panel.testButton()->accessibleName().isEmpty());
    // Ctrl+T has one owner, the panel's action (issue 10: the button and the
    // main window's menu both claimed it).
    QCOMPARE(panel.testAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QVERIFY(panel.testButton()->shortcut().isEmpty());
    QVERIFY(panel.testButton()->toolTip().contains(u"Ctrl+T"_s));
    QCOMPARE(panel.samples(), 5);
    QCOMPARE(panel.samplesBox()->minimum(), 1);
    QCOMPARE(panel.samplesBox()->maximum(), 50);
    QVERIFY(panel.mode() == ProbeMode::Http);
    QCOMPARE(panel.proxy()->sortColumn(), int(LatencyResultsModel::AverageColumn));
    QCOMPARE(panel.proxy()->sortRole(), int(LatencyResultsModel::SortRole));
    for (int i = 0; i < panel.modeSelector()->count(); ++i)
        QVERIFY(!panel.modeSelector()->itemData(i, Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(!panel.historyChart()->placeholder().isEmpty());
    // Issue 10: the table says it is empty and how to fill it (not a text in
    // an empty progress bar), and there is nothing to copy or export.
    QVERIFY(!panel.progressBar()->isVisible());
    QVERIFY(panel.emptyStateLabel()->isVisible());
    QVERIFY2(panel.emptyStateLabel()->text().startsWith(
                 u"No test run yet — press Test All Regions (Ctrl+T)"_s),
             qPrintable(panel.emptyStateLabel()->text()));
    QVERIFY(!panel.findChild<QPushButton *>(u"copyButton"_s)->isEnabled());
    QVERIFY(!panel.findChild<QPushButton *>(u"exportButton"_s)->isEnabled());
    QVERIFY(!panel.copyAction()->isEnabled());
    QVERIFY(!panel.exportAction()->isEnabled());

    QVERIFY(runTest(panel));
    QVERIFY(!panel.emptyStateLabel()->isVisible());
    QVERIFY(panel.progressBar()->isVisible());
    QVERIFY(panel.findChild<QPushButton *>(u"copyButton"_s)->isEnabled());
    QVERIFY(panel.exportAction()->isEnabled());
}

void TestLatencyPanel::csvFollowsTheSortShown()
{
    Rig rig(*m_backend, {});
    LatencyPanel panel(rig.services);
    panel.show();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    rig.latency.setCachedResults({syntheticResult(u"a-fast"_s, ProbeMode::Http, now, {10, 11}),
                                  syntheticResult(u"b-slow"_s, ProbeMode::Http, now, {90, 95}),
                                  syntheticResult(u"c-mid"_s, ProbeMode::Http, now, {40, 41})},
                                 now);
    const auto codes = [](const QString &csv) {
        QStringList out;
        const QStringList lines = csvLines(csv);
        for (qsizetype i = 1; i < lines.size(); ++i)
            out.append(lines.at(i).section(u',', 1, 1));
        return out;
    };
    // By average, as the table opens.
    QCOMPARE(codes(panel.csv()), (QStringList{u"a-fast"_s, u"c-mid"_s, u"b-slow"_s}));
    // Sorted by region, last first, in the table: so in the CSV.
    panel.table()->sortByColumn(LatencyResultsModel::RegionColumn, Qt::DescendingOrder);
    QCOMPARE(codes(panel.csv()), (QStringList{u"c-mid"_s, u"b-slow"_s, u"a-fast"_s}));
    const QString path = m_dir.filePath(u"sorted.csv"_s);
    QVERIFY(panel.exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(codes(QString::fromUtf8(file.readAll())),
             (QStringList{u"c-mid"_s, u"b-slow"_s, u"a-fast"_s}));
    panel.copyToClipboard();
    QCOMPARE(codes(QGuiApplication::clipboard()->text()),
             (QStringList{u"c-mid"_s, u"b-slow"_s, u"a-fast"_s}));
}

void TestLatencyPanel::testFromElsewhereSaysHowItRan()
{
    // Issue 10: a test started on the Waddles screen (its own mode and
    // sample count) left the rows and the controls disagreeing in silence.
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(panel.mode() == ProbeMode::Http);
    QCOMPARE(panel.samples(), 5);
    LatencyProber::Settings settings;
    settings.mode = ProbeMode::Tcp;
    settings.samples = 2;
    rig.prober.start(rig.regions.regions(), settings);
    QTRY_VERIFY(panel.isTesting());
    QVERIFY2(panel.statusText().contains(u"another screen"_s), qPrintable(panel.statusText()));
    QVERIFY(waitUntilIdle(panel));
    QVERIFY(panel.mode() == ProbeMode::Tcp);
    QCOMPARE(panel.samples(), 2);
    QVERIFY2(panel.statusText().contains(u"by TCP, 2 samples each"_s),
             qPrintable(panel.statusText()));
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        QCOMPARE(cell(panel, row, LatencyResultsModel::ModeColumn).data().toString(), u"TCP"_s);
        // The Samples cell says the mode too (the Mode column is hidden to fit).
        QCOMPARE(cell(panel, row, LatencyResultsModel::SamplesColumn).data().toString(),
                 u"2/2 · TCP"_s);
    }
    // The rows were not cleared by the controls following them.
    QCOMPARE(panel.proxy()->rowCount(), m_regionCount);

    // A new sample count is for the next test, and the panel says so.
    panel.setSamples(7);
    QVERIFY2(panel.statusText().contains(u"tests of 2 samples each; the next test takes 7"_s),
             qPrintable(panel.statusText()));

    // A test of its own says its mode on every row from the start.
    panel.setMode(ProbeMode::Stun);
    panel.setSamples(1);
    panel.testAll();
    QTRY_VERIFY(panel.isTesting());
    QCOMPARE(cell(panel, 0, LatencyResultsModel::ModeColumn).data().toString(), u"STUN"_s);
    QVERIFY(waitUntilIdle(panel));
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        const QString connect =
            cell(panel, row, LatencyResultsModel::ConnectColumn).data().toString();
        QVERIFY2(connect == u"—"_s, qPrintable(connect));
    }
}

void TestLatencyPanel::testAllFillsRowsLive()
{
    Rig rig(*m_backend, cachePath(u"live.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.resize(1100, 600);
    panel.show();
    QSignalSpy testing(&panel, &LatencyPanel::testingChanged);
    QSignalSpy finished(&rig.prober, &LatencyProber::finished);

    int rowsAtFirstSample = -1;
    bool sawLiveFigure = false;
    QString buttonWhileRunning;
    QStringList progressTexts;
    QObject context;
    connect(&rig.prober, &LatencyProber::sampleMeasured, &context, [&] {
        if (rowsAtFirstSample < 0)
            rowsAtFirstSample = panel.proxy()->rowCount();
        buttonWhileRunning = panel.testButton()->text();
        for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
            const QModelIndex index = cell(panel, row, LatencyResultsModel::AverageColumn);
            if (index.data(LatencyResultsModel::TestingRole).toBool() &&
                !index.data(Qt::DisplayRole).toString().isEmpty())
                sawLiveFigure = true;
        }
    });
    connect(&rig.prober, &LatencyProber::progress, &context,
            [&] { progressTexts.append(panel.progressBar()->text()); });

    QTest::mouseClick(panel.testButton(), Qt::LeftButton);
    QVERIFY(panel.isTesting());
    QCOMPARE(panel.testButton()->text(), u"Cancel"_s);
    QCOMPARE(panel.testButton()->shortcut(), QKeySequence(Qt::Key_Escape));
    QVERIFY(!panel.modeSelector()->isEnabled());
    QCOMPARE(panel.proxy()->rowCount(), m_regionCount); // rows at once, before any reply
    QVERIFY(panel.statusText().startsWith(u"Testing 6 regions"_s));
    // Mid-test, for a person to look at: rows in place, figures arriving.
    QVERIFY(
        QTest::qWaitFor([&] { return finished.count() == 0 && sawLiveFigure; }, kTestTimeoutMs));
    QVERIFY(panel.grab().save(screenshotDir() + u"/latency-testing.png"_s));

    QVERIFY(waitUntilIdle(panel));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(rowsAtFirstSample, m_regionCount);
    QVERIFY2(sawLiveFigure, "no average was shown before its region finished");
    QCOMPARE(buttonWhileRunning, u"Cancel"_s);
    QCOMPARE(testing.count(), 2);
    QCOMPARE(testing.at(0).at(0).toBool(), true);
    QCOMPARE(testing.at(1).at(0).toBool(), false);
    QCOMPARE(panel.testButton()->text(), u"Test All Regions"_s);
    QVERIFY(panel.modeSelector()->isEnabled());
    QVERIFY(progressTexts.contains(u"3 of 6 regions"_s));
    QCOMPARE(panel.progressBar()->text(), u"6 of 6 regions"_s);
    QVERIFY2(panel.statusText().startsWith(u"Tested 6 regions in "_s),
             qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(u" s."_s));
    QVERIFY(!panel.statusIsProblem());

    // Sorted by average once the test is over; every row measured.
    double previous = -1.0;
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        const QModelIndex index = cell(panel, row, 0);
        QVERIFY(!index.data(LatencyResultsModel::TestingRole).toBool());
        QVERIFY(!index.data(LatencyResultsModel::CachedRole).toBool());
        QCOMPARE(index.data(LatencyResultsModel::ReceivedRole).toInt(), 5);
        const double average = index.data(LatencyResultsModel::AverageRole).toDouble();
        QVERIFY(average >= previous);
        previous = average;
        QVERIFY(!cell(panel, row, LatencyResultsModel::RankColumn).data().toString().isEmpty());
        QCOMPARE(LatencyDelegate::ageLabel(index), u"just now"_s);
    }
}

void TestLatencyPanel::cancelMidRunStops()
{
    Rig rig(*m_backend, cachePath(u"cancel.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    panel.setSamples(40);
    QSignalSpy samples(&rig.prober, &LatencyProber::sampleMeasured);
    QSignalSpy cancelled(&rig.prober, &LatencyProber::cancelled);
    QTest::mouseClick(panel.testButton(), Qt::LeftButton);
    QVERIFY(panel.isTesting());
    QVERIFY(QTest::qWaitFor([&] { return samples.count() >= 6; }, kTestTimeoutMs));
    QTest::mouseClick(panel.testButton(), Qt::LeftButton); // now "Cancel"
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!panel.isTesting());
    QVERIFY(!rig.prober.isRunning());
    QVERIFY2(panel.statusText().startsWith(u"Cancelled"_s), qPrintable(panel.statusText()));
    QCOMPARE(panel.testButton()->text(), u"Test All Regions"_s);
    for (int row = 0; row < panel.proxy()->rowCount(); ++row)
        QVERIFY(!cell(panel, row, 0).data(LatencyResultsModel::TestingRole).toBool());
    // Nothing comes after a cancel.
    const int seen = static_cast<int>(samples.count());
    QTest::qWait(300);
    QCOMPARE(samples.count(), seen);
}

void TestLatencyPanel::keyboardStartsAndCancels()
{
    Rig rig(*m_backend, cachePath(u"keys.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.setSamples(40);
    panel.show();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    // A button's shortcut clicks it the way a mouse would, a moment later.
    QTest::keyClick(&panel, Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(panel.isTesting());
    QTest::keyClick(&panel, Qt::Key_Escape);
    QTRY_VERIFY(!panel.isTesting());
    QVERIFY(panel.statusText().startsWith(u"Cancelled"_s));
}

void TestLatencyPanel::sortsAverageNumerically()
{
    // Figures whose text order differs from their numeric order.
    Rig rig(*m_backend, {});
    LatencyPanel panel(rig.services);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    rig.latency.setCachedResults({syntheticResult(u"a"_s, ProbeMode::Http, now, {100, 101, 99}),
                                  syntheticResult(u"b"_s, ProbeMode::Http, now, {9, 9, 9}),
                                  syntheticResult(u"c"_s, ProbeMode::Http, now, {10, 11, 10}),
                                  syntheticResult(u"d"_s, ProbeMode::Http, now, {-1, -1, -1})},
                                 now);
    const auto codes = [&panel] {
        QStringList out;
        for (int row = 0; row < panel.proxy()->rowCount(); ++row)
            out.append(cell(panel, row, 0).data(LatencyResultsModel::CodeRole).toString());
        return out;
    };
    QCOMPARE(codes(), (QStringList{u"b"_s, u"c"_s, u"a"_s, u"d"_s}));
    panel.table()->sortByColumn(LatencyResultsModel::AverageColumn, Qt::DescendingOrder);
    QStringList descending = codes();
    descending.removeAll(u"d"_s); // no figure: wherever the proxy puts it
    QCOMPARE(descending, (QStringList{u"a"_s, u"c"_s, u"b"_s}));
    panel.table()->sortByColumn(LatencyResultsModel::AverageColumn, Qt::AscendingOrder);
    QCOMPARE(codes(), (QStringList{u"b"_s, u"c"_s, u"a"_s, u"d"_s}));

    // And on live figures: clicking the header sorts by number.
    Rig live(*m_backend, {});
    QVERIFY(live.loadRegions());
    LatencyPanel livePanel(live.services);
    livePanel.resize(1000, 500);
    livePanel.show();
    QVERIFY(runTest(livePanel));
    QHeaderView *header = livePanel.table()->horizontalHeader();
    const int x = header->sectionViewportPosition(LatencyResultsModel::AverageColumn) +
                  header->sectionSize(LatencyResultsModel::AverageColumn) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    const Qt::SortOrder order = livePanel.proxy()->sortOrder();
    QCOMPARE(livePanel.proxy()->sortColumn(), int(LatencyResultsModel::AverageColumn));
    QCOMPARE(order, Qt::DescendingOrder); // it was ascending
    for (int row = 1; row < livePanel.proxy()->rowCount(); ++row) {
        const double above = QLocale().toDouble(
            cell(livePanel, row - 1, LatencyResultsModel::AverageColumn).data().toString());
        const double here = QLocale().toDouble(
            cell(livePanel, row, LatencyResultsModel::AverageColumn).data().toString());
        QVERIFY2(above >= here, qPrintable(u"%1 before %2"_s.arg(above).arg(here)));
    }
}

void TestLatencyPanel::qualityColumnShowsTheWord()
{
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(runTest(panel));
    const QStringList words{u"Excellent"_s, u"Good"_s, u"Fair"_s, u"Poor"_s};
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        const QModelIndex quality = cell(panel, row, LatencyResultsModel::QualityColumn);
        const QString label = LatencyDelegate::qualityLabel(quality);
        QVERIFY2(words.contains(label), qPrintable(label));
        // The cell's text (what a screen reader reads) says it too.
        QCOMPARE(quality.data().toString(), label.toLower());
        // The delegate's width fits the marker and the word.
        QVERIFY(panel.table()->columnWidth(LatencyResultsModel::QualityColumn) >=
                panel.table()->itemDelegate()->sizeHint(QStyleOptionViewItem(), quality).width());
    }
    // While testing, the word says so.
    rig.latency.onStarted({rig.regions.regions().first().code});
    const QModelIndex testing = cell(panel, rowOf(panel, rig.regions.regions().first().code),
                                     LatencyResultsModel::QualityColumn);
    QCOMPARE(LatencyDelegate::qualityLabel(testing), u"testing…"_s);
    rig.latency.onFinished();
}

void TestLatencyPanel::cacheKeepsResultsForANewPanel()
{
    Rig rig(*m_backend, cachePath(u"cache.db"_s));
    QVERIFY(rig.loadRegions());
    const QUrl server = rig.session.server();
    {
        LatencyPanel panel(rig.services);
        panel.show();
        QVERIFY(runTest(panel));
    }
    const QList<LatencyResult> fresh =
        rig.cache->freshLatency(server, ProbeMode::Http, QDateTime::currentDateTimeUtc());
    QCOMPARE(fresh.size(), m_regionCount);
    for (const LatencyResult &r : fresh) {
        QCOMPARE(r.stats.received, 5);
        QCOMPARE(rig.cache->latencyHistory(server, r.regionCode).size(), 1);
    }

    // A new panel over a new (empty) model, as after a restart.
    LatencyResultsModel model;
    ui::Services services = rig.services;
    services.latency = &model;
    LatencyPanel again(services);
    QCOMPARE(model.rowCount(), 0);
    again.show();
    QCOMPARE(model.rowCount(), m_regionCount);
    for (int row = 0; row < again.proxy()->rowCount(); ++row) {
        const QModelIndex index = cell(again, row, LatencyResultsModel::AgeColumn);
        QVERIFY(index.data(LatencyResultsModel::CachedRole).toBool());
        QCOMPARE(LatencyDelegate::ageLabel(index), u"cached, just now"_s);
        QVERIFY(!cell(again, row, LatencyResultsModel::AverageColumn).data().toString().isEmpty());
    }
    QVERIFY2(again.statusText().contains(u"cached"_s), qPrintable(again.statusText()));

    // The Age column moves on with the clock.
    again.setClock([] { return QDateTime::currentDateTimeUtc().addSecs(3 * 60 + 5); });
    again.refreshAges();
    QCOMPARE(LatencyDelegate::ageLabel(cell(again, 0, LatencyResultsModel::AgeColumn)),
             u"cached, 3 min ago"_s);
    again.resize(1180, 420);
    QVERIFY(again.grab().save(screenshotDir() + u"/latency-cached.png"_s));

    // Another mode has no cached results: the table empties rather than
    // mixing HTTP with TCP figures.
    again.setMode(ProbeMode::Tcp);
    QCOMPARE(model.rowCount(), 0);
    again.setMode(ProbeMode::Http);
    QCOMPARE(model.rowCount(), m_regionCount);

    // Another server: nothing of the first one is shown.
    rig.session.setServer(QUrl(u"http://127.0.0.1:1"_s));
    QCOMPARE(model.rowCount(), 0);
}

void TestLatencyPanel::copyPutsCsvOnClipboard()
{
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(runTest(panel));

    QTest::mouseClick(panel.findChild<QPushButton *>(u"copyButton"_s), Qt::LeftButton);
    QStringList lines = csvLines(QGuiApplication::clipboard()->text());
    QCOMPARE(lines.size(), 1 + m_regionCount);
    QVERIFY(lines.first().startsWith(u"Region,Code,Quality,Average ms"_s));
    QCOMPARE(QGuiApplication::clipboard()->text(), rig.latency.toCsv());
    QVERIFY(panel.statusText().startsWith(u"Copied 6 rows"_s));

    // Ctrl+C with the table focused copies the whole table, not one cell.
    QGuiApplication::clipboard()->clear();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.table()->setFocus();
    panel.table()->selectRow(0);
    QTest::keyClick(panel.table(), Qt::Key_C, Qt::ControlModifier);
    lines = csvLines(QGuiApplication::clipboard()->text());
    QCOMPARE(lines.size(), 1 + m_regionCount);
}

void TestLatencyPanel::exportWritesFileAndTellsErrors()
{
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(runTest(panel));

    const QString path = m_dir.filePath(u"latency.csv"_s);
    QVERIFY(panel.exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(file.readAll());
    QCOMPARE(written, rig.latency.toCsv());
    QCOMPARE(csvLines(written).size(), 1 + m_regionCount);
    QVERIFY(panel.statusText().startsWith(u"Exported 6 rows to "_s));
    QVERIFY(!panel.statusIsProblem());

    const QString nowhere = m_dir.filePath(u"no/such/folder/latency.csv"_s);
    QVERIFY(!panel.exportCsv(nowhere));
    QVERIFY2(panel.statusText().startsWith(u"Could not export to "_s),
             qPrintable(panel.statusText()));
    QVERIFY(panel.statusIsProblem());
    QVERIFY(!QFile::exists(nowhere));
}

void TestLatencyPanel::stunModeWorks()
{
    Rig rig(*m_backend, cachePath(u"stun.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    auto *items = qobject_cast<QStandardItemModel *>(panel.modeSelector()->model());
    QVERIFY(items);
    const int stun = panel.modeSelector()->findData(int(ProbeMode::Stun));
    QVERIFY(items->item(stun)->isEnabled());
    panel.modeSelector()->setCurrentIndex(stun);
    QVERIFY(panel.mode() == ProbeMode::Stun);
    QVERIFY(runTest(panel));
    QCOMPARE(panel.proxy()->rowCount(), m_regionCount);
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        const QModelIndex index = cell(panel, row, 0);
        QCOMPARE(index.data(LatencyResultsModel::ReceivedRole).toInt(), 5);
    }
    for (const LatencyResult &r : rig.latency.results())
        QCOMPARE(toString(r.mode), toString(ProbeMode::Stun));
    QVERIFY(panel.statusText().startsWith(u"Tested 6 regions"_s));
    QCOMPARE(
        rig.cache
            ->freshLatency(rig.session.server(), ProbeMode::Stun, QDateTime::currentDateTimeUtc())
            .size(),
        m_regionCount);
}

void TestLatencyPanel::stunDisabledWithoutEndpoints()
{
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    const int stun = panel.modeSelector()->findData(int(ProbeMode::Stun));
    panel.modeSelector()->setCurrentIndex(stun);
    QVERIFY(panel.mode() == ProbeMode::Stun);
    QList<domain::Region> regions = rig.regions.regions();
    for (domain::Region &r : regions)
        r.stun.clear();
    rig.regions.setRegions(regions);
    auto *items = qobject_cast<QStandardItemModel *>(panel.modeSelector()->model());
    QVERIFY(!items->item(stun)->isEnabled());
    QVERIFY(items->item(stun)->toolTip().contains(u"none of the regions"_s));
    QVERIFY(panel.mode() == ProbeMode::Http);
}

void TestLatencyPanel::noRegionsToTest()
{
    Rig rig(*m_backend, {});
    LatencyPanel panel(rig.services);
    panel.show();
    QTest::mouseClick(panel.testButton(), Qt::LeftButton);
    QVERIFY(!panel.isTesting());
    QCOMPARE(panel.statusText(), u"No online regions to test."_s);
    QVERIFY(panel.statusIsProblem());
}

void TestLatencyPanel::historyChartShowsSelectedRegion()
{
    Rig rig(*m_backend, cachePath(u"history.db"_s));
    QVERIFY(rig.loadRegions());
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(runTest(panel));
    QVERIFY(runTest(panel));
    QVERIFY(panel.historyChart()->history().isEmpty());
    panel.table()->selectRow(0);
    const QString code = panel.selectedRegion();
    QVERIFY(!code.isEmpty());
    const QList<LatencyResult> history = panel.historyChart()->history();
    QCOMPARE(history.size(), 2);
    QVERIFY(history.first().measuredAt <= history.last().measuredAt); // oldest first
    QCOMPARE(history.first().regionCode, code);
    QVERIFY(!panel.historyChart()->accessibleDescription().isEmpty());
    // Another mode has its own history.
    panel.setMode(ProbeMode::Tcp);
    QVERIFY(panel.historyChart()->history().isEmpty());
}

void TestLatencyPanel::screenshots()
{
    Rig rig(*m_backend, cachePath(u"screenshots.db"_s));
    QVERIFY(rig.loadRegions());
    const QUrl server = rig.session.server();

    LatencyPanel panel(rig.services);
    panel.resize(1180, 720);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(runTest(panel));

    // Earlier tests of every region over the last six hours, about the
    // figures just measured, so the history chart has something to show;
    // one without a reply, one slow.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<LatencyResult> earlier;
    for (const LatencyResult &latest : rig.latency.results()) {
        const double base = latest.stats.averageMs;
        for (int i = 0; i < 24; ++i) {
            const QDateTime at = now.addSecs(-15 * 60 * (24 - i) - 40);
            if (i == 9) {
                earlier.append(
                    syntheticResult(latest.regionCode, ProbeMode::Http, at, {-1, -1, -1, -1, -1}));
                continue;
            }
            const double wave = 1.0 + 0.05 * std::sin(i / 2.5) + (i == 15 ? 0.3 : 0.0);
            const double b = base * wave;
            earlier.append(syntheticResult(latest.regionCode, ProbeMode::Http, at,
                                           {b, b * 1.04, b * 0.96, b * 1.08, b * 0.99}));
        }
    }
    QVERIFY(rig.cache->saveLatency(rig.session.server(), earlier).ok());
    panel.table()->selectRow(1);
    QCOMPARE(panel.historyChart()->history().size(), 25);
    QTest::qWait(50);

    const QString dir = screenshotDir();
    QVERIFY(panel.grab().save(dir + u"/latency-light.png"_s));
    panel.setPalette(darkPalette());
    QTest::qWait(50);
    QVERIFY(panel.grab().save(dir + u"/latency-dark.png"_s));
    qInfo("screenshots in %s", qPrintable(dir));
}

void TestLatencyPanel::offlineRegionIsUnreachable()
{
    Rig rig(*m_backend, {});
    QVERIFY(rig.loadRegions());
    const QString code = rig.regions.regions().at(1).code;
    QVERIFY(m_backend->fleet()->setFault(code, {Fault::Kind::Offline, 0}));
    QVERIFY(rig.loadRegions()); // regions fetched after the fault
    LatencyPanel panel(rig.services);
    panel.show();
    QVERIFY(runTest(panel));
    QCOMPARE(panel.proxy()->rowCount(), m_regionCount);
    for (int row = 0; row < panel.proxy()->rowCount(); ++row) {
        const QModelIndex quality = cell(panel, row, LatencyResultsModel::QualityColumn);
        if (quality.data(LatencyResultsModel::CodeRole).toString() == code) {
            QCOMPARE(quality.data().toString(), u"unreachable"_s);
            QCOMPARE(LatencyDelegate::qualityLabel(quality), u"Unreachable"_s);
            QVERIFY(
                cell(panel, row, LatencyResultsModel::AverageColumn).data().toString().isEmpty());
        } else {
            QCOMPARE(quality.data(LatencyResultsModel::ReceivedRole).toInt(), 5);
            QVERIFY(LatencyDelegate::qualityLabel(quality) != u"Unreachable"_s);
        }
    }
    // Last, since the unreachable region sorts after every measured one.
    QCOMPARE(rowOf(panel, code), m_regionCount - 1);
    QVERIFY2(panel.statusText().contains(code), qPrintable(panel.statusText()));
    QVERIFY(panel.statusText().contains(u"unreachable"_s) ||
            panel.statusText().contains(u"not tested"_s));
    QVERIFY(panel.statusIsProblem());
    qInfo("%s", qPrintable(panel.statusText()));
}

QTEST_MAIN(TestLatencyPanel)
#include "tst_latencypanel.moc"
