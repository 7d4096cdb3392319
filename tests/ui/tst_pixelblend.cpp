// ui/map/pixelblend: the member layer's own source-over, against hand-worked
// pixels and against QPainter's raster engine on random premultiplied rows.
#include "ui/map/pixelblend.h"

#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace waddle::ui;

namespace {

// A random premultiplied pixel: channels never above alpha; a quarter of
// them fully transparent and a quarter opaque, as in a sprite.
quint32 randomPremultiplied(QRandomGenerator &random)
{
    const quint32 kind = random.bounded(4);
    const quint32 alpha = kind == 0 ? 0U : kind == 1 ? 255U : random.bounded(256U);
    const auto channel = [&] { return alpha == 0 ? 0U : random.bounded(alpha + 1); };
    return (alpha << 24) | (channel() << 16) | (channel() << 8) | channel();
}

} // namespace

class TestPixelBlend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceOverPixel_data()
    {
        QTest::addColumn<quint32>("source");
        QTest::addColumn<quint32>("destination");
        QTest::addColumn<quint32>("expected");
        QTest::newRow("transparent leaves the target") << 0x00000000U << 0x80402010U << 0x80402010U;
        QTest::newRow("opaque replaces it") << 0xff112233U << 0xff808080U << 0xff112233U;
        // α 128: the target keeps 127/255 of each channel: 255 → 127.
        QTest::newRow("half red over opaque blue") << 0x80800000U << 0xff0000ffU << 0xff80007fU;
        // α 64: 191/255 of white is 191 (0xbf), plus the source.
        QTest::newRow("quarter over white") << 0x40102030U << 0xffffffffU << 0xffcfdfefU;
        // α 204 over 100 (0x64): 100 × 51 / 255 = 20 (0x14).
        QTest::newRow("rounding") << 0xcc000000U << 0x64646464U << 0xe0141414U;
        QTest::newRow("over nothing") << 0xd1406080U << 0x00000000U << 0xd1406080U;
    }

    void sourceOverPixel()
    {
        QFETCH(quint32, source);
        QFETCH(quint32, destination);
        QFETCH(quint32, expected);
        QCOMPARE(sourceOver(source, destination), expected);
        // Every position in a row takes the same path, vector or not.
        for (int count = 1; count <= 9; ++count) {
            const std::vector<quint32> row(std::size_t(count), source);
            std::vector<quint32> target(std::size_t(count), destination);
            blendRow(row.data(), target.data(), count);
            for (quint32 pixel : target)
                QCOMPARE(pixel, expected);
        }
    }

    // Rows of every length from 1 to 37 (vector body and scalar tail), over
    // random targets: the same as QPainter's SourceOver, pixel for pixel.
    void matchesQPainter()
    {
        QRandomGenerator random(20261203);
        for (int count = 1; count <= 37; ++count) {
            QImage source(count, 1, QImage::Format_ARGB32_Premultiplied);
            QImage target(count, 1, QImage::Format_ARGB32_Premultiplied);
            for (int i = 0; i < count; ++i) {
                source.setPixel(i, 0, randomPremultiplied(random));
                target.setPixel(i, 0, randomPremultiplied(random));
            }
            QImage expected = target;
            {
                QPainter painter(&expected);
                painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
                painter.drawImage(0, 0, source);
            }
            blendRow(reinterpret_cast<const quint32 *>(source.constScanLine(0)),
                     reinterpret_cast<quint32 *>(target.scanLine(0)), count);
            for (int i = 0; i < count; ++i) {
                const QRgb ours = target.pixel(i, 0);
                const QRgb qts = expected.pixel(i, 0);
                // Qt may round a channel the other way at most by one.
                for (int shift : {0, 8, 16, 24}) {
                    const int difference = int((ours >> shift) & 0xff) - int((qts >> shift) & 0xff);
                    if (std::abs(difference) > 1)
                        QFAIL(qPrintable(QStringLiteral("length %1, pixel %2: %3 vs QPainter %4")
                                             .arg(count)
                                             .arg(i)
                                             .arg(ours, 8, 16, QLatin1Char('0'))
                                             .arg(qts, 8, 16, QLatin1Char('0'))));
                }
            }
        }
    }
};

QTEST_MAIN(TestPixelBlend)
#include "tst_pixelblend.moc"
