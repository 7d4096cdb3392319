// The location dialog offers cities before anything is typed, and a search
// without a match says so (issue 10).
#include "ui/locationdialog.h"

#include <QLineEdit>
#include <QListWidget>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestLocationDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nearbyCitiesBeforeTyping();
    void largestCitiesWithoutALocation();
    void searchWithoutAMatchSaysSo();
};

void TestLocationDialog::nearbyCitiesBeforeTyping()
{
    const domain::GeoPoint lisbon{38.72, -9.14};
    ui::LocationDialog dialog(lisbon);
    const QStringList shown = dialog.shownCities();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(shown.first(), u"Lisbon"_s);
    QVERIFY(dialog.listTitle().contains(u"near"_s));
    QCOMPARE(dialog.findChild<QListWidget *>()->count(), shown.size());
    // One is chosen already: Enter takes it.
    QVERIFY(dialog.city().has_value());
}

void TestLocationDialog::largestCitiesWithoutALocation()
{
    ui::LocationDialog dialog(std::nullopt);
    const QStringList shown = dialog.shownCities();
    QVERIFY(shown.size() >= 5);
    QCOMPARE(shown.first(), domain::defaultCityTable().first().name);
    QVERIFY(dialog.listTitle().contains(u"Largest"_s));
}

void TestLocationDialog::searchWithoutAMatchSaysSo()
{
    ui::LocationDialog dialog(std::nullopt);
    auto *search = dialog.findChild<QLineEdit *>();
    QVERIFY(search);
    search->setText(u"Lisb"_s);
    QVERIFY(dialog.shownCities().contains(u"Lisbon"_s));
    search->setText(u"Qqqxzz"_s);
    QVERIFY(dialog.shownCities().isEmpty());
    QVERIFY2(dialog.listTitle().startsWith(u"No city matches “Qqqxzz”"_s),
             qPrintable(dialog.listTitle()));
    QVERIFY(!dialog.city().has_value());
}

QTEST_MAIN(TestLocationDialog)
#include "tst_locationdialog.moc"
