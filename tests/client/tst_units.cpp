// Issue 10: one number format per unit across the app.
#include "client/units.h"

#include <QLocale>
#include <QTest>

using namespace waddle::client;
using namespace Qt::StringLiterals;

class TestUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void milliseconds_data();
    void milliseconds();
    void percent_data();
    void percent();
    void followsTheLocale();
};

void TestUnits::milliseconds_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("label");

    QTest::newRow("zero") << 0.0 << u"0.0"_s << u"0.0 ms"_s;
    QTest::newRow("a few ms keep a decimal") << 4.24 << u"4.2"_s << u"4.2 ms"_s;
    QTest::newRow("rounds half up") << 4.25 << u"4.3"_s << u"4.3 ms"_s;
    QTest::newRow("just under 10") << 9.94 << u"9.9"_s << u"9.9 ms"_s;
    QTest::newRow("10 and above are whole") << 10.0 << u"10"_s << u"10 ms"_s;
    QTest::newRow("large") << 183.4 << u"183"_s << u"183 ms"_s;
}

void TestUnits::milliseconds()
{
    QFETCH(double, value);
    QFETCH(QString, number);
    QFETCH(QString, label);
    QCOMPARE(millisecondsNumber(value), number);
    QCOMPARE(formatMilliseconds(value), label);
}

void TestUnits::percent_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("label");

    QTest::newRow("small rate") << 0.4 << u"0.4"_s << u"0.4%"_s;
    QTest::newRow("whole from 10") << 12.0 << u"12"_s << u"12%"_s;
    QTest::newRow("all lost") << 100.0 << u"100"_s << u"100%"_s;
}

void TestUnits::percent()
{
    QFETCH(double, value);
    QFETCH(QString, number);
    QFETCH(QString, label);
    QCOMPARE(percentNumber(value), number);
    QCOMPARE(formatPercentValue(value), label);
}

void TestUnits::followsTheLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(formatMilliseconds(4.2), u"4,2 ms"_s);
    QLocale::setDefault(QLocale::c());
}

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
