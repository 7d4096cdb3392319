// Issue 8: the numeric kernels' entry guard leaves the vector upper state
// clean (where the CPU can tell), and the kernels give the same results,
// bit for bit, whatever state they were entered in.
#include "domain/analytics/forecast.h"
#include "domain/analytics/timeseries.h"
#include "domain/cpustate.h"
#include "domain/latency.h"
#include "domain/placement/failover.h"
#include "domain/placement/recommendation.h"
#include "domain/placement/routing.h"
#include "domain/projection.h"
#include "fixtures.h"

#include <QDataStream>
#include <QSet>
#include <QTest>

#include <cmath>
#include <functional>
#include <random>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

enum class Dirtying
{
    ShortQHash,   // qHash(QString, non-zero seed) of 2 characters: Qt 6.4's AES hash
    LongQHash,    // the same over 46 characters (its 256-bit loop)
    QSetLookup,   // QSet<QString>::insert + contains: what every QHash/QSet does
    InlineVector, // vpcmpeqb on ymm8 (AVX2): the reduction
};

const QString &shortKey()
{
    static const QString key = u"de"_s;
    return key;
}

const QString &longKey()
{
    static const QString key = u"a region code long enough for the 256-bit loop"_s;
    return key;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// No target("avx2"): GCC would end the function with a `vzeroupper` of its
// own. The assembler takes the instruction anyway; it runs only with AVX2.
__attribute__((noinline)) void setYmm8Upper()
{
    __asm__ volatile("vpcmpeqb %%ymm8, %%ymm8, %%ymm8" ::: "xmm8");
}
bool canSetYmm()
{
    return __builtin_cpu_supports("avx2");
}
#else
void setYmm8Upper() {}
bool canSetYmm()
{
    return false;
}
#endif

// Keeps the hash results observable.
volatile std::size_t g_sink = 0;

// Dirties the state as `how` does, if this CPU lets it. Static data only, so
// that no allocation runs between the dirtying and the check.
void dirty(Dirtying how)
{
    static QSet<QString> set;
    switch (how) {
    case Dirtying::ShortQHash:
        g_sink = qHash(shortKey(), 12345);
        break;
    case Dirtying::LongQHash:
        g_sink = qHash(longKey(), 12345);
        break;
    case Dirtying::QSetLookup:
        set.insert(u"de"_s);
        g_sink = set.contains(u"fr"_s);
        break;
    case Dirtying::InlineVector:
        if (canSetYmm())
            setYmm8Upper();
        break;
    }
}

// Every double of a result, bit for bit.
class Bits
{
public:
    Bits() { m_stream.setFloatingPointPrecision(QDataStream::DoublePrecision); }
    Bits &operator<<(double value)
    {
        m_stream << value;
        return *this;
    }
    Bits &operator<<(qint64 value)
    {
        m_stream << value;
        return *this;
    }
    Bits &operator<<(const QString &text)
    {
        m_stream << text;
        return *this;
    }
    [[nodiscard]] QByteArray bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
    QDataStream m_stream{&m_bytes, QIODevice::WriteOnly};
};

QList<GeoPoint> scatteredPoints(int count, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> latitude(-80.0, 80.0);
    std::uniform_real_distribution<double> longitude(-180.0, 180.0);
    QList<GeoPoint> points;
    for (int i = 0; i < count; ++i)
        points.append({latitude(random), longitude(random)});
    return points;
}

QList<Region> someRegions()
{
    QList<Region> regions;
    const QList<GeoPoint> sites = scatteredPoints(12, 7);
    for (qsizetype i = 0; i < sites.size(); ++i) {
        regions.append(makeRegion(u"r%1"_s.arg(i), sites[i].latitude, sites[i].longitude,
                                  RegionStatus::Online, 100 * i, 10000, int(i % 3)));
    }
    return regions;
}

QList<LocationGroup> someGroups()
{
    QList<LocationGroup> groups;
    const QList<GeoPoint> points = scatteredPoints(3000, 11);
    for (qsizetype i = 0; i < points.size(); ++i)
        groups.append(LocationGroup{points[i], QString(), 1 + i % 17});
    return groups;
}

// Each kernel builds its input, then calls `enter` (which sets the vector
// state), then runs the kernel and returns its result as bits.
using Enter = std::function<void()>;
using Kernel = std::function<QByteArray(const Enter &)>;

QByteArray recommendationBits(const Enter &enter)
{
    const QList<Region> regions = someRegions();
    const QList<LocationGroup> groups = someGroups();
    enter();
    const Result<Recommendation> r = recommendRegion(regions, groups);
    Bits bits;
    bits << r->regionCode;
    for (const RegionScore &s : r->scores)
        bits << s.code << s.averageRttMs << s.geoScore << s.score << s.membersUnderGoodRtt;
    return bits.bytes();
}

QByteArray failoverBits(const Enter &enter)
{
    const QList<Region> regions = someRegions();
    QHash<QString, double> health;
    for (const Region &region : regions)
        health.insert(region.code, 0.5 + 0.01 * region.priority);
    QList<FailoverWaddle> waddles;
    const QList<GeoPoint> points = scatteredPoints(200, 13);
    for (qsizetype i = 0; i < points.size(); ++i)
        waddles.append(FailoverWaddle{u"w%1"_s.arg(i), 10 + i, points[i]});
    enter();
    const Result<FailoverChoice> choice =
        chooseFailoverTarget(regions.front(), regions, health, points.front(), 5);
    const QList<FailoverAssignment> plan = planFailover(regions.front(), regions, health, waddles);
    Bits bits;
    for (const FailoverCandidate &c : choice->ranked)
        bits << c.code << c.distanceKm << c.score;
    for (const FailoverAssignment &a : plan)
        bits << a.waddleId << a.target;
    return bits.bytes();
}

QByteArray routingBits(const Enter &enter)
{
    QList<RegionSignal> regionSignals;
    for (const Region &region : someRegions()) {
        regionSignals.append(RegionSignal{region.code,
                                          {region.location.latitude, region.location.longitude},
                                          RegionStatus::Online,
                                          20.0 + region.priority * 7.5,
                                          0.1 * region.priority,
                                          0.01});
    }
    Router router;
    router.updateWeights(regionSignals);
    const QList<LocationGroup> groups = someGroups();
    enter();
    const auto outcomes = compareStrategies(regionSignals, groups, RttModel{}, router);
    Bits bits;
    for (const StrategyOutcome &o : outcomes.value()) {
        bits << o.meanRttMs << o.p95RttMs;
        for (const auto &[code, share] : o.memberShare)
            bits << code << share;
    }
    return bits.bytes();
}

QByteArray latencyBits(const Enter &enter)
{
    std::mt19937 random(3);
    std::lognormal_distribution<double> rtt(3.5, 0.4);
    QList<LatencySample> samples;
    for (int i = 0; i < 5000; ++i) {
        LatencySample s;
        s.sequence = i;
        s.outcome = i % 23 == 0 ? SampleOutcome::Lost : SampleOutcome::Received;
        s.rttMs = rtt(random);
        samples.append(s);
    }
    enter();
    const LatencyStats stats = computeLatencyStats(samples);
    const int rank = rankWithTies({stats, stats}).front();
    Bits bits;
    bits << stats.averageMs << stats.medianMs << stats.p95Ms << stats.jitterMs
         << stats.jitterRfc3550Ms << stats.lossPercent << qint64(rank);
    return bits.bytes();
}

QByteArray lttbBits(const Enter &enter)
{
    QList<QPointF> series;
    std::mt19937 random(5);
    std::normal_distribution<double> noise(0.0, 3.0);
    for (int i = 0; i < 50000; ++i)
        series.append(QPointF(i, 50.0 + 40.0 * std::sin(i / 900.0) + noise(random)));
    enter();
    const QList<QPointF> sampled = downsampleLttb(series, 500);
    Bits bits;
    for (const QPointF &p : sampled)
        bits << p.x() << p.y();
    return bits.bytes();
}

QByteArray forecastBits(const Enter &enter)
{
    QList<MetricPoint> days;
    const QDateTime start(QDate(2025, 3, 1), QTime(0, 0), Qt::UTC);
    for (int d = 0; d < 30; ++d)
        days.append(MetricPoint{start.addDays(d), 1000.0 + 13.0 * d + 90.0 * std::sin(d * 0.9)});
    enter();
    const Result<Forecast> linear = forecastLinear(days, 14);
    enter();
    const Result<Forecast> holtWinters = forecastHoltWinters(days, 14);
    Bits bits;
    for (const Result<Forecast> &forecast : {linear, holtWinters}) {
        bits << forecast->standardError << forecast->alpha << forecast->beta << forecast->gamma;
        for (const ForecastPoint &p : forecast->points)
            bits << p.predicted << p.low << p.high;
    }
    return bits.bytes();
}

QByteArray projectionBits(const Enter &enter)
{
    // Per point, without a guard inside: what a caller gets when it forgot
    // the guard must still be right, only slower.
    const QList<GeoPoint> points = scatteredPoints(5000, 17);
    Bits bits;
    enter();
    for (const GeoPoint &point : points) {
        const QPointF xy = project(Projection::EqualEarth, point);
        const std::optional<GeoPoint> back = unproject(Projection::EqualEarth, xy);
        bits << xy.x() << xy.y() << back->latitude << back->longitude;
    }
    return bits.bytes();
}

} // namespace

Q_DECLARE_METATYPE(Dirtying)
Q_DECLARE_METATYPE(Kernel)

class TestCpuState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guardLeavesUpperStateClean_data();
    void guardLeavesUpperStateClean();
    void guardIsHarmlessWhenClean();
    void sameResultsCleanAndDirty_data();
    void sameResultsCleanAndDirty();
};

void TestCpuState::guardLeavesUpperStateClean_data()
{
    QTest::addColumn<Dirtying>("how");
    QTest::newRow("seeded qHash, 2 characters") << Dirtying::ShortQHash;
    QTest::newRow("seeded qHash, 46 characters") << Dirtying::LongQHash;
    QTest::newRow("QSet<QString> insert + contains") << Dirtying::QSetLookup;
    QTest::newRow("vpcmpeqb ymm8") << Dirtying::InlineVector;
}

void TestCpuState::guardLeavesUpperStateClean()
{
    QFETCH(Dirtying, how);
    if (!upperVectorStateInUse()) {
        QSKIP("The CPU cannot report the vector upper state (needs x86-64 with XSAVE, "
              "XGETBV with ECX=1 (CPUID.(EAX=0DH,ECX=1):EAX[2]) and AVX enabled by the OS)");
    }
    // Read the state right after each step, before any test macro runs.
    dirty(how);
    const std::optional<bool> before = upperVectorStateInUse();
    clearUpperVectorState();
    const std::optional<bool> after = upperVectorStateInUse();

    if (!before.value_or(false)) {
        QSKIP(how == Dirtying::InlineVector
                  ? "No AVX2 here: nothing can dirty the upper state this way"
                  : "Qt's string hash leaves this CPU's upper state clean for this string "
                    "(its 256-bit paths need VAES and AVX-512VL, and the CPU may see the "
                    "uppers back at zero)");
    }
    QVERIFY2(!after.value_or(true), "clearUpperVectorState() left the upper state in use");
}

void TestCpuState::guardIsHarmlessWhenClean()
{
    clearUpperVectorState();
    clearUpperVectorState();
    if (const std::optional<bool> inUse = upperVectorStateInUse())
        QVERIFY(!*inUse);
}

void TestCpuState::sameResultsCleanAndDirty_data()
{
    QTest::addColumn<Dirtying>("how");
    QTest::addColumn<Kernel>("kernel");
    const QList<std::pair<const char *, Kernel>> kernels{
        {"recommendation", recommendationBits},
        {"failover", failoverBits},
        {"routing strategies", routingBits},
        {"latency stats", latencyBits},
        {"LTTB", lttbBits},
        {"forecasts", forecastBits},
        {"projection there and back", projectionBits},
    };
    for (const auto &[name, kernel] : kernels) {
        QTest::addRow("%s after QSet", name) << Dirtying::QSetLookup << kernel;
        QTest::addRow("%s after vpcmpeqb", name) << Dirtying::InlineVector << kernel;
    }
}

// The state only ever changes how fast, never what: bit-identical doubles.
void TestCpuState::sameResultsCleanAndDirty()
{
    QFETCH(Dirtying, how);
    QFETCH(Kernel, kernel);
    const QByteArray clean = kernel([] { clearUpperVectorState(); });
    const QByteArray dirtyResult = kernel([how] { dirty(how); });
    QVERIFY(!clean.isEmpty());
    QCOMPARE(dirtyResult, clean);
}

QTEST_GUILESS_MAIN(TestCpuState)
#include "tst_cpustate.moc"
