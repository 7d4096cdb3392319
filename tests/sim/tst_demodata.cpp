// The demo world (SPEC §2, §11): waddles, members in real cities, and 30 days
// of hourly usage that follows the daily load curve.
#include "domain/catalogue.h"
#include "domain/placement/locationgroup.h"
#include "domain/placement/recommendation.h"
#include "sim/demodata.h"
#include "sim/loadcurve.h"
#include "sim/seededrandom.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace waddle;
using namespace waddle::sim;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 34, 56), Qt::UTC);

DemoSettings settingsFor(quint64 seed)
{
    DemoSettings settings;
    settings.seed = seed;
    settings.now = kNow;
    return settings;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QString cityKey(const QString &name, const QString &country, domain::GeoPoint point)
{
    return u"%1|%2|%3|%4"_s.arg(name, country).arg(point.latitude).arg(point.longitude);
}

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void figures();
    void deterministic();
    void waddles();
    void membersLiveInRealCities();
    void membersCluster();
    void currentRegions();
    void usageCoversEveryRegionAndHour();
    void usageFieldsInRange();
    void usageFollowsTheDay();
    void emptyInputs();
    void liveUsageInItsWindow();
    void liveUsageFollowsPlacement();
    void liveUsageEdges();
    void meters_data();
    void meters();
    void recordedShare();

private:
    // Live sessions of the suite's world in [from, to), from random stream 4.
    QList<domain::UsageEvent> live(const QDateTime &from, const QDateTime &to,
                                   const QList<domain::Waddle> &waddles) const;
    QList<domain::Region> m_regions;
    DemoData m_data;
};

void TestDemoData::initTestCase()
{
    m_regions = domain::defaultCatalogue();
    QCOMPARE(m_regions.size(), 6);
    QVERIFY(domain::defaultCityTable().size() > 7000);
    QElapsedTimer timer;
    timer.start();
    m_data = generateDemoData(m_regions, domain::defaultCityTable(), settingsFor(1));
    qInfo("generated %lld waddles, %lld members, %lld usage events in %lld ms",
          qlonglong(m_data.waddles.size()), qlonglong(m_data.members.size()),
          qlonglong(m_data.usage.size()), qlonglong(timer.elapsed()));
}

void TestDemoData::figures()
{
    QCOMPARE(m_data.waddles.size(), 240);
    QVERIFY2(m_data.members.size() >= 20'000 && m_data.members.size() <= 40'000,
             qPrintable(QString::number(m_data.members.size())));
    // Tens of thousands of sessions: 6 regions × 720 hours × 2–20.
    QVERIFY(m_data.usage.size() >= 6 * 720 * 2);
    QVERIFY(m_data.usage.size() <= 6 * 720 * 20);
    QVERIFY(m_data.usage.size() > 20'000);
}

void TestDemoData::deterministic()
{
    const DemoData again = generateDemoData(m_regions, domain::defaultCityTable(), settingsFor(1));
    QVERIFY(again.waddles == m_data.waddles);
    QVERIFY(again.members == m_data.members);
    QVERIFY(again.usage == m_data.usage);

    const DemoData other = generateDemoData(m_regions, domain::defaultCityTable(), settingsFor(2));
    QVERIFY(other.waddles != m_data.waddles);
    QVERIFY(other.members != m_data.members);
    QVERIFY(other.usage != m_data.usage);
    // Different names, not just different ids.
    int sameNames = 0;
    for (qsizetype i = 0; i < std::min(other.waddles.size(), m_data.waddles.size()); ++i)
        sameNames += other.waddles.at(i).name == m_data.waddles.at(i).name ? 1 : 0;
    QVERIFY(sameNames < 10);
}

void TestDemoData::waddles()
{
    const QRegularExpression idPattern(u"^w-\\d{4}$"_s);
    const QRegularExpression ownerPattern(u"^owner-\\d{3}$"_s);
    QSet<QString> ids;
    QSet<QString> names;
    QHash<QString, qint64> membersPerWaddle;
    for (const domain::Member &m : std::as_const(m_data.members))
        ++membersPerWaddle[m.waddleId];
    int automatic = 0;
    int silent = 0;
    int smallest = 1000;
    int largest = 0;
    for (const domain::Waddle &w : std::as_const(m_data.waddles)) {
        QVERIFY2(idPattern.match(w.id).hasMatch(), qPrintable(w.id));
        QVERIFY2(ownerPattern.match(w.ownerId).hasMatch(), qPrintable(w.ownerId));
        QVERIFY(!w.name.isEmpty());
        ids.insert(w.id);
        names.insert(w.name);
        QVERIFY(w.memberCount >= 5 && w.memberCount <= 500);
        QCOMPARE(membersPerWaddle.value(w.id), w.memberCount);
        QVERIFY(w.activeVoiceChannels >= 0 && w.activeVoiceChannels <= 4);
        QVERIFY(domain::isValidVoiceRegion(w.voiceRegion));
        QVERIFY(w.updatedAt.isValid() && w.updatedAt <= kNow);
        automatic += w.isAutomatic() ? 1 : 0;
        silent += w.activeVoiceChannels == 0 ? 1 : 0;
        smallest = std::min<int>(smallest, int(w.memberCount));
        largest = std::max<int>(largest, int(w.memberCount));
    }
    QCOMPARE(ids.size(), m_data.waddles.size());
    QCOMPARE(names.size(), m_data.waddles.size());
    QCOMPARE(m_data.waddles.first().id, u"w-0001"_s);
    // About 70 % automatic, 30 % pinned.
    const double share = double(automatic) / m_data.waddles.size();
    QVERIFY2(share > 0.6 && share < 0.8, qPrintable(QString::number(share)));
    QVERIFY(silent > 0 && silent < m_data.waddles.size());
    // Long tail: small and large waddles both present.
    QVERIFY(smallest < 15);
    QVERIFY(largest > 300);

    QSet<QString> memberIds;
    for (const domain::Member &m : std::as_const(m_data.members)) {
        memberIds.insert(m.id);
        QVERIFY(!m.displayName.isEmpty());
    }
    QCOMPARE(memberIds.size(), m_data.members.size());
}

void TestDemoData::membersLiveInRealCities()
{
    QSet<QString> cities;
    for (const domain::City &c : domain::defaultCityTable())
        cities.insert(cityKey(c.name, c.country, c.point));
    for (const domain::Member &m : std::as_const(m_data.members)) {
        QVERIFY2(m.location.has_value(), qPrintable(m.id));
        QVERIFY2(cities.contains(cityKey(m.location->city, m.location->country, m.location->point)),
                 qPrintable(m.location->city));
    }
}

void TestDemoData::membersCluster()
{
    // Distance of each member to the most common city of its waddle, against
    // the distance between members of the whole set paired at random.
    QHash<QString, QHash<QString, int>> cityCounts;
    QHash<QString, domain::GeoPoint> cityPoints;
    for (const domain::Member &m : std::as_const(m_data.members)) {
        const QString key = m.location->city + u'|' + m.location->country;
        ++cityCounts[m.waddleId][key];
        cityPoints.insert(key, m.location->point);
    }
    QHash<QString, domain::GeoPoint> centre;
    for (auto it = cityCounts.cbegin(); it != cityCounts.cend(); ++it) {
        QString best;
        int bestCount = -1;
        for (auto c = it->cbegin(); c != it->cend(); ++c) {
            if (c.value() > bestCount || (c.value() == bestCount && c.key() < best)) {
                best = c.key();
                bestCount = c.value();
            }
        }
        centre.insert(it.key(), cityPoints.value(best));
    }
    QList<double> toCentre;
    for (const domain::Member &m : std::as_const(m_data.members))
        toCentre.append(domain::greatCircleKm(m.location->point, centre.value(m.waddleId)));

    std::mt19937_64 engine(99);
    QList<double> randomPairs;
    const auto n = static_cast<quint64>(m_data.members.size());
    for (int i = 0; i < 20'000; ++i) {
        const domain::Member &a = m_data.members.at(qsizetype(engine() % n));
        const domain::Member &b = m_data.members.at(qsizetype(engine() % n));
        randomPairs.append(domain::greatCircleKm(a.location->point, b.location->point));
    }
    const double clustered = median(toCentre);
    const double random = median(randomPairs);
    qInfo("median km to the waddle's main city %.0f, between random members %.0f", clustered,
          random);
    QVERIFY2(clustered < 0.4 * random, qPrintable(u"%1 vs %2"_s.arg(clustered).arg(random)));
}

void TestDemoData::currentRegions()
{
    QHash<QString, QList<domain::Member>> members;
    for (const domain::Member &m : std::as_const(m_data.members))
        members[m.waddleId].append(m);
    QSet<QString> codes;
    for (const domain::Region &r : std::as_const(m_regions))
        codes.insert(r.code);
    QSet<QString> pinnedTo;
    for (const domain::Waddle &w : std::as_const(m_data.waddles)) {
        QVERIFY2(codes.contains(w.currentRegion), qPrintable(w.id));
        if (!w.isAutomatic()) {
            QCOMPARE(w.currentRegion, w.voiceRegion);
            pinnedTo.insert(w.voiceRegion);
            continue;
        }
        const domain::Result<domain::Recommendation> r =
            domain::recommendRegion(m_regions, domain::groupByLocation(members.value(w.id)));
        QVERIFY(r.ok());
        QCOMPARE(w.currentRegion, r->regionCode);
    }
    QVERIFY(pinnedTo.size() >= 3);
    QHash<QString, int> perRegion;
    for (const domain::Waddle &w : std::as_const(m_data.waddles))
        ++perRegion[w.currentRegion];
    QStringList spread;
    for (const domain::Region &r : std::as_const(m_regions))
        spread.append(u"%1 %2"_s.arg(r.code).arg(perRegion.value(r.code)));
    qInfo("waddles per current region: %s", qPrintable(spread.join(u", "_s)));
    // Members all over the world: every region runs some waddles.
    QCOMPARE(perRegion.size(), m_regions.size());
}

void TestDemoData::usageCoversEveryRegionAndHour()
{
    // The window: the 720 whole hours before 12:00 on 1 May 2024.
    const QDateTime end(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    const QDateTime start = end.addDays(-30);
    QHash<QString, QSet<qint64>> hours;
    for (const domain::UsageEvent &e : std::as_const(m_data.usage)) {
        QVERIFY(e.startedAt >= start && e.startedAt < end);
        hours[e.regionCode].insert(start.secsTo(e.startedAt) / 3600);
    }
    QCOMPARE(hours.size(), m_regions.size());
    for (const domain::Region &r : std::as_const(m_regions))
        QCOMPARE(hours.value(r.code).size(), 720);
}

void TestDemoData::usageFieldsInRange()
{
    QHash<QString, const domain::Waddle *> waddles;
    QHash<QString, int> waddlesOnRegion;
    for (const domain::Waddle &w : std::as_const(m_data.waddles)) {
        waddles.insert(w.id, &w);
        ++waddlesOnRegion[w.currentRegion];
    }
    QSet<QString> ids;
    const QRegularExpression channelPattern(u"^c-(\\d+)$"_s);
    for (const domain::UsageEvent &e : std::as_const(m_data.usage)) {
        ids.insert(e.id);
        const domain::Waddle *w = waddles.value(e.waddleId);
        QVERIFY2(w, qPrintable(e.waddleId));
        if (waddlesOnRegion.value(e.regionCode) > 0)
            QCOMPARE(w->currentRegion, e.regionCode);
        const QRegularExpressionMatch channel = channelPattern.match(e.channelId);
        QVERIFY2(channel.hasMatch(), qPrintable(e.channelId));
        QVERIFY(channel.captured(1).toInt() >= 1);
        QVERIFY(channel.captured(1).toInt() <= std::max(1, w->activeVoiceChannels));
        QVERIFY(e.participants >= 2 && e.participants <= 25);
        QVERIFY(e.participants <= w->memberCount);
        QVERIFY(e.durationSeconds >= 5 * 60 && e.durationSeconds <= 120 * 60);
        QVERIFY2(e.quality >= 3.2 && e.quality <= 4.8, qPrintable(QString::number(e.quality)));
        // Between the model's base over no distance and a half-world RTT.
        QVERIFY2(e.latencyMs >= 1.0 && e.latencyMs < 5.0 + 0.02 * 20'016 * 1.3,
                 qPrintable(QString::number(e.latencyMs)));
    }
    QVERIFY(!m_data.usage.first().id.isEmpty());
    QCOMPARE(ids.size(), m_data.usage.size());
}

void TestDemoData::usageFollowsTheDay()
{
    // Sessions per region-hour in the local evening (18–22 h solar) against
    // the local night (02–06 h), and quality lower when busier.
    QHash<QString, double> longitude;
    for (const domain::Region &r : std::as_const(m_regions))
        longitude.insert(r.code, r.location.longitude);
    double evening = 0.0;
    double night = 0.0;
    double eveningQuality = 0.0;
    double nightQuality = 0.0;
    for (const domain::UsageEvent &e : std::as_const(m_data.usage)) {
        const QDateTime hourStart =
            e.startedAt.addSecs(-(e.startedAt.time().minute() * 60 + e.startedAt.time().second()));
        const double hour = localSolarHour(hourStart.addSecs(1800), longitude.value(e.regionCode));
        if (hour >= 18.0 && hour < 22.0) {
            evening += 1.0;
            eveningQuality += e.quality;
        } else if (hour >= 2.0 && hour < 6.0) {
            night += 1.0;
            nightQuality += e.quality;
        }
    }
    // Same number of region-hours in both windows (4 h × 30 days × 6).
    qInfo("sessions per region-hour: evening %.2f, night %.2f", evening / 720.0, night / 720.0);
    QVERIFY2(evening > 2.0 * night, qPrintable(u"%1 vs %2"_s.arg(evening).arg(night)));
    QVERIFY(eveningQuality / evening < nightQuality / night);
}

void TestDemoData::emptyInputs()
{
    DemoSettings settings = settingsFor(5);
    settings.waddleCount = 3;
    settings.days = 1;
    // No regions: waddles and members, no current region, no usage.
    const DemoData noRegions = generateDemoData({}, domain::defaultCityTable(), settings);
    QCOMPARE(noRegions.waddles.size(), 3);
    QVERIFY(noRegions.usage.isEmpty());
    for (const domain::Waddle &w : noRegions.waddles)
        QVERIFY(w.currentRegion.isEmpty());
    // No cities: members without a location, usage still covers the day.
    const DemoData noCities = generateDemoData(m_regions, {}, settings);
    QCOMPARE(noCities.waddles.size(), 3);
    QVERIFY(!noCities.members.isEmpty());
    QVERIFY(!noCities.members.first().location.has_value());
    QVERIFY(noCities.usage.size() >= 6 * 24 * 2);
    settings.waddleCount = 0;
    QVERIFY(generateDemoData(m_regions, domain::defaultCityTable(), settings).usage.isEmpty());
}

QList<domain::UsageEvent> TestDemoData::live(const QDateTime &from, const QDateTime &to,
                                             const QList<domain::Waddle> &waddles) const
{
    QHash<QString, QList<domain::Member>> byWaddle;
    for (const domain::Member &m : m_data.members)
        byWaddle[m.waddleId].append(m);
    SeededRandom random(SeededRandom::derive(1, 4));
    return generateLiveUsage(
        m_regions, waddles, [&byWaddle](const QString &id) { return byWaddle.value(id); }, from, to,
        domain::RttModel{}, random);
}

void TestDemoData::liveUsageInItsWindow()
{
    // Across an hour boundary, 10:40:10.250 → 14:40:10.250.
    const QDateTime from(QDate(2024, 5, 1), QTime(10, 40, 10, 250), Qt::UTC);
    const QDateTime to = from.addSecs(4 * 3600);
    const QList<domain::UsageEvent> events = live(from, to, m_data.waddles);
    // 6 regions × 4 h × 2–20 sessions an hour (the fraction of each piece drawn).
    QVERIFY2(events.size() >= 6 * 4 * 2 - 6 && events.size() <= 6 * 4 * 20 + 6 * 5,
             qPrintable(QString::number(events.size())));
    QSet<QString> codes;
    for (const domain::Region &r : m_regions)
        codes.insert(r.code);
    for (const domain::UsageEvent &e : events) {
        QVERIFY(e.startedAt >= from && e.startedAt < to);
        QVERIFY(codes.contains(e.regionCode));
        QVERIFY(e.id.isEmpty());
        QVERIFY(e.participants >= 2 && e.participants <= 25);
        QVERIFY(e.durationSeconds >= 5 * 60 && e.durationSeconds <= 120 * 60);
        QVERIFY(e.quality >= 3.2 && e.quality <= 4.8);
        QVERIFY(e.latencyMs >= 1.0);
    }
    // The same stream gives the same sessions; split windows give sessions
    // in each part only.
    QVERIFY(live(from, to, m_data.waddles) == events);
    const QList<domain::UsageEvent> first = live(from, from.addSecs(600), m_data.waddles);
    for (const domain::UsageEvent &e : first)
        QVERIFY(e.startedAt < from.addSecs(600));
}

void TestDemoData::liveUsageFollowsPlacement()
{
    // Every waddle moved to one region: the sessions of that region are
    // theirs; the other regions (serving none) draw from any waddle.
    QList<domain::Waddle> moved = m_data.waddles;
    const QString target = m_regions.first().code;
    for (domain::Waddle &w : moved)
        w.currentRegion = target;
    const QDateTime from(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC);
    const QList<domain::UsageEvent> events = live(from, from.addSecs(6 * 3600), moved);
    QVERIFY(!events.isEmpty());
    QSet<QString> ids;
    for (const domain::Waddle &w : moved)
        ids.insert(w.id);
    int onTarget = 0;
    for (const domain::UsageEvent &e : events) {
        QVERIFY(ids.contains(e.waddleId));
        onTarget += e.regionCode == target ? 1 : 0;
    }
    QVERIFY(onTarget > 0);
}

void TestDemoData::liveUsageEdges()
{
    const QDateTime at(QDate(2024, 5, 1), QTime(9, 0), Qt::UTC);
    QVERIFY(live(at, at, m_data.waddles).isEmpty());
    QVERIFY(live(at, at.addSecs(-60), m_data.waddles).isEmpty());
    QVERIFY(live(at, at.addSecs(3600), {}).isEmpty());
    QVERIFY(live(QDateTime(), at, m_data.waddles).isEmpty());
    // Without members a session still has a latency (the nearest, 1 ms).
    SeededRandom random(7);
    const QList<domain::UsageEvent> bare = generateLiveUsage(
        m_regions, m_data.waddles, {}, at, at.addSecs(3600), domain::RttModel{}, random);
    QVERIFY(!bare.isEmpty());
    for (const domain::UsageEvent &e : bare)
        QVERIFY(e.latencyMs >= 1.0);
}

void TestDemoData::meters_data()
{
    QTest::addColumn<bool>("history");
    QTest::addColumn<QTime>("fleetAt");
    QTest::addColumn<QTime>("waddleAt");
    QTest::newRow("live: both at the minute") << false << QTime(10, 5) << QTime(10, 5);
    QTest::newRow("history: fleet by hour, waddle by day") << true << QTime(10, 0) << QTime(0, 0);
}

void TestDemoData::meters()
{
    QFETCH(bool, history);
    QFETCH(QTime, fleetAt);
    QFETCH(QTime, waddleAt);
    const MeterGrain grain = history ? MeterGrain::History : MeterGrain::Live;
    // One channel of w-x that is recorded and one that is not.
    QString recorded, unrecorded;
    for (int c = 1; recorded.isEmpty() || unrecorded.isEmpty(); ++c) {
        const QString channel = u"c-%1"_s.arg(c);
        (isRecordedChannel(u"w-x"_s, channel) ? recorded : unrecorded) = channel;
    }
    domain::UsageEvent e1;
    e1.waddleId = u"w-x"_s;
    e1.channelId = recorded;
    e1.participants = 3;
    e1.durationSeconds = 600;
    e1.startedAt = QDateTime(QDate(2024, 5, 1), QTime(10, 5, 30), Qt::UTC);
    domain::UsageEvent e2 = e1;
    e2.channelId = unrecorded;
    e2.participants = 2;
    e2.durationSeconds = 60;
    e2.startedAt = QDateTime(QDate(2024, 5, 1), QTime(10, 5, 59), Qt::UTC);

    const QList<domain::ProjectMetricPoint> points = demoMetricPoints({e1, e2}, grain);
    QHash<QString, double> values;
    for (const domain::ProjectMetricPoint &p : points) {
        QCOMPARE(p.point.time, QDateTime(QDate(2024, 5, 1),
                                         p.projectId == u"fleet"_s ? fleetAt : waddleAt, Qt::UTC));
        values.insert(p.projectId + u'/' + p.metric, p.point.value);
    }
    QCOMPARE(points.size(), 6); // three meters, for the fleet and for w-x
    for (const QString &project : {u"fleet"_s, u"w-x"_s}) {
        // 3² streams × 6,000 B/s × 600 s + 2² × 6,000 × 60 = 32.4 MB + 1.44 MB.
        QCOMPARE(values.value(project + u"/bandwidth_usage"_s), 0.03384);
        // Only the recorded channel: 600 s once, at 4,000 B/s.
        QCOMPARE(values.value(project + u"/egress_minutes"_s), 10.0);
        QCOMPARE(values.value(project + u"/storage_usage"_s), 0.0024);
    }
    QVERIFY(demoMetricPoints({}, grain).isEmpty());
}

void TestDemoData::recordedShare()
{
    // One channel in four is recorded, the same answer every time.
    int recorded = 0;
    for (int w = 0; w < 100; ++w) {
        for (int c = 1; c <= 4; ++c) {
            const QString waddle = u"w-%1"_s.arg(w, 4, 10, QLatin1Char('0'));
            const QString channel = u"c-%1"_s.arg(c);
            const bool is = isRecordedChannel(waddle, channel);
            QCOMPARE(isRecordedChannel(waddle, channel), is);
            recorded += is ? 1 : 0;
        }
    }
    QVERIFY2(recorded > 70 && recorded < 130, qPrintable(QString::number(recorded)));
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
