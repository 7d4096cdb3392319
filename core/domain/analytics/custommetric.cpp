#include "domain/analytics/custommetric.h"

#include "domain/jsonreader.h"
#include "domain/region.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace waddle::domain {

namespace {

constexpr std::array<QLatin1String, 3> kTextFields{
    QLatin1String("region"),
    QLatin1String("waddle_id"),
    QLatin1String("channel_id"),
};

constexpr std::array<QLatin1String, 4> kNumericFields{
    QLatin1String("participant_count"),
    QLatin1String("duration_seconds"),
    QLatin1String("quality"),
    QLatin1String("latency_ms"),
};

template <std::size_t N>
bool contains(const std::array<QLatin1String, N> &names, QStringView name)
{
    return std::any_of(names.begin(), names.end(),
                       [name](QLatin1String candidate) { return name == candidate; });
}

bool isOrdering(FilterOp op)
{
    return op == FilterOp::Gt || op == FilterOp::Gte || op == FilterOp::Lt || op == FilterOp::Lte;
}

// Checks one scalar operand of a condition on `field`; empty when it is fine.
QString operandProblem(QStringView field, const QJsonValue &value)
{
    if (isNumericFilterField(field)) {
        if (!value.isDouble())
            return QStringLiteral("expected a number, got %1").arg(JsonReader::describeType(value));
        if (!std::isfinite(value.toDouble()))
            return QStringLiteral("must be a finite number");
        return {};
    }
    if (!value.isString())
        return QStringLiteral("expected a string, got %1").arg(JsonReader::describeType(value));
    if (field == QLatin1String("region") && !isValidRegionCode(value.toString()))
        return QStringLiteral("\"%1\" is not a region code").arg(value.toString());
    return {};
}

// The event's value of a filterable field: a string or a number.
QJsonValue fieldValue(const UsageEvent &event, QStringView field)
{
    if (field == QLatin1String("region"))
        return event.regionCode;
    if (field == QLatin1String("waddle_id"))
        return event.waddleId;
    if (field == QLatin1String("channel_id"))
        return event.channelId;
    if (field == QLatin1String("participant_count"))
        return event.participants;
    if (field == QLatin1String("duration_seconds"))
        return event.durationSeconds;
    if (field == QLatin1String("quality"))
        return event.quality;
    if (field == QLatin1String("latency_ms"))
        return event.latencyMs;
    return {};
}

bool sameOperand(const QJsonValue &actual, const QJsonValue &operand)
{
    if (actual.isDouble() && operand.isDouble())
        return actual.toDouble() == operand.toDouble();
    if (actual.isString() && operand.isString())
        return actual.toString() == operand.toString();
    return false;
}

QString nonEmptyString(JsonReader &r, QLatin1String key)
{
    QString value = r.string(key);
    if (!r.failed() && value.isEmpty())
        r.failField(key, QStringLiteral("must not be empty"));
    return value;
}

} // namespace

QString toString(MetricType type)
{
    return enumToName(kMetricTypeNames, type);
}

QString toString(FilterOp op)
{
    return enumToName(kFilterOpNames, op);
}

std::optional<MetricType> metricTypeFromString(QStringView name)
{
    return enumFromName(kMetricTypeNames, name);
}

std::optional<FilterOp> filterOpFromString(QStringView name)
{
    return enumFromName(kFilterOpNames, name);
}

QStringList filterableFields()
{
    QStringList names;
    for (QLatin1String name : kTextFields)
        names.append(QString(name));
    for (QLatin1String name : kNumericFields)
        names.append(QString(name));
    return names;
}

bool isFilterableField(QStringView field)
{
    return contains(kTextFields, field) || contains(kNumericFields, field);
}

bool isNumericFilterField(QStringView field)
{
    return contains(kNumericFields, field);
}

QStringList valueFields()
{
    QStringList names{kDefaultValueField};
    for (QLatin1String name : kNumericFields)
        names.append(QString(name));
    return names;
}

bool isValueField(QStringView field)
{
    return field == kDefaultValueField || contains(kNumericFields, field);
}

double metricValue(const CustomMetric &metric, const UsageEvent &event)
{
    if (metric.valueField == kDefaultValueField)
        return event.participants * event.durationSeconds / 60.0;
    return fieldValue(event, metric.valueField).toDouble();
}

void MetricAccumulator::add(double value)
{
    if (!std::isfinite(value))
        return;
    m_min = m_count == 0 ? value : std::min(m_min, value);
    m_max = m_count == 0 ? value : std::max(m_max, value);
    m_sum += value;
    ++m_count;
}

std::optional<double> MetricAccumulator::result(Aggregation aggregation) const
{
    switch (aggregation) {
    case Aggregation::Count:
        return static_cast<double>(m_count);
    case Aggregation::Sum:
        return m_sum;
    case Aggregation::Average:
        return m_count == 0 ? std::nullopt : std::optional(m_sum / static_cast<double>(m_count));
    case Aggregation::Min:
        return m_count == 0 ? std::nullopt : std::optional(m_min);
    case Aggregation::Max:
        return m_count == 0 ? std::nullopt : std::optional(m_max);
    }
    return std::nullopt;
}

QJsonObject toJson(const MetricFilter &filter)
{
    return QJsonObject{{QStringLiteral("field"), filter.field},
                       {QStringLiteral("op"), toString(filter.op)},
                       {QStringLiteral("value"), filter.value}};
}

Result<MetricFilter> metricFilterFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MetricFilter filter;
    filter.field = r.string(QLatin1String("field"));
    if (!r.failed() && !isFilterableField(filter.field)) {
        r.failField(QLatin1String("field"),
                    QStringLiteral("must be one of %1, not \"%2\"")
                        .arg(filterableFields().join(QStringLiteral(", ")), filter.field));
    }
    filter.op = r.enumeration(QLatin1String("op"), kFilterOpNames);
    if (!r.failed() && isOrdering(filter.op) && !isNumericFilterField(filter.field)) {
        r.failField(QLatin1String("op"),
                    QStringLiteral("\"%1\" compares numbers; %2 is text (use eq, ne or in)")
                        .arg(toString(filter.op), filter.field));
    }
    if (!r.failed() && !r.has(QLatin1String("value")))
        r.failField(QLatin1String("value"), QStringLiteral("is required"));
    if (r.failed())
        return r.error();

    filter.value = json.toObject().value(QLatin1String("value"));
    const QString valuePath = r.pathOf(QLatin1String("value"));
    if (filter.op == FilterOp::In) {
        if (!filter.value.isArray()) {
            r.fail(valuePath, QStringLiteral("expected an array for \"in\", got %1")
                                  .arg(JsonReader::describeType(filter.value)));
        } else if (filter.value.toArray().isEmpty()) {
            r.fail(valuePath, QStringLiteral("must list at least one value"));
        } else {
            const QJsonArray operands = filter.value.toArray();
            for (qsizetype i = 0; i < operands.size() && !r.failed(); ++i) {
                const QString problem = operandProblem(filter.field, operands.at(i));
                if (!problem.isEmpty())
                    r.fail(valuePath + JsonReader::indexSuffix(i), problem);
            }
        }
    } else if (const QString problem = operandProblem(filter.field, filter.value);
               !problem.isEmpty()) {
        r.fail(valuePath, problem);
    }
    return r.finish(filter);
}

bool matches(const MetricFilter &condition, const UsageEvent &event)
{
    const QJsonValue actual = fieldValue(event, condition.field);
    switch (condition.op) {
    case FilterOp::Eq:
        return sameOperand(actual, condition.value);
    case FilterOp::Ne:
        return !sameOperand(actual, condition.value);
    case FilterOp::In: {
        const QJsonArray operands = condition.value.toArray();
        return std::any_of(operands.begin(), operands.end(),
                           [&actual](const QJsonValue &v) { return sameOperand(actual, v); });
    }
    case FilterOp::Gt:
    case FilterOp::Gte:
    case FilterOp::Lt:
    case FilterOp::Lte:
        break;
    }
    if (!actual.isDouble() || !condition.value.isDouble())
        return false;
    const double a = actual.toDouble();
    const double b = condition.value.toDouble();
    switch (condition.op) {
    case FilterOp::Gt:
        return a > b;
    case FilterOp::Gte:
        return a >= b;
    case FilterOp::Lt:
        return a < b;
    case FilterOp::Lte:
        return a <= b;
    default:
        return false;
    }
}

bool matches(const QList<MetricFilter> &filter, const UsageEvent &event)
{
    return std::all_of(filter.begin(), filter.end(), [&event](const MetricFilter &condition) {
        return matches(condition, event);
    });
}

QJsonObject toJson(const CustomMetric &metric)
{
    QJsonArray filter;
    for (const MetricFilter &condition : metric.filter)
        filter.append(toJson(condition));
    QJsonObject json{
        {QStringLiteral("project_id"), metric.projectId},
        {QStringLiteral("name"), metric.name},
        {QStringLiteral("description"), metric.description},
        {QStringLiteral("type"), toString(metric.type)},
        {QStringLiteral("unit"), metric.unit},
        {QStringLiteral("aggregation"), enumToName(kAggregationNames, metric.aggregation)},
        {QStringLiteral("filter"), filter},
        {QStringLiteral("value_field"), metric.valueField},
    };
    if (!metric.id.isEmpty())
        json.insert(QStringLiteral("id"), metric.id);
    return json;
}

Result<CustomMetric> customMetricFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    CustomMetric metric;
    metric.id = r.optionalString(QLatin1String("id")).value_or(QString());
    metric.projectId = nonEmptyString(r, QLatin1String("project_id"));
    metric.name = nonEmptyString(r, QLatin1String("name"));
    metric.description = r.optionalString(QLatin1String("description")).value_or(QString());
    metric.type = r.enumeration(QLatin1String("type"), kMetricTypeNames);
    metric.unit = r.optionalString(QLatin1String("unit")).value_or(QString());
    metric.aggregation = r.enumeration(QLatin1String("aggregation"), kAggregationNames);
    metric.filter = r.list<MetricFilter>(QLatin1String("filter"), metricFilterFromJson);
    metric.valueField = r.optionalString(QLatin1String("value_field")).value_or(kDefaultValueField);
    if (!r.failed() && !isValueField(metric.valueField)) {
        r.failField(QLatin1String("value_field"),
                    QStringLiteral("must be one of %1, not \"%2\"")
                        .arg(valueFields().join(QStringLiteral(", ")), metric.valueField));
    }
    return r.finish(metric);
}

} // namespace waddle::domain
