// The platform-independent random draws behind the demo data and the agents'
// jitter (same seed → same demo world everywhere).
#include "sim/seededrandom.h"

#include <QTest>

#include <cmath>

using namespace waddle::sim;

class TestSeededRandom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uniformIsTheEnginesTopBits();
    void sameSeedSameSequence();
    void derive();
    void uniformInt_data();
    void uniformInt();
    void normalMoments();
    void logUniformRange();
    void weightedIndex();
};

void TestSeededRandom::uniformIsTheEnginesTopBits()
{
    // std::mt19937_64 seeded 5489 first gives 14514284786278117030 (the
    // standard's own check value is the 10000th, 9981545732273789042).
    SeededRandom random(5489);
    const double expected = static_cast<double>(14514284786278117030ULL >> 11) * 0x1.0p-53;
    QCOMPARE(random.uniform(), expected);
}

void TestSeededRandom::sameSeedSameSequence()
{
    SeededRandom a(42);
    SeededRandom b(42);
    SeededRandom c(43);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const double x = a.normal(10.0, 2.0);
        QCOMPARE(b.normal(10.0, 2.0), x);
        differs = differs || c.normal(10.0, 2.0) != x;
    }
    QVERIFY(differs);
}

void TestSeededRandom::derive()
{
    QCOMPARE(SeededRandom::derive(1, 0), SeededRandom::derive(1, 0));
    QVERIFY(SeededRandom::derive(1, 0) != SeededRandom::derive(1, 1));
    QVERIFY(SeededRandom::derive(1, 0) != SeededRandom::derive(2, 0));
}

void TestSeededRandom::uniformInt_data()
{
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");
    QTest::newRow("die") << qint64(1) << qint64(6);
    QTest::newRow("single value") << qint64(7) << qint64(7);
    QTest::newRow("reversed gives low") << qint64(9) << qint64(3);
    QTest::newRow("negative") << qint64(-3) << qint64(2);
}

void TestSeededRandom::uniformInt()
{
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    SeededRandom random(7);
    QList<int> seen(std::max<qint64>(1, high - low + 1), 0);
    for (int i = 0; i < 6000; ++i) {
        const qint64 x = random.uniformInt(low, high);
        if (high <= low) {
            QCOMPARE(x, low);
            continue;
        }
        QVERIFY(x >= low && x <= high);
        ++seen[x - low];
    }
    // Every value turns up about equally often (6000 / n each, ±25 %).
    if (high > low) {
        const double each = 6000.0 / seen.size();
        for (int count : seen)
            QVERIFY2(std::fabs(count - each) < 0.25 * each, qPrintable(QString::number(count)));
    }
}

void TestSeededRandom::normalMoments()
{
    SeededRandom random(11);
    const int n = 20000;
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = random.normal(5.0, 2.0);
        sum += x;
        squares += x * x;
    }
    const double mean = sum / n;
    const double sd = std::sqrt(squares / n - mean * mean);
    // Standard error of the mean 2 / √20000 = 0.014.
    QVERIFY2(std::fabs(mean - 5.0) < 0.06, qPrintable(QString::number(mean)));
    QVERIFY2(std::fabs(sd - 2.0) < 0.06, qPrintable(QString::number(sd)));
}

void TestSeededRandom::logUniformRange()
{
    SeededRandom random(3);
    int belowGeometricMean = 0;
    for (int i = 0; i < 4000; ++i) {
        const double x = random.logUniform(5.0, 500.0);
        QVERIFY(x >= 5.0 && x < 500.0);
        // Half of a log-uniform draw lies under √(5 × 500) = 50.
        belowGeometricMean += x < 50.0 ? 1 : 0;
    }
    QVERIFY2(std::abs(belowGeometricMean - 2000) < 200,
             qPrintable(QString::number(belowGeometricMean)));
}

void TestSeededRandom::weightedIndex()
{
    SeededRandom random(5);
    // Weights 1, 0, 3: cumulative 1, 1, 4.
    const QList<double> cumulative{1.0, 1.0, 4.0};
    QList<int> seen(3, 0);
    for (int i = 0; i < 8000; ++i)
        ++seen[random.weightedIndex(cumulative)];
    QCOMPARE(seen[1], 0);
    QVERIFY2(std::fabs(seen[0] - 2000) < 200, qPrintable(QString::number(seen[0])));
    QVERIFY2(std::fabs(seen[2] - 6000) < 200, qPrintable(QString::number(seen[2])));
    QCOMPARE(random.weightedIndex({}), qsizetype(-1));
}

QTEST_GUILESS_MAIN(TestSeededRandom)
#include "tst_seededrandom.moc"
