// The world city table: parsing, the built-in copy, time-zone lookup.
#include "domain/citytable.h"

#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestCityTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInTable();
    void timeZoneGuess_data();
    void timeZoneGuess();
    void parses();
    void rejects_data();
    void rejects();
};

void TestCityTable::builtInTable()
{
    const QList<City> &cities = defaultCityTable();
    QCOMPARE(cities.size(), 7329); // every city of the source table
    // Largest first: Tokyo, 22,006,300 (Natural Earth's figure).
    QCOMPARE(cities.front().name, u"Tokyo"_s);
    QCOMPARE(cities.front().population, 22006300);
    QCOMPARE(cities.front().point, (GeoPoint{35.685, 139.7514}));
    QCOMPARE(cities.front().timeZone, u"Asia/Tokyo"_s);
    for (qsizetype i = 1; i < cities.size(); ++i)
        QVERIFY(cities.at(i - 1).population >= cities.at(i).population);
}

void TestCityTable::timeZoneGuess_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("city");
    QTest::newRow("Berlin") << u"Europe/Berlin"_s << u"Berlin"_s;
    QTest::newRow("New York") << u"America/New_York"_s << u"New York"_s;
    QTest::newRow("Kolkata") << u"Asia/Kolkata"_s << u"Mumbai"_s;
    QTest::newRow("unknown zone") << u"Mars/Olympus_Mons"_s << QString();
}

void TestCityTable::timeZoneGuess()
{
    QFETCH(QString, zone);
    QFETCH(QString, city);
    const std::optional<City> guess = largestCityInTimeZone(defaultCityTable(), zone);
    QCOMPARE(guess ? guess->name : QString(), city);
}

void TestCityTable::parses()
{
    const Result<QList<City>> cities = parseCityTable(
        "# comment\r\nA\tLand\tAL\t1.5\t-2.25\t100\tEtc/UTC\r\n\nB\tLand\t\t-90\t180\t0\t\n");
    QVERIFY(cities.ok());
    QCOMPARE(cities->size(), 2);
    QCOMPARE(cities->at(0).point, (GeoPoint{1.5, -2.25}));
    QCOMPARE(cities->at(0).timeZone, u"Etc/UTC"_s);
    QCOMPARE(cities->at(1).iso2, QString());
    QCOMPARE(cities->at(1).population, 0);
}

void TestCityTable::rejects_data()
{
    QTest::addColumn<QByteArray>("tsv");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty") << QByteArray("# only a comment\n") << QString();
    QTest::newRow("six fields") << QByteArray("A\tLand\tAL\t1\t2\t3\n") << u"line 1"_s;
    QTest::newRow("latitude 91") << QByteArray("# c\nA\tLand\tAL\t91\t2\t3\tZ\n") << u"line 2"_s;
    QTest::newRow("text longitude") << QByteArray("A\tLand\tAL\t1\teast\t3\tZ\n") << u"line 1"_s;
    QTest::newRow("negative population") << QByteArray("A\tLand\tAL\t1\t2\t-3\tZ\n") << u"line 1"_s;
    QTest::newRow("no name") << QByteArray("\tLand\tAL\t1\t2\t3\tZ\n") << u"line 1"_s;
}

void TestCityTable::rejects()
{
    QFETCH(QByteArray, tsv);
    QFETCH(QString, field);
    const Result<QList<City>> cities = parseCityTable(tsv);
    QVERIFY(!cities.ok());
    QCOMPARE(cities.error().field, field);
}

QTEST_GUILESS_MAIN(TestCityTable)
#include "tst_citytable.moc"
