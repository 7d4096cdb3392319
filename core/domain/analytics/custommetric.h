#pragma once

#include "domain/analytics/timeseries.h"
#include "domain/analytics/usageevent.h"
#include "domain/enumnames.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace waddle::domain {

// What kind of quantity a custom metric is (SPEC §11, seed 001 MetricType).
enum class MetricType
{
    Counter,
    Gauge,
    Histogram
};

// How one condition of a metric filter compares a usage event's field.
enum class FilterOp
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In
};

inline constexpr std::array<EnumName<MetricType>, 3> kMetricTypeNames{{
    {MetricType::Counter, QLatin1String("counter")},
    {MetricType::Gauge, QLatin1String("gauge")},
    {MetricType::Histogram, QLatin1String("histogram")},
}};

inline constexpr std::array<EnumName<FilterOp>, 7> kFilterOpNames{{
    {FilterOp::Eq, QLatin1String("eq")},
    {FilterOp::Ne, QLatin1String("ne")},
    {FilterOp::Gt, QLatin1String("gt")},
    {FilterOp::Gte, QLatin1String("gte")},
    {FilterOp::Lt, QLatin1String("lt")},
    {FilterOp::Lte, QLatin1String("lte")},
    {FilterOp::In, QLatin1String("in")},
}};

QString toString(MetricType type);
QString toString(FilterOp op);
std::optional<MetricType> metricTypeFromString(QStringView name);
std::optional<FilterOp> filterOpFromString(QStringView name);

// The usage-event fields a filter may name, as spelt in UsageEvent's JSON.
// region, waddle_id and channel_id hold text; the others numbers.
QStringList filterableFields();
bool isFilterableField(QStringView field);
bool isNumericFilterField(QStringView field);

// One condition on a usage event (SPEC §11: a structured filter, never a raw
// query as seed 001's MongoDB map was). The value is a string for the text
// fields, a number for the numeric ones, or for `in` a non-empty array of
// such. Text fields take only eq, ne and in; ordering them means nothing.
struct MetricFilter
{
    QString field;
    FilterOp op = FilterOp::Eq;
    QJsonValue value;

    friend bool operator==(const MetricFilter &, const MetricFilter &) = default;
};

QJsonObject toJson(const MetricFilter &filter);
Result<MetricFilter> metricFilterFromJson(const QJsonValue &json, const QString &path = {});

// True when `event` meets every condition of `filter` (an empty filter takes
// every event). Numbers compare exactly.
bool matches(const QList<MetricFilter> &filter, const UsageEvent &event);
bool matches(const MetricFilter &condition, const UsageEvent &event);

// The value a custom metric takes from each event it counts (ours: seed 001's
// metrics reduced a raw query's documents). "participant_minutes"
// (participant_count × duration_seconds / 60, the default, as the built-in
// metric of that name) or one of the numeric filter fields.
inline const QString kDefaultValueField = QStringLiteral("participant_minutes");
QStringList valueFields();
bool isValueField(QStringView field);

// A metric a project defines over its usage events (SPEC §11, seed 001
// CustomMetric): the events that pass `filter`, their `valueField` reduced by
// `aggregation` (count ignores the value).
// Aggregation is timeseries.h's, so the chart buckets and the metric share
// one spelling ("sum", "avg", "min", "max", "count").
struct CustomMetric
{
    QString id; // empty until stored
    QString projectId;
    QString name;
    QString description;
    MetricType type = MetricType::Counter;
    QString unit; // free text: count, ms, bytes, …
    Aggregation aggregation = Aggregation::Sum;
    QList<MetricFilter> filter; // all conditions must hold
    QString valueField = kDefaultValueField;

    friend bool operator==(const CustomMetric &, const CustomMetric &) = default;
};

// `event`'s value of `metric.valueField`.
double metricValue(const CustomMetric &metric, const UsageEvent &event);

// Reduces values one at a time, in constant memory, to any aggregation: the
// same results as bucketize()'s reduction of the same values.
class MetricAccumulator
{
public:
    void add(double value);
    [[nodiscard]] qint64 count() const { return m_count; }
    // count → the number of values, sum → their sum (0 when none); average,
    // min and max have no value without values (nullopt).
    [[nodiscard]] std::optional<double> result(Aggregation aggregation) const;

private:
    qint64 m_count = 0;
    double m_sum = 0.0;
    double m_min = 0.0;
    double m_max = 0.0;
};

// JSON: id (only when set), project_id, name, description, type, unit,
// aggregation, filter [{field, op, value}], value_field.
QJsonObject toJson(const CustomMetric &metric);

// Requires project_id and name (non-empty), type and aggregation; description
// and unit default to empty, filter to no conditions, value_field to
// participant_minutes.
Result<CustomMetric> customMetricFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
