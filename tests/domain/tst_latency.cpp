// SPEC §4: latency statistics over probe samples, quality classes, ties.
#include "domain/latency.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace waddle::domain;

namespace {

// Samples in sequence order; a negative value is a lost sample, NaN one still
// in flight.
QList<LatencySample> samples(const QList<double> &rtts)
{
    QList<LatencySample> out;
    for (qsizetype i = 0; i < rtts.size(); ++i) {
        LatencySample s;
        s.sequence = static_cast<int>(i);
        if (std::isnan(rtts.at(i))) {
            s.outcome = SampleOutcome::InFlight;
        } else if (rtts.at(i) < 0) {
            s.outcome = SampleOutcome::Lost;
            s.error = QStringLiteral("timeout after 5000 ms");
        } else {
            s.outcome = SampleOutcome::Received;
            s.rttMs = rtts.at(i);
        }
        out.append(s);
    }
    return out;
}

LatencyStats statsWith(double average, double min, double max)
{
    LatencyStats s;
    s.sent = s.received = 5;
    s.averageMs = average;
    s.minimumMs = min;
    s.maximumMs = max;
    return s;
}

constexpr double kLost = -1.0;
const double kWaiting = qQNaN();

} // namespace

class TestLatency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stats_data();
    void stats();
    void rfc3550Jitter();
    void samplesAreOrderedBySequence();
    void quality_data();
    void quality();
    void percentile_data();
    void percentile();
    void ties();
    void jsonRoundTrip();
    void jsonRejects_data();
    void jsonRejects();
};

void TestLatency::stats_data()
{
    QTest::addColumn<QList<double>>("rtts");
    QTest::addColumn<int>("received");
    QTest::addColumn<int>("lost");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("minimum");
    QTest::addColumn<double>("maximum");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("p95");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<double>("loss");
    QTest::addColumn<bool>("unreachable");
    QTest::addColumn<LatencyQuality>("quality");

    // 20 30 25 40 35: mean 150/5 = 30; sorted 20 25 30 35 40 → median 30;
    // p95 rank 0.95 × 4 = 3.8 → 35 + 0.8 × 5 = 39; jitter (10+5+15+5)/4 = 8.75.
    QTest::newRow("five replies") << QList<double>{20, 30, 25, 40, 35} << 5 << 0 << 30.0 << 20.0
                                  << 40.0 << 30.0 << 39.0 << 8.75 << 0.0 << false
                                  << LatencyQuality::Excellent;
    // 20 lost 30 lost 40: valid 20 30 40 → mean 30, jitter over consecutive
    // valid samples (10 + 10)/2 = 10; p95 rank 1.9 → 30 + 0.9 × 10 = 39;
    // loss 2/5 = 40 %.
    QTest::newRow("two lost") << QList<double>{20, kLost, 30, kLost, 40} << 3 << 2 << 30.0 << 20.0
                              << 40.0 << 30.0 << 39.0 << 10.0 << 40.0 << false
                              << LatencyQuality::Excellent;
    // Even count: 100 120 → median (100 + 120)/2 = 110; p95 rank 0.95 → 100 +
    // 0.95 × 20 = 119; jitter 20; mean 110 → fair.
    QTest::newRow("even count") << QList<double>{100, 120} << 2 << 0 << 110.0 << 100.0 << 120.0
                                << 110.0 << 119.0 << 20.0 << 0.0 << false << LatencyQuality::Fair;
    // One reply: every figure is that reply, jitter 0.
    QTest::newRow("single") << QList<double>{42} << 1 << 0 << 42.0 << 42.0 << 42.0 << 42.0 << 42.0
                            << 0.0 << 0.0 << false << LatencyQuality::Excellent;
    // 20 30 waiting lost waiting: finished = 5 − 2 = 3, loss 1/3 = 33.33 %
    // (mtr: a probe in flight is not lost).
    QTest::newRow("in flight is not lost")
        << QList<double>{20, 30, kWaiting, kLost, kWaiting} << 2 << 1 << 25.0 << 20.0 << 30.0
        << 25.0 << 29.5 << 10.0 << 100.0 / 3.0 << false << LatencyQuality::Excellent;
    // All lost: unreachable, never a division by zero.
    QTest::newRow("all lost") << QList<double>{kLost, kLost, kLost, kLost, kLost} << 0 << 5 << 0.0
                              << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << 100.0 << true
                              << LatencyQuality::Unreachable;
    QTest::newRow("no samples") << QList<double>{} << 0 << 0 << 0.0 << 0.0 << 0.0 << 0.0 << 0.0
                                << 0.0 << 0.0 << false << LatencyQuality::Unknown;
    QTest::newRow("only waiting") << QList<double>{kWaiting, kWaiting} << 0 << 0 << 0.0 << 0.0
                                  << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << false
                                  << LatencyQuality::Unknown;
    // 150 160 170: mean 160 → poor.
    QTest::newRow("poor") << QList<double>{150, 160, 170} << 3 << 0 << 160.0 << 150.0 << 170.0
                          << 160.0 << 169.0 << 10.0 << 0.0 << false << LatencyQuality::Poor;
}

void TestLatency::stats()
{
    QFETCH(QList<double>, rtts);
    QFETCH(int, received);
    QFETCH(int, lost);
    QFETCH(double, average);
    QFETCH(double, minimum);
    QFETCH(double, maximum);
    QFETCH(double, median);
    QFETCH(double, p95);
    QFETCH(double, jitter);
    QFETCH(double, loss);
    QFETCH(bool, unreachable);
    QFETCH(LatencyQuality, quality);

    const LatencyStats s = computeLatencyStats(samples(rtts));
    QCOMPARE(s.sent, rtts.size());
    QCOMPARE(s.received, received);
    QCOMPARE(s.lost, lost);
    QCOMPARE(s.averageMs, average);
    QCOMPARE(s.minimumMs, minimum);
    QCOMPARE(s.maximumMs, maximum);
    QCOMPARE(s.medianMs, median);
    QVERIFY(std::fabs(s.p95Ms - p95) < 1e-9);
    QCOMPARE(s.jitterMs, jitter);
    QVERIFY(std::fabs(s.lossPercent - loss) < 1e-9);
    QCOMPARE(s.unreachable, unreachable);
    QCOMPARE(toString(s.quality), toString(quality));
}

void TestLatency::rfc3550Jitter()
{
    // 20 30 25 40 35: |D| = 10, 5, 15, 5; J += (|D| − J)/16:
    // J1 = 0.625; J2 = 0.625 + 4.375/16 = 0.8984375;
    // J3 = 0.8984375 + 14.1015625/16 = 1.77978515625;
    // J4 = 1.77978515625 + 3.22021484375/16 = 1.981048583984375.
    const LatencyStats s = computeLatencyStats(samples({20, 30, 25, 40, 35}));
    QCOMPARE(s.jitterRfc3550Ms, 1.981048583984375);
}

void TestLatency::samplesAreOrderedBySequence()
{
    // Replies arrive out of order; jitter is over the sending order:
    // 20 30 40 → (10 + 10)/2 = 10 (in arrival order 40 20 30 it would be 15).
    QList<LatencySample> arrived = samples({20, 30, 40});
    std::swap(arrived[0], arrived[2]);
    std::swap(arrived[1], arrived[2]);
    QCOMPARE(computeLatencyStats(arrived).jitterMs, 10.0);
}

void TestLatency::quality_data()
{
    QTest::addColumn<double>("average");
    QTest::addColumn<LatencyQuality>("quality");
    QTest::newRow("0") << 0.0 << LatencyQuality::Excellent;
    QTest::newRow("49.9") << 49.9 << LatencyQuality::Excellent;
    QTest::newRow("50") << 50.0 << LatencyQuality::Good;
    QTest::newRow("99.99") << 99.99 << LatencyQuality::Good;
    QTest::newRow("100") << 100.0 << LatencyQuality::Fair;
    QTest::newRow("149.9") << 149.9 << LatencyQuality::Fair;
    QTest::newRow("150") << 150.0 << LatencyQuality::Poor;
    QTest::newRow("4000") << 4000.0 << LatencyQuality::Poor;
}

void TestLatency::quality()
{
    QFETCH(double, average);
    QFETCH(LatencyQuality, quality);
    QCOMPARE(toString(qualityForAverage(average)), toString(quality));
    QVERIFY(latencyQualityFromString(toString(quality)) == quality);
}

void TestLatency::percentile_data()
{
    QTest::addColumn<QList<double>>("sorted");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("value");
    QTest::newRow("empty") << QList<double>{} << 0.5 << 0.0;
    QTest::newRow("p0") << QList<double>{1, 2, 3} << 0.0 << 1.0;
    QTest::newRow("p100") << QList<double>{1, 2, 3} << 1.0 << 3.0;
    // rank 0.5 × 3 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5
    QTest::newRow("median of four") << QList<double>{1, 2, 3, 4} << 0.5 << 2.5;
    // rank 0.95 × 9 = 8.55 → 9 + 0.55 × 1 = 9.55
    QTest::newRow("p95 of 1..10") << QList<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10} << 0.95 << 9.55;
}

void TestLatency::percentile()
{
    QFETCH(QList<double>, sorted);
    QFETCH(double, p);
    QFETCH(double, value);
    QVERIFY(std::fabs(percentileOfSorted(sorted, p) - value) < 1e-12);
}

void TestLatency::ties()
{
    LatencyStats unreachable;
    unreachable.sent = unreachable.lost = 5;
    unreachable.unreachable = true;
    const LatencyStats unmeasured;
    // Input order: C, A, unreachable, B, unmeasured, D.
    // By average: A 30 [25, 35], B 33 [31, 36] overlaps A → tied at 1;
    // C 60 [55, 65] → 3 (55 > B's max 36); D 61 [62, 70]: 62 ≤ C's max 65 →
    // tied with C at 3; the two without replies share 5.
    const QList<LatencyStats> results{statsWith(60, 55, 65),
                                      statsWith(30, 25, 35),
                                      unreachable,
                                      statsWith(33, 31, 36),
                                      unmeasured,
                                      statsWith(61, 62, 70)};
    QCOMPARE(rankWithTies(results), (QList<int>{3, 1, 5, 1, 5, 3}));
    // Apart: 10 [9, 11] and 20 [19, 21] → 1 and 2.
    QCOMPARE(rankWithTies({statsWith(20, 19, 21), statsWith(10, 9, 11)}), (QList<int>{2, 1}));
    QCOMPARE(rankWithTies({}), QList<int>{});
}

void TestLatency::jsonRoundTrip()
{
    const LatencyStats s = computeLatencyStats(samples({20, kLost, 30, kWaiting, 40}));
    const Result<LatencyStats> back = latencyStatsFromJson(toJson(s));
    QVERIFY(back.ok());
    QCOMPARE(*back, s);
    QCOMPARE(toJson(s).value(QStringLiteral("quality")).toString(), QStringLiteral("excellent"));

    for (const LatencySample &sample : samples({20, kLost, kWaiting})) {
        const Result<LatencySample> decoded = latencySampleFromJson(toJson(sample));
        QVERIFY(decoded.ok());
        QVERIFY(decoded->outcome == sample.outcome);
        QCOMPARE(decoded->rttMs, sample.rttMs);
        QCOMPARE(decoded->error, sample.error);
    }
}

void TestLatency::jsonRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    const QByteArray good = QJsonDocument(toJson(computeLatencyStats(samples({20, 30})))).toJson();
    auto with = [&good](const char *key, const QJsonValue &value) {
        QJsonObject o = QJsonDocument::fromJson(good).object();
        o.insert(QLatin1String(key), value);
        return QJsonDocument(o).toJson();
    };
    QTest::newRow("loss over 100") << with("loss", 101) << QStringLiteral("loss");
    QTest::newRow("negative average") << with("average", -1) << QStringLiteral("average");
    QTest::newRow("quality unknown word")
        << with("quality", QStringLiteral("superb")) << QStringLiteral("quality");
    QTest::newRow("count as text") << with("sent", QStringLiteral("2")) << QStringLiteral("sent");
    QTest::newRow("counts disagree") << with("sent", 3) << QStringLiteral("sent");
}

void TestLatency::jsonRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const Result<LatencyStats> s = latencyStatsFromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field, field);
    QVERIFY(s.error().message.startsWith(field));
}

QTEST_GUILESS_MAIN(TestLatency)
#include "tst_latency.moc"
