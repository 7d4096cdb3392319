#include "domain/jsonreader.h"

#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace waddle::domain {

JsonReader::JsonReader(const QJsonValue &value, const QString &path)
    : m_object(value.toObject())
    , m_path(path)
{
    if (!value.isObject())
        fail(path, QStringLiteral("expected an object, got %1").arg(describeType(value)));
}

namespace {

// A number as typed, not rounded to six digits (90.0000001 must not read "90").
QString exact(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

Result<QJsonDocument> parseDocument(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{{},
                     QStringLiteral("malformed JSON at offset %1: %2")
                         .arg(parseError.offset)
                         .arg(parseError.errorString())};
    }
    return document;
}

} // namespace

Result<QJsonObject> JsonReader::parseObject(const QByteArray &json)
{
    auto document = parseDocument(json);
    if (!document)
        return document.error();
    if (!document->isObject())
        return Error{{}, QStringLiteral("expected a JSON object at the top level")};
    return document->object();
}

Result<QJsonArray> JsonReader::parseArray(const QByteArray &json)
{
    auto document = parseDocument(json);
    if (!document)
        return document.error();
    if (!document->isArray())
        return Error{{}, QStringLiteral("expected a JSON array at the top level")};
    return document->array();
}

bool JsonReader::has(QLatin1String key) const
{
    const QJsonValue v = m_object.value(key);
    return !v.isUndefined() && !v.isNull();
}

QJsonValue JsonReader::field(QLatin1String key)
{
    return m_object.value(key);
}

QString JsonReader::string(QLatin1String key)
{
    std::optional<QString> value = optionalString(key);
    if (!value && !failed())
        failField(key, QStringLiteral("is required"));
    return value.value_or(QString());
}

std::optional<QString> JsonReader::optionalString(QLatin1String key)
{
    const QJsonValue v = field(key);
    if (failed() || v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        failType(key, QStringLiteral("a string"), v);
        return std::nullopt;
    }
    return v.toString();
}

double JsonReader::number(QLatin1String key, double min, double max)
{
    std::optional<double> value = optionalNumber(key, min, max);
    if (!value && !failed())
        failField(key, QStringLiteral("is required"));
    return value.value_or(0.0);
}

std::optional<double> JsonReader::optionalNumber(QLatin1String key, double min, double max)
{
    const QJsonValue v = field(key);
    if (failed() || v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble()) {
        failType(key, QStringLiteral("a number"), v);
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!checkRange(key, d, min, max))
        return std::nullopt;
    return d;
}

qint64 JsonReader::integer(QLatin1String key, double min, double max)
{
    std::optional<qint64> value = optionalInteger(key, min, max);
    if (!value && !failed())
        failField(key, QStringLiteral("is required"));
    return value.value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1String key, double min, double max)
{
    const std::optional<double> d = optionalNumber(key, min, max);
    if (!d)
        return std::nullopt;
    // 2^53: the largest range in which a JSON number is an exact integer.
    constexpr double kExact = 9007199254740992.0;
    if (std::trunc(*d) != *d || std::fabs(*d) > kExact) {
        failField(key, QStringLiteral("must be a whole number, not %1").arg(exact(*d)));
        return std::nullopt;
    }
    return static_cast<qint64>(*d);
}

bool JsonReader::boolean(QLatin1String key)
{
    std::optional<bool> value = optionalBoolean(key);
    if (!value && !failed())
        failField(key, QStringLiteral("is required"));
    return value.value_or(false);
}

std::optional<bool> JsonReader::optionalBoolean(QLatin1String key)
{
    const QJsonValue v = field(key);
    if (failed() || v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        failType(key, QStringLiteral("true or false"), v);
        return std::nullopt;
    }
    return v.toBool();
}

QDateTime JsonReader::dateTime(QLatin1String key)
{
    std::optional<QDateTime> value = optionalDateTime(key);
    if (!value && !failed())
        failField(key, QStringLiteral("is required"));
    return value.value_or(QDateTime());
}

std::optional<QDateTime> JsonReader::optionalDateTime(QLatin1String key)
{
    const std::optional<QString> text = optionalString(key);
    if (!text)
        return std::nullopt;
    QDateTime time = QDateTime::fromString(*text, Qt::ISODateWithMs);
    // A time without an offset means UTC on our wire, never this machine's zone.
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    if (!time.isValid()) {
        failField(key, QStringLiteral("must be an ISO 8601 date and time, not \"%1\"").arg(*text));
        return std::nullopt;
    }
    return time.toUTC();
}

QStringList JsonReader::stringList(QLatin1String key)
{
    QStringList out;
    const QJsonValue v = field(key);
    if (failed() || v.isUndefined() || v.isNull())
        return out;
    if (!v.isArray()) {
        failType(key, QStringLiteral("an array of strings"), v);
        return out;
    }
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(pathOf(key) + indexSuffix(i),
                 QStringLiteral("expected a string, got %1").arg(describeType(array.at(i))));
            return {};
        }
        out.append(array.at(i).toString());
    }
    return out;
}

bool JsonReader::checkRange(QLatin1String key, double value, double min, double max)
{
    if (!std::isfinite(value)) {
        failField(key, QStringLiteral("must be a finite number"));
        return false;
    }
    if (value < min || value > max) {
        QString bound;
        if (std::isinf(max))
            bound = QStringLiteral("must be at least %1").arg(exact(min));
        else if (std::isinf(min))
            bound = QStringLiteral("must be at most %1").arg(exact(max));
        else
            bound = QStringLiteral("must be between %1 and %2").arg(exact(min), exact(max));
        failField(key, QStringLiteral("%1, not %2").arg(bound, exact(value)));
        return false;
    }
    return true;
}

void JsonReader::fail(const QString &field, const QString &message)
{
    if (!m_error)
        m_error = Error{field, field.isEmpty() ? message : field + QStringLiteral(": ") + message};
}

void JsonReader::failField(QLatin1String key, const QString &message)
{
    fail(pathOf(key), message);
}

void JsonReader::failType(QLatin1String key, const QString &expected, const QJsonValue &got)
{
    failField(key, QStringLiteral("expected %1, got %2").arg(expected, describeType(got)));
}

bool JsonReader::failed() const
{
    return m_error.has_value();
}

Error JsonReader::error() const
{
    return m_error.value_or(Error{});
}

QString JsonReader::pathOf(QLatin1String key) const
{
    if (m_path.isEmpty())
        return QString(key);
    return m_path + QLatin1Char('.') + key;
}

QString JsonReader::indexSuffix(qsizetype index)
{
    return QStringLiteral("[%1]").arg(index);
}

QString JsonReader::describeType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString toIsoString(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue toJsonTime(const std::optional<QDateTime> &time)
{
    return time ? toJsonTime(*time) : QJsonValue(QJsonValue::Null);
}

QJsonValue toJsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toIsoString(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace waddle::domain
