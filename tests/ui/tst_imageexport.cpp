// Right-click on the map and on the latency history chart: Copy Image and
// Save Image… as PNG or SVG (issue 10).
#include "ui/common/imageexport.h"
#include "ui/latency/latencyhistorychart.h"
#include "ui/map/mapwidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestImageExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contextMenus_data();
    void contextMenus();
    void savesPngAndSvg();
    void savesTheMapAsSvg();
    void copiesToTheClipboard();
    void saveFailureIsReported();
};

void TestImageExport::contextMenus_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("map") << u"map"_s;
    QTest::newRow("history chart") << u"chart"_s;
}

void TestImageExport::contextMenus()
{
    QFETCH(QString, kind);
    std::unique_ptr<QWidget> widget;
    if (kind == u"map"_s)
        widget = std::make_unique<ui::MapWidget>();
    else
        widget = std::make_unique<ui::LatencyHistoryChart>();
    QCOMPARE(widget->contextMenuPolicy(), Qt::ActionsContextMenu);
    QStringList texts;
    for (const QAction *action : widget->actions())
        texts.append(action->text());
    QCOMPARE(texts, (QStringList{u"&Copy Image"_s, u"&Save Image…"_s}));
    // Reachable from the keyboard, where the Menu key opens the menu.
    QVERIFY(widget->focusPolicy() & Qt::TabFocus);

    // The context menu shows both.
    widget->resize(400, 240);
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget.get()));
    QStringList shown;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, &poll, [&shown, &poll] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            for (const QAction *action : menu->actions())
                shown.append(action->text());
            poll.stop();
            menu->close();
        }
    });
    poll.start();
    // What a right-click (or the Menu key) delivers.
    QContextMenuEvent event(QContextMenuEvent::Mouse, QPoint(200, 120),
                            widget->mapToGlobal(QPoint(200, 120)));
    QApplication::sendEvent(widget.get(), &event);
    QTRY_COMPARE(shown, (QStringList{u"&Copy Image"_s, u"&Save Image…"_s}));
}

void TestImageExport::savesPngAndSvg()
{
    QTemporaryDir dir;
    ui::LatencyHistoryChart chart;
    chart.resize(400, 200);
    chart.setPlaceholder(u"Nothing yet"_s);
    const QString png = dir.filePath(u"chart.png"_s);
    QVERIFY(ui::ImageExport::save(&chart, png));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(400, 200) * chart.devicePixelRatio());

    const QString svg = dir.filePath(u"chart.svg"_s);
    QVERIFY(ui::ImageExport::save(&chart, svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("Nothing yet") || text.contains("<text") || text.contains("<path"));
}

void TestImageExport::savesTheMapAsSvg()
{
    // The map paints through its renderer's layers; into an SVG too.
    QTemporaryDir dir;
    ui::MapWidget map;
    map.resize(640, 360);
    map.setMembers({domain::LocationGroup{{48.86, 2.35}, QString(), 40}}, QString());
    const QString svg = dir.filePath(u"map.svg"_s);
    QVERIFY(ui::ImageExport::save(&map, svg));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY2(text.size() > 1000, qPrintable(QString::number(text.size())));
}

void TestImageExport::copiesToTheClipboard()
{
    ui::MapWidget map;
    map.resize(320, 200);
    QApplication::clipboard()->clear();
    QAction *copy = map.findChild<QAction *>(u"copyImageAction"_s);
    QVERIFY(copy);
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->image().size(), QSize(320, 200) * map.devicePixelRatio());
}

void TestImageExport::saveFailureIsReported()
{
    ui::LatencyHistoryChart chart;
    chart.resize(100, 80);
    QVERIFY(!ui::ImageExport::save(&chart, u"/nonexistent-folder/chart.png"_s));
}

QTEST_MAIN(TestImageExport)
#include "tst_imageexport.moc"
