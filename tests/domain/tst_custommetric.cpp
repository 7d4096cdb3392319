#include "domain/analytics/custommetric.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

QJsonObject condition(const QString &field, const QString &op, const QJsonValue &value)
{
    QJsonObject json{{QStringLiteral("field"), field}, {QStringLiteral("op"), op}};
    if (!value.isUndefined())
        json.insert(QStringLiteral("value"), value);
    return json;
}

QJsonObject goodMetric()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("m1")},
        {QStringLiteral("project_id"), QStringLiteral("p1")},
        {QStringLiteral("name"), QStringLiteral("EU big calls")},
        {QStringLiteral("description"),
         QStringLiteral("Minutes of calls with 5+ people in Europe")},
        {QStringLiteral("type"), QStringLiteral("counter")},
        {QStringLiteral("unit"), QStringLiteral("s")},
        {QStringLiteral("aggregation"), QStringLiteral("sum")},
        {QStringLiteral("filter"),
         QJsonArray{condition(QStringLiteral("region"), QStringLiteral("in"),
                              QJsonArray{QStringLiteral("eu-west"), QStringLiteral("eu-north")}),
                    condition(QStringLiteral("participant_count"), QStringLiteral("gte"), 5)}},
    };
}

QJsonObject withFilter(const QJsonObject &single)
{
    return with(goodMetric(), QStringLiteral("filter"), QJsonArray{single});
}

UsageEvent sampleEvent()
{
    UsageEvent e;
    e.regionCode = QStringLiteral("eu-west");
    e.waddleId = QStringLiteral("w1");
    e.channelId = QStringLiteral("c1");
    e.participants = 5;
    e.durationSeconds = 600.0;
    e.quality = 4.0;
    e.latencyMs = 40.0;
    e.startedAt = QDateTime(QDate(2025, 1, 20), QTime(10, 0), Qt::UTC);
    return e;
}

MetricFilter filter(const QString &field, FilterOp op, const QJsonValue &value)
{
    return MetricFilter{field, op, value};
}

} // namespace

class TestCustomMetric : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names();
    void fields();
    void decodesFields();
    void roundTrip_data();
    void roundTrip();
    void decode_data();
    void decode();
    void matches_data();
    void matches();
    void matchesAll();
    void metricValue_data();
    void metricValue();
    void accumulate_data();
    void accumulate();
};

void TestCustomMetric::names()
{
    for (const auto &entry : kMetricTypeNames) {
        QVERIFY(metricTypeFromString(QString(entry.name)) == entry.value);
        QCOMPARE(toString(entry.value), QString(entry.name));
    }
    QCOMPARE(enumNames(kMetricTypeNames),
             (QStringList{QStringLiteral("counter"), QStringLiteral("gauge"),
                          QStringLiteral("histogram")}));
    for (const auto &entry : kFilterOpNames) {
        QVERIFY(filterOpFromString(QString(entry.name)) == entry.value);
        QCOMPARE(toString(entry.value), QString(entry.name));
    }
    QCOMPARE(enumNames(kFilterOpNames).join(u','), QStringLiteral("eq,ne,gt,gte,lt,lte,in"));
    QCOMPARE(enumNames(kAggregationNames).join(u','), QStringLiteral("sum,avg,min,max,count"));
    QVERIFY(!metricTypeFromString(QStringLiteral("summary")));
    QVERIFY(!filterOpFromString(QStringLiteral("regex")));
}

void TestCustomMetric::fields()
{
    QCOMPARE(filterableFields(),
             (QStringList{QStringLiteral("region"), QStringLiteral("waddle_id"),
                          QStringLiteral("channel_id"), QStringLiteral("participant_count"),
                          QStringLiteral("duration_seconds"), QStringLiteral("quality"),
                          QStringLiteral("latency_ms")}));
    QVERIFY(isFilterableField(QStringLiteral("quality")));
    QVERIFY(!isFilterableField(QStringLiteral("started_at")));
    QVERIFY(!isFilterableField(QStringLiteral("$where")));
    QVERIFY(isNumericFilterField(QStringLiteral("latency_ms")));
    QVERIFY(!isNumericFilterField(QStringLiteral("region")));
}

void TestCustomMetric::decodesFields()
{
    const Result<CustomMetric> decoded = customMetricFromJson(goodMetric());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const CustomMetric &m = decoded.value();
    QCOMPARE(m.id, QStringLiteral("m1"));
    QCOMPARE(m.projectId, QStringLiteral("p1"));
    QCOMPARE(m.name, QStringLiteral("EU big calls"));
    QVERIFY(m.type == MetricType::Counter);
    QCOMPARE(m.unit, QStringLiteral("s"));
    QVERIFY(m.aggregation == Aggregation::Sum);
    QCOMPARE(m.filter.size(), 2);
    QCOMPARE(m.filter.at(0),
             filter(QStringLiteral("region"), FilterOp::In,
                    QJsonArray{QStringLiteral("eu-west"), QStringLiteral("eu-north")}));
    QCOMPARE(m.filter.at(1), filter(QStringLiteral("participant_count"), FilterOp::Gte, 5));

    const CustomMetric bare =
        customMetricFromJson(without(without(without(goodMetric(), QStringLiteral("filter")),
                                             QStringLiteral("description")),
                                     QStringLiteral("unit")))
            .value();
    QVERIFY(bare.filter.isEmpty());
    QCOMPARE(bare.valueField, QStringLiteral("participant_minutes"));
    QVERIFY(bare.description.isEmpty());
    QVERIFY(bare.unit.isEmpty());
}

void TestCustomMetric::roundTrip_data()
{
    QTest::addColumn<CustomMetric>("metric");

    CustomMetric m;
    m.id = QStringLiteral("m7");
    m.projectId = QStringLiteral("p1");
    m.name = QStringLiteral("Poor calls");
    m.description = QStringLiteral("Average latency of calls below quality 3");
    m.type = MetricType::Gauge;
    m.unit = QStringLiteral("ms");
    m.aggregation = Aggregation::Average;
    m.filter = {filter(QStringLiteral("quality"), FilterOp::Lt, 3.0),
                filter(QStringLiteral("waddle_id"), FilterOp::Ne, QStringLiteral("w-test")),
                filter(QStringLiteral("latency_ms"), FilterOp::In, QJsonArray{100, 250.5})};
    QTest::newRow("gauge, avg, three conditions") << m;

    CustomMetric draft = m;
    draft.id.clear();
    draft.filter.clear();
    draft.type = MetricType::Histogram;
    draft.aggregation = Aggregation::Count;
    QTest::newRow("draft, no filter") << draft;

    for (const auto &entry : kAggregationNames) {
        CustomMetric a = m;
        a.aggregation = entry.value;
        QTest::newRow(qPrintable(QStringLiteral("aggregation ") + QString(entry.name))) << a;
    }
}

void TestCustomMetric::roundTrip()
{
    QFETCH(CustomMetric, metric);
    const QJsonObject json = toJson(metric);
    QCOMPARE(json.contains(QStringLiteral("id")), !metric.id.isEmpty());
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const Result<CustomMetric> decoded =
        customMetricFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), metric);
}

void TestCustomMetric::decode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    const QString region = QStringLiteral("region");
    const QString quality = QStringLiteral("quality");

    QTest::newRow("metric") << QJsonValue(goodMetric()) << QString();
    QTest::newRow("missing project_id")
        << QJsonValue(without(goodMetric(), QStringLiteral("project_id")))
        << QStringLiteral("project_id");
    QTest::newRow("empty name") << QJsonValue(with(goodMetric(), QStringLiteral("name"), QString()))
                                << QStringLiteral("name");
    QTest::newRow("description a number")
        << QJsonValue(with(goodMetric(), QStringLiteral("description"), 1))
        << QStringLiteral("description");
    QTest::newRow("type gauge") << QJsonValue(with(goodMetric(), QStringLiteral("type"),
                                                   QStringLiteral("gauge")))
                                << QString();
    QTest::newRow("type summary") << QJsonValue(with(goodMetric(), QStringLiteral("type"),
                                                     QStringLiteral("summary")))
                                  << QStringLiteral("type");
    QTest::newRow("missing type") << QJsonValue(without(goodMetric(), QStringLiteral("type")))
                                  << QStringLiteral("type");
    QTest::newRow("aggregation avg")
        << QJsonValue(with(goodMetric(), QStringLiteral("aggregation"), QStringLiteral("avg")))
        << QString();
    QTest::newRow("aggregation average")
        << QJsonValue(with(goodMetric(), QStringLiteral("aggregation"), QStringLiteral("average")))
        << QStringLiteral("aggregation");
    QTest::newRow("aggregation median")
        << QJsonValue(with(goodMetric(), QStringLiteral("aggregation"), QStringLiteral("median")))
        << QStringLiteral("aggregation");
    QTest::newRow("missing aggregation")
        << QJsonValue(without(goodMetric(), QStringLiteral("aggregation")))
        << QStringLiteral("aggregation");
    QTest::newRow("value_field latency_ms")
        << QJsonValue(
               with(goodMetric(), QStringLiteral("value_field"), QStringLiteral("latency_ms")))
        << QString();
    QTest::newRow("value_field region (text)")
        << QJsonValue(with(goodMetric(), QStringLiteral("value_field"), QStringLiteral("region")))
        << QStringLiteral("value_field");
    QTest::newRow("value_field started_at")
        << QJsonValue(
               with(goodMetric(), QStringLiteral("value_field"), QStringLiteral("started_at")))
        << QStringLiteral("value_field");
    QTest::newRow("value_field a number")
        << QJsonValue(with(goodMetric(), QStringLiteral("value_field"), 3))
        << QStringLiteral("value_field");

    QTest::newRow("filter a raw query")
        << QJsonValue(with(goodMetric(), QStringLiteral("filter"),
                           QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-west")}}))
        << QStringLiteral("filter");
    QTest::newRow("filter item a string")
        << QJsonValue(with(goodMetric(), QStringLiteral("filter"),
                           QJsonArray{QStringLiteral("region = eu-west")}))
        << QStringLiteral("filter[0]");

    // Fields.
    QTest::newRow("field unknown")
        << QJsonValue(withFilter(condition(QStringLiteral("started_at"), QStringLiteral("gt"), 0)))
        << QStringLiteral("filter[0].field");
    QTest::newRow("field a query operator")
        << QJsonValue(withFilter(condition(QStringLiteral("$where"), QStringLiteral("eq"), 1)))
        << QStringLiteral("filter[0].field");
    QTest::newRow("field missing")
        << QJsonValue(withFilter(
               without(condition(region, QStringLiteral("eq"), QStringLiteral("eu-west")),
                       QStringLiteral("field"))))
        << QStringLiteral("filter[0].field");

    // Operators.
    QTest::newRow("op regex") << QJsonValue(withFilter(condition(region, QStringLiteral("regex"),
                                                                 QStringLiteral("eu-.*"))))
                              << QStringLiteral("filter[0].op");
    QTest::newRow("op missing") << QJsonValue(
                                       withFilter(without(condition(region, QStringLiteral("eq"),
                                                                    QStringLiteral("eu-west")),
                                                          QStringLiteral("op"))))
                                << QStringLiteral("filter[0].op");
    QTest::newRow("text eq") << QJsonValue(withFilter(condition(region, QStringLiteral("eq"),
                                                                QStringLiteral("eu-west"))))
                             << QString();
    QTest::newRow("text ne") << QJsonValue(withFilter(condition(QStringLiteral("channel_id"),
                                                                QStringLiteral("ne"),
                                                                QStringLiteral("c9"))))
                             << QString();
    QTest::newRow("text gt") << QJsonValue(withFilter(condition(QStringLiteral("waddle_id"),
                                                                QStringLiteral("gt"),
                                                                QStringLiteral("w1"))))
                             << QStringLiteral("filter[0].op");

    // Values.
    QTest::newRow("numeric lte") << QJsonValue(
                                        withFilter(condition(quality, QStringLiteral("lte"), 2.5)))
                                 << QString();
    QTest::newRow("value missing")
        << QJsonValue(withFilter(condition(quality, QStringLiteral("lt"), QJsonValue::Undefined)))
        << QStringLiteral("filter[0].value");
    QTest::newRow("value null") << QJsonValue(withFilter(
                                       condition(quality, QStringLiteral("lt"), QJsonValue::Null)))
                                << QStringLiteral("filter[0].value");
    QTest::newRow("numeric given text")
        << QJsonValue(withFilter(condition(quality, QStringLiteral("lt"), QStringLiteral("3"))))
        << QStringLiteral("filter[0].value");
    QTest::newRow("numeric NaN") << QJsonValue(withFilter(
                                        condition(quality, QStringLiteral("eq"), qQNaN())))
                                 << QStringLiteral("filter[0].value");
    QTest::newRow("text given number")
        << QJsonValue(withFilter(condition(QStringLiteral("waddle_id"), QStringLiteral("eq"), 1)))
        << QStringLiteral("filter[0].value");
    QTest::newRow("region not a code")
        << QJsonValue(
               withFilter(condition(region, QStringLiteral("eq"), QStringLiteral("EU West"))))
        << QStringLiteral("filter[0].value");
    QTest::newRow("eq given an array")
        << QJsonValue(withFilter(
               condition(region, QStringLiteral("eq"), QJsonArray{QStringLiteral("eu-west")})))
        << QStringLiteral("filter[0].value");
    QTest::newRow("value an object (raw query)")
        << QJsonValue(withFilter(
               condition(quality, QStringLiteral("gt"), QJsonObject{{QStringLiteral("$gt"), 3}})))
        << QStringLiteral("filter[0].value");

    // `in`.
    QTest::newRow("in numbers") << QJsonValue(withFilter(
                                       condition(QStringLiteral("participant_count"),
                                                 QStringLiteral("in"), QJsonArray{2, 3})))
                                << QString();
    QTest::newRow("in a scalar") << QJsonValue(withFilter(condition(region, QStringLiteral("in"),
                                                                    QStringLiteral("eu-west"))))
                                 << QStringLiteral("filter[0].value");
    QTest::newRow("in empty") << QJsonValue(withFilter(
                                     condition(region, QStringLiteral("in"), QJsonArray{})))
                              << QStringLiteral("filter[0].value");
    QTest::newRow("in mixed types")
        << QJsonValue(withFilter(
               condition(region, QStringLiteral("in"), QJsonArray{QStringLiteral("eu-west"), 3})))
        << QStringLiteral("filter[0].value[1]");
    QTest::newRow("in bad region")
        << QJsonValue(withFilter(
               condition(region, QStringLiteral("in"),
                         QJsonArray{QStringLiteral("eu-west"), QStringLiteral("eu-north"),
                                    QStringLiteral("Mars")})))
        << QStringLiteral("filter[0].value[2]");
    QTest::newRow("in numbers with text")
        << QJsonValue(withFilter(
               condition(quality, QStringLiteral("in"), QJsonArray{1, QStringLiteral("2")})))
        << QStringLiteral("filter[0].value[1]");

    // The second condition names its own index.
    QTest::newRow("second condition")
        << QJsonValue(with(goodMetric(), QStringLiteral("filter"),
                           QJsonArray{condition(quality, QStringLiteral("gt"), 3),
                                      condition(quality, QStringLiteral("between"), 3)}))
        << QStringLiteral("filter[1].op");
}

void TestCustomMetric::decode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<CustomMetric> decoded = customMetricFromJson(json, QStringLiteral("metrics[2]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("metrics[2].") + field;
    QCOMPARE(decoded.error().field, full);
    // contains, not startsWith: a nested decoder's message may name the path
    // twice until JsonReader::adopt keeps nested messages as they are.
    QVERIFY2(decoded.error().message.contains(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));

    // The filter decoder on its own names its fields the same way.
    if (field.startsWith(QStringLiteral("filter[0]."))) {
        const QJsonValue condition =
            json.toObject().value(QStringLiteral("filter")).toArray().at(0);
        const Result<MetricFilter> alone = metricFilterFromJson(condition, QStringLiteral("f"));
        const QString aloneField =
            QStringLiteral("f") + field.mid(QStringLiteral("filter[0]").size());
        QCOMPARE(alone.error().field, aloneField);
        QVERIFY2(alone.error().message.startsWith(aloneField + QStringLiteral(": ")),
                 qPrintable(alone.error().message));
    }
}

void TestCustomMetric::matches_data()
{
    QTest::addColumn<MetricFilter>("condition");
    QTest::addColumn<bool>("match");

    // sampleEvent(): eu-west, w1, c1, 5 people, 600 s, quality 4, 40 ms.
    const QString region = QStringLiteral("region");
    QTest::newRow("region eq") << filter(region, FilterOp::Eq, QStringLiteral("eu-west")) << true;
    QTest::newRow("region eq other")
        << filter(region, FilterOp::Eq, QStringLiteral("us-east")) << false;
    QTest::newRow("region ne") << filter(region, FilterOp::Ne, QStringLiteral("us-east")) << true;
    QTest::newRow("region ne same")
        << filter(region, FilterOp::Ne, QStringLiteral("eu-west")) << false;
    QTest::newRow("region in") << filter(region, FilterOp::In,
                                         QJsonArray{QStringLiteral("us-east"),
                                                    QStringLiteral("eu-west")})
                               << true;
    QTest::newRow("region not in")
        << filter(region, FilterOp::In, QJsonArray{QStringLiteral("us-east")}) << false;
    QTest::newRow("waddle eq") << filter(QStringLiteral("waddle_id"), FilterOp::Eq,
                                         QStringLiteral("w1"))
                               << true;
    QTest::newRow("channel eq") << filter(QStringLiteral("channel_id"), FilterOp::Eq,
                                          QStringLiteral("c2"))
                                << false;

    const QString people = QStringLiteral("participant_count");
    QTest::newRow("people gt 4") << filter(people, FilterOp::Gt, 4) << true;
    QTest::newRow("people gt 5") << filter(people, FilterOp::Gt, 5) << false;
    QTest::newRow("people gte 5") << filter(people, FilterOp::Gte, 5) << true;
    QTest::newRow("people gte 6") << filter(people, FilterOp::Gte, 6) << false;
    QTest::newRow("people lt 5") << filter(people, FilterOp::Lt, 5) << false;
    QTest::newRow("people lt 6") << filter(people, FilterOp::Lt, 6) << true;
    QTest::newRow("people lte 5") << filter(people, FilterOp::Lte, 5) << true;
    QTest::newRow("people lte 4") << filter(people, FilterOp::Lte, 4) << false;
    QTest::newRow("people eq 5") << filter(people, FilterOp::Eq, 5) << true;
    QTest::newRow("people eq 5.0") << filter(people, FilterOp::Eq, 5.0) << true;
    QTest::newRow("people in 1,5") << filter(people, FilterOp::In, QJsonArray{1, 5}) << true;
    QTest::newRow("duration gte 600")
        << filter(QStringLiteral("duration_seconds"), FilterOp::Gte, 600) << true;
    QTest::newRow("quality lt 4") << filter(QStringLiteral("quality"), FilterOp::Lt, 4) << false;
    QTest::newRow("latency lte 40")
        << filter(QStringLiteral("latency_ms"), FilterOp::Lte, 40) << true;
    QTest::newRow("latency ne 40")
        << filter(QStringLiteral("latency_ms"), FilterOp::Ne, 40) << false;

    // Conditions that could not have been decoded still never match by accident.
    QTest::newRow("unknown field")
        << filter(QStringLiteral("started_at"), FilterOp::Eq, 1) << false;
    QTest::newRow("text compared with a number") << filter(region, FilterOp::Eq, 1) << false;
    QTest::newRow("text ordered") << filter(region, FilterOp::Gt, QStringLiteral("a")) << false;
}

void TestCustomMetric::matches()
{
    QFETCH(MetricFilter, condition);
    QFETCH(bool, match);
    QCOMPARE(waddle::domain::matches(condition, sampleEvent()), match);
}

void TestCustomMetric::matchesAll()
{
    const UsageEvent event = sampleEvent();
    QVERIFY(waddle::domain::matches(QList<MetricFilter>{}, event));
    const CustomMetric metric = customMetricFromJson(goodMetric()).value();
    QVERIFY(waddle::domain::matches(metric.filter, event)); // eu-west and 5 people

    UsageEvent small = event;
    small.participants = 4;
    QVERIFY(!waddle::domain::matches(metric.filter, small));
    UsageEvent elsewhere = event;
    elsewhere.regionCode = QStringLiteral("us-east");
    QVERIFY(!waddle::domain::matches(metric.filter, elsewhere));
}

void TestCustomMetric::metricValue_data()
{
    QTest::addColumn<QString>("valueField");
    QTest::addColumn<double>("expected");

    // The event: 6 participants for 90 s, quality 4.25, 37.5 ms.
    QTest::newRow("participant_minutes: 6 × 90 / 60")
        << QStringLiteral("participant_minutes") << 9.0;
    QTest::newRow("participant_count") << QStringLiteral("participant_count") << 6.0;
    QTest::newRow("duration_seconds") << QStringLiteral("duration_seconds") << 90.0;
    QTest::newRow("quality") << QStringLiteral("quality") << 4.25;
    QTest::newRow("latency_ms") << QStringLiteral("latency_ms") << 37.5;
}

void TestCustomMetric::metricValue()
{
    QFETCH(QString, valueField);
    QFETCH(double, expected);
    UsageEvent event;
    event.participants = 6;
    event.durationSeconds = 90.0;
    event.quality = 4.25;
    event.latencyMs = 37.5;
    CustomMetric metric;
    metric.valueField = valueField;
    QCOMPARE(waddle::domain::metricValue(metric, event), expected);
    QVERIFY(isValueField(valueField));
    QVERIFY(valueFields().contains(valueField));
}

void TestCustomMetric::accumulate_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<bool>("hasValue");
    QTest::addColumn<double>("expected");

    const QList<double> values{4.0, -1.5, 10.0, 2.5};
    QTest::newRow("sum 4 − 1.5 + 10 + 2.5") << values << QStringLiteral("sum") << true << 15.0;
    QTest::newRow("avg 15 / 4") << values << QStringLiteral("avg") << true << 3.75;
    QTest::newRow("min") << values << QStringLiteral("min") << true << -1.5;
    QTest::newRow("max") << values << QStringLiteral("max") << true << 10.0;
    QTest::newRow("count") << values << QStringLiteral("count") << true << 4.0;
    QTest::newRow("NaN and inf skipped")
        << QList<double>{qQNaN(), 2.0, qInf()} << QStringLiteral("avg") << true << 2.0;
    QTest::newRow("none: sum 0") << QList<double>{} << QStringLiteral("sum") << true << 0.0;
    QTest::newRow("none: count 0") << QList<double>{} << QStringLiteral("count") << true << 0.0;
    QTest::newRow("none: no average") << QList<double>{} << QStringLiteral("avg") << false << 0.0;
    QTest::newRow("none: no min") << QList<double>{} << QStringLiteral("min") << false << 0.0;
    QTest::newRow("none: no max") << QList<double>{} << QStringLiteral("max") << false << 0.0;
}

void TestCustomMetric::accumulate()
{
    QFETCH(QList<double>, values);
    QFETCH(QString, aggregation);
    QFETCH(bool, hasValue);
    QFETCH(double, expected);

    const Aggregation how = aggregationFromString(aggregation).value();
    MetricAccumulator accumulator;
    QList<MetricPoint> points;
    const QDateTime hour(QDate(2026, 12, 3), QTime(10, 0), Qt::UTC);
    for (double value : values) {
        accumulator.add(value);
        points.append(MetricPoint{hour.addSecs(points.size()), value});
    }
    const std::optional<double> result = accumulator.result(how);
    QCOMPARE(result.has_value(), hasValue);
    if (!hasValue)
        return;
    QCOMPARE(*result, expected);
    // The same as bucketize()'s reduction of the same values.
    const QList<MetricPoint> bucketed = bucketize(points, Bucket::Hour, how);
    if (accumulator.count() > 0) {
        QCOMPARE(bucketed.size(), 1);
        QCOMPARE(bucketed.first().value, expected);
    }
}

QTEST_GUILESS_MAIN(TestCustomMetric)
#include "tst_custommetric.moc"
