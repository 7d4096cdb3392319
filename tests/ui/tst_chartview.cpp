// ChartView (ui/charts/): the one chart toolkit — LTTB applied to long lines
// and re-run on zoom (compared with domain::downsampleLttb itself), the CSV
// of every stored point exactly, exports that are real PNG, SVG and PDF files
// (and a bad suffix refused with nothing written), legend toggles, the
// Okabe-Ito palette in both orders.
#include "domain/analytics/timeseries.h"
#include "ui/charts/chartview.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <QXmlStreamReader>

#include <cmath>

using namespace waddle;
using namespace waddle::ui;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

// `count` points one minute apart, a wave with a spike every 997 points.
QList<domain::MetricPoint> wave(int count)
{
    QList<domain::MetricPoint> points;
    for (int i = 0; i < count; ++i)
        points.append(
            {kStart.addSecs(60LL * i), std::sin(i / 50.0) * 10 + (i % 997 == 0 ? 40 : 0)});
    return points;
}

QList<QPointF> asPoints(const QList<domain::MetricPoint> &points)
{
    QList<QPointF> out;
    for (const auto &p : points)
        out.append(QPointF(static_cast<qreal>(p.time.toMSecsSinceEpoch()), p.value));
    return out;
}

} // namespace

class TestChartView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longLineDownsampledWithLttb();
    void zoomResamplesTheShownRange();
    void shortLineDrawnWhole();
    void shortChartHasFewerTicks_data();
    void shortChartHasFewerTicks();
    void denseLineDrawnThin_data();
    void denseLineDrawnThin();
    void csvExact_data();
    void csvExact();
    void barsCsvAndTooltipData();
    void barsRefreshedInPlace();
    void exports_data();
    void exports();
    void badSuffixRefused();
    void legendToggles();
    void palette();
};

void TestChartView::longLineDownsampledWithLttb()
{
    ChartView chart;
    chart.resize(800, 400);
    const auto data = wave(10000);
    const int line = chart.addLine(u"wave"_s, data);
    const QList<QPointF> shown = chart.shownPoints(line);
    QCOMPARE(shown.size(), ChartView::kDefaultMaxPoints);
    QCOMPARE(shown, domain::downsampleLttb(asPoints(data), ChartView::kDefaultMaxPoints));
    QCOMPARE(shown.first(), asPoints(data).first());
    QCOMPARE(shown.last(), asPoints(data).last());
    // The spikes survive.
    int spikes = 0;
    for (const QPointF &p : shown)
        spikes += p.y() > 30 ? 1 : 0;
    QCOMPARE(spikes, 11); // i = 0, 997, …, 9970
    // Setting new points downsamples them too.
    chart.setLinePoints(line, wave(3000));
    QCOMPARE(chart.shownPoints(line).size(), ChartView::kDefaultMaxPoints);
    // The CSV keeps every stored point.
    QCOMPARE(chart.csv().count(u'\n'), 1 + 3000);
}

void TestChartView::zoomResamplesTheShownRange()
{
    ChartView chart;
    chart.resize(800, 400);
    chart.setMaxPoints(100);
    const auto data = wave(10000);
    const int line = chart.addLine(u"wave"_s, data);
    QCOMPARE(chart.shownPoints(line).size(), 100);
    // Minutes 4000–5000: 1001 points inside, plus one either side.
    chart.zoomToTime(kStart.addSecs(60 * 4000), kStart.addSecs(60 * 5000));
    const QList<QPointF> all = asPoints(data);
    const QList<QPointF> expected = domain::downsampleLttb(all.mid(3999, 1003), 100);
    QCOMPARE(chart.shownPoints(line), expected);
    QCOMPARE(chart.shownPoints(line).first(), all.at(3999));
    QCOMPARE(chart.shownPoints(line).last(), all.at(5001));
    // Reset: the whole line again.
    chart.resetZoom();
    QCOMPARE(chart.shownPoints(line), domain::downsampleLttb(all, 100));
    // The axis holds the whole line, widened to round ticks by less than a
    // step (at most 14 days here) on either side.
    QVERIFY(chart.timeRange().first <= data.first().time);
    QVERIFY(chart.timeRange().second >= data.last().time);
    QVERIFY(chart.timeRange().first.daysTo(data.first().time) < 14);
}

void TestChartView::shortLineDrawnWhole()
{
    ChartView chart;
    const auto data = wave(50);
    const int line = chart.addLine(u"short"_s, data);
    QCOMPARE(chart.shownPoints(line), asPoints(data));
}

void TestChartView::shortChartHasFewerTicks_data()
{
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("maxTicks");
    // Up to 8,272: × 1.05 = 8,685.6. Tall: steps of 2,000 (10,000 / 4 → 2,500
    // → 2) to 10,000, six ticks. A card's short chart has room for about three
    // lines of labels: steps of 5,000, three ticks (QtCharts would elide six
    // labels squeezed into it to "...").
    QTest::newRow("tall, 600 px") << 600 << 6;
    QTest::newRow("short, 150 px") << 150 << 4;
}

void TestChartView::shortChartHasFewerTicks()
{
    QFETCH(int, height);
    QFETCH(int, maxTicks);
    ChartView chart;
    chart.resize(500, height);
    QList<domain::MetricPoint> points;
    for (int i = 0; i < 10; ++i)
        points.append({kStart.addSecs(60LL * i), i == 5 ? 8272.0 : 7000.0});
    const int line = chart.addLine(u"minutes"_s, points);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setLinePoints(line, points); // fitted again, laid out
    const auto *values = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Vertical).constFirst());
    QVERIFY2(values->tickCount() <= maxTicks, qPrintable(QString::number(values->tickCount())));
    QVERIFY(values->tickCount() >= 2);
    QCOMPARE(values->min(), 0.0);
    QCOMPARE(values->max(), 10000.0);
}

void TestChartView::denseLineDrawnThin_data()
{
    QTest::addColumn<int>("points");
    QTest::addColumn<qreal>("width");
    // An 800 px view has a 720 px plot: dense past 240 shown points.
    QTest::newRow("50 points: 2 px") << 50 << 2.0;
    QTest::newRow("240 points: 2 px") << 240 << 2.0;
    QTest::newRow("241 points: 1 px") << 241 << 1.0;
    QTest::newRow("10,000 points (2,000 shown): 1 px") << 10000 << 1.0;
}

void TestChartView::denseLineDrawnThin()
{
    QFETCH(int, points);
    QFETCH(qreal, width);
    ChartView chart;
    chart.resize(800, 400);
    const int line = chart.addLine(u"wave"_s, wave(points));
    const auto *series = qobject_cast<QLineSeries *>(chart.chart()->series().at(line));
    QVERIFY(series);
    QCOMPARE(series->pen().widthF(), width);
    // A new theme (dark) keeps the width and takes its colour.
    const QColor before = series->pen().color();
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Base, QColor(24, 24, 28));
    dark.setColor(QPalette::Window, QColor(24, 24, 28));
    dark.setColor(QPalette::Text, Qt::white);
    chart.setPalette(dark);
    QCOMPARE(series->pen().widthF(), width);
    QVERIFY(series->pen().color() != before);
    // Zoomed in to 100 points, it is thick.
    chart.zoomToTime(kStart, kStart.addSecs(60 * 99));
    QVERIFY(chart.shownPoints(line).size() <= 102);
    QCOMPARE(series->pen().widthF(), 2.0);
}

void TestChartView::csvExact_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"sessions"_s << QList<double>{0.1, 2, 12345678.9}
                           << u"series,x,value\n"
                              "sessions,2026-01-01T00:00:00.000Z,0.1\n"
                              "sessions,2026-01-01T01:00:00.000Z,2\n"
                              "sessions,2026-01-01T02:00:00.000Z,12345678.9\n"_s;
    QTest::newRow("tiny and negative") << u"x"_s << QList<double>{1e-7, -0.3}
                                       << u"series,x,value\n"
                                          "x,2026-01-01T00:00:00.000Z,1e-07\n"
                                          "x,2026-01-01T01:00:00.000Z,-0.3\n"_s;
    QTest::newRow("name quoted") << u"p99, \"worst\""_s << QList<double>{1.0 / 3.0}
                                 << u"series,x,value\n"
                                    "\"p99, \"\"worst\"\"\",2026-01-01T00:00:00.000Z,"
                                    "0.3333333333333333\n"_s;
    QTest::newRow("empty") << u"none"_s << QList<double>{} << u"series,x,value\n"_s;
}

void TestChartView::csvExact()
{
    QFETCH(QString, name);
    QFETCH(QList<double>, values);
    QFETCH(QString, expected);
    QList<domain::MetricPoint> points;
    for (qsizetype i = 0; i < values.size(); ++i)
        points.append({kStart.addSecs(3600 * i), values.at(i)});
    ChartView chart;
    chart.addLine(name, points);
    QCOMPARE(chart.csv(), expected);
    chart.copyCsv();
    QCOMPARE(QApplication::clipboard()->text(), expected);
}

void TestChartView::barsRefreshedInPlace()
{
    // A dashboard refresh: new counts, then new buckets, into the same set
    // and the same two axes (a rebuilt axis left its old labels drawn).
    ChartView chart;
    chart.setBars(u"Sessions"_s, {u"0–50"_s, u"50–100"_s, u"≥ 100"_s}, {3, 0, 12});
    QBarSet *set =
        qobject_cast<QBarSeries *>(chart.chart()->series().constFirst())->barSets().constFirst();
    QCOMPARE(chart.chart()->axes().size(), 2);
    chart.setBars(u"Sessions"_s, {u"0–50"_s, u"50–100"_s, u"≥ 100"_s}, {5, 1, 250});
    QCOMPARE(chart.chart()->axes().size(), 2);
    QCOMPARE(chart.chart()->series().size(), 1);
    QCOMPARE(qobject_cast<QBarSeries *>(chart.chart()->series().constFirst())->barSets(),
             QList<QBarSet *>{set});
    QCOMPARE(set->at(2), 250.0);
    QCOMPARE(chart.csv(), u"series,x,value\n"
                          "Sessions,0–50,5\n"
                          "Sessions,50–100,1\n"
                          "Sessions,≥ 100,250\n"_s);
    // The value axis grew with the counts: 250 × 1.05 = 262.5 → a range of
    // 500 (ceiling to 1, 2, 5 × 10^n) over 4 steps, 125 → 100 (nearest) →
    // 0 to 300 in 4 ticks.
    const auto *values = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Vertical).constFirst());
    QCOMPARE(values->min(), 0.0);
    QCOMPARE(values->max(), 300.0);
    QCOMPARE(values->tickCount(), 4);
    // Fewer buckets, other names.
    chart.setBars(u"Calls"_s, {u"fast"_s, u"slow"_s}, {7, 2});
    QCOMPARE(chart.chart()->axes().size(), 2);
    QCOMPARE(set->count(), 2);
    auto *categories =
        qobject_cast<QBarCategoryAxis *>(chart.chart()->axes(Qt::Horizontal).constFirst());
    QCOMPARE(categories->categories(), (QStringList{u"fast"_s, u"slow"_s}));
    QCOMPARE(chart.csv(), u"series,x,value\nCalls,fast,7\nCalls,slow,2\n"_s);
}

void TestChartView::barsCsvAndTooltipData()
{
    ChartView chart;
    chart.setValueUnit(u"sessions"_s);
    chart.addLine(u"replaced"_s, wave(10));
    chart.setBars(u"Sessions"_s, {u"< 50 ms"_s, u"50–100 ms"_s, u"≥ 300 ms"_s}, {3, 0, 12});
    QCOMPARE(chart.seriesCount(), 1);
    QCOMPARE(chart.csv(), u"series,x,value\n"
                          "Sessions,< 50 ms,3\n"
                          "Sessions,50–100 ms,0\n"
                          "Sessions,≥ 300 ms,12\n"_s);
    // Back to a time chart.
    chart.clear();
    const int line = chart.addLine(u"again"_s, wave(5));
    QCOMPARE(chart.shownPoints(line).size(), 5);
}

void TestChartView::exports_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("png") << u"chart.png"_s;
    QTest::newRow("svg") << u"chart.svg"_s;
    QTest::newRow("pdf") << u"chart.PDF"_s;
}

void TestChartView::exports()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ChartView chart;
    chart.setTitle(u"Usage"_s);
    chart.setValueUnit(u"sessions"_s);
    const int line = chart.addLine(u"Sessions"_s, wave(500));
    QList<domain::MetricPoint> low, high;
    for (const auto &p : wave(500)) {
        low.append({p.time, p.value - 2});
        high.append({p.time, p.value + 2});
    }
    chart.addBand(u"band"_s, low, high, line);
    chart.resize(640, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QString path = dir.filePath(file);
    QCOMPARE(chart.exportTo(path), QString());
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    QVERIFY(bytes.size() > 1000);
    const QString suffix = file.section(u'.', -1).toLower();
    if (suffix == u"png"_s) {
        const QImage image = QImage::fromData(bytes, "PNG");
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 640 && image.height() >= 360);
        // Not blank: the line's colour is in it.
        const QColor lineColour = ChartView::seriesColour(0, false);
        bool found = false;
        for (int y = 0; y < image.height() && !found; y += 2)
            for (int x = 0; x < image.width() && !found; x += 2)
                found = image.pixelColor(x, y) == lineColour;
        QVERIFY(found);
    } else if (suffix == u"svg"_s) {
        QXmlStreamReader xml(bytes);
        bool svgRoot = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && !svgRoot) {
                QCOMPARE(xml.name().toString(), u"svg"_s);
                svgRoot = true;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(svgRoot);
        QVERIFY(bytes.contains("<title>Usage</title>"));
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") +
                     bytes.count("/Type /Page "),
                 1);
    }
}

void TestChartView::badSuffixRefused()
{
    QTemporaryDir dir;
    ChartView chart;
    chart.addLine(u"a"_s, wave(10));
    const QString path = dir.filePath(u"chart.jpg"_s);
    QVERIFY(chart.exportTo(path).contains(u".png, .svg or .pdf"_s));
    QVERIFY(!QFile::exists(path));
    const QString nowhere = dir.filePath(u"missing/folder/chart.png"_s);
    QVERIFY(!chart.exportTo(nowhere).isEmpty());
    QVERIFY(!QFile::exists(nowhere));
}

void TestChartView::legendToggles()
{
    ChartView chart;
    const int a = chart.addLine(u"a"_s, wave(10));
    const int b = chart.addLine(u"b"_s, wave(10));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QVERIFY(chart.isSeriesVisible(a) && chart.isSeriesVisible(b));
    chart.setSeriesVisible(b, false);
    QVERIFY(chart.isSeriesVisible(a));
    QVERIFY(!chart.isSeriesVisible(b));
    // The hidden one's legend entry stays, to be clicked back on.
    const auto markers = chart.chart()->legend()->markers();
    QCOMPARE(markers.size(), 2);
    for (QLegendMarker *marker : markers)
        QVERIFY(marker->isVisible());
    Q_EMIT markers.at(1)->clicked();
    QVERIFY(chart.isSeriesVisible(b));
    Q_EMIT markers.at(0)->clicked();
    QVERIFY(!chart.isSeriesVisible(a));
}

void TestChartView::palette()
{
    QCOMPARE(ChartView::seriesColour(0, false), QColor(0x00, 0x72, 0xB2));
    QCOMPARE(ChartView::seriesColour(0, true), QColor(0x56, 0xB4, 0xE9));
    QCOMPARE(ChartView::seriesColour(7, false), ChartView::seriesColour(0, false));
    QSet<QRgb> light;
    QSet<QRgb> dark;
    for (int i = 0; i < 7; ++i) {
        light.insert(ChartView::seriesColour(i, false).rgb());
        dark.insert(ChartView::seriesColour(i, true).rgb());
    }
    QCOMPARE(light.size(), 7);
    QCOMPARE(light, dark); // the same seven, in another order
    // The first three colours keep a contrast of 2:1 on white (orange, the
    // second, has 2.1:1; lines are 2 px wide) and 3:1 on a dark background.
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const QColor white(0xFF, 0xFF, 0xFF);
    const QColor black(0x20, 0x20, 0x20);
    for (int i = 0; i < 3; ++i) {
        const double onWhite =
            (luminance(white) + 0.05) / (luminance(ChartView::seriesColour(i, false)) + 0.05);
        const double onDark =
            (luminance(ChartView::seriesColour(i, true)) + 0.05) / (luminance(black) + 0.05);
        QVERIFY2(onWhite >= 2.0, qPrintable(QString::number(onWhite)));
        QVERIFY2(onDark >= 3.0, qPrintable(QString::number(onDark)));
    }
}

QTEST_MAIN(TestChartView)
#include "tst_chartview.moc"
