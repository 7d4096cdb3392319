// The compact Natural Earth map: hand-built files, bad files, the real ones.
#include "domain/worldmap.h"

#include <QFile>
#include <QTest>
#include <QtEndian>

#include <cstring>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

void putU32(QByteArray &out, quint32 v)
{
    char bytes[4];
    qToLittleEndian(v, bytes);
    out.append(bytes, 4);
}

void putF32(QByteArray &out, float f)
{
    quint32 bits;
    std::memcpy(&bits, &f, 4);
    putU32(out, bits);
}

// One land ring of 4 points and one border of 2.
QByteArray smallMap()
{
    QByteArray out("WMAP\x01\x00\x00\x00", 8);
    putU32(out, 1);
    putU32(out, 4);
    for (const auto &[lon, lat] : {std::pair{0.f, 0.f}, {10.f, 0.f}, {10.f, 10.f}, {0.f, 0.f}}) {
        putF32(out, lon);
        putF32(out, lat);
    }
    putU32(out, 1);
    putU32(out, 2);
    for (const auto &[lon, lat] : {std::pair{-5.5f, 40.25f}, {-4.f, 41.f}}) {
        putF32(out, lon);
        putF32(out, lat);
    }
    return out;
}

} // namespace

class TestWorldMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void small();
    void rejects_data();
    void rejects();
    void shippedMaps_data();
    void shippedMaps();
};

void TestWorldMap::small()
{
    const Result<WorldMap> map = parseWorldMap(smallMap());
    QVERIFY2(map.ok(), map.ok() ? "" : qPrintable(map.error().message));
    QCOMPARE(map->land.size(), 1);
    QCOMPARE(map->land.at(0).size(), 4);
    QCOMPARE(map->land.at(0).at(2), (GeoPoint{10.0, 10.0}));
    QCOMPARE(map->borders.size(), 1);
    QCOMPARE(map->borders.at(0).at(0), (GeoPoint{40.25, -5.5})); // latitude, longitude
}

void TestWorldMap::rejects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("field");
    const QByteArray good = smallMap();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("not a map") << QByteArray("PK\x03\x04 zip file...") << QString();
    QByteArray v2 = good;
    v2[4] = 2;
    QTest::newRow("version 2") << v2 << u"version"_s;
    QTest::newRow("cut in the land") << good.left(20) << u"land[0]"_s;
    QTest::newRow("cut before the borders") << good.left(8 + 4 + 4 + 32) << u"borders"_s;
    QTest::newRow("trailing bytes") << good + "xx" << QString();
    QByteArray huge("WMAP\x01\x00\x00\x00", 8);
    putU32(huge, 0xFFFFFFFF); // claims 4 billion rings
    QTest::newRow("absurd count") << huge << u"land"_s;
    QByteArray badPoint = good;
    float lat = 95.f;
    quint32 bits;
    std::memcpy(&bits, &lat, 4);
    qToLittleEndian(bits, badPoint.data() + 8 + 4 + 4 + 4); // first point's latitude
    QTest::newRow("latitude 95") << badPoint << u"land[0][0]"_s;
}

void TestWorldMap::rejects()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, field);
    const Result<WorldMap> map = parseWorldMap(data);
    QVERIFY(!map.ok());
    QCOMPARE(map.error().field, field);
    QVERIFY(!map.error().message.isEmpty());
}

void TestWorldMap::shippedMaps_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("minLand");
    QTest::addColumn<int>("minBorders");
    QTest::newRow("1:50m") << u"world-50m.wmap"_s << 1000 << 300;
    QTest::newRow("1:110m") << u"world-110m.wmap"_s << 100 << 300;
}

void TestWorldMap::shippedMaps()
{
    QFETCH(QString, file);
    QFETCH(int, minLand);
    QFETCH(int, minBorders);
    QFile f(QStringLiteral(WADDLE_SOURCE_DIR "/resources/map/") + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Result<WorldMap> map = parseWorldMap(f.readAll());
    QVERIFY2(map.ok(), map.ok() ? "" : qPrintable(map.error().message));
    QVERIFY(map->land.size() >= minLand);
    QVERIFY(map->borders.size() >= minBorders);
    // Land rings close on themselves.
    for (const QList<GeoPoint> &ring : map->land)
        QCOMPARE(ring.front(), ring.back());
}

QTEST_GUILESS_MAIN(TestWorldMap)
#include "tst_worldmap.moc"
