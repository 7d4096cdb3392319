#pragma once

#include "domain/enumnames.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <limits>
#include <optional>

namespace waddle::domain {

// Reads the fields of one JSON object with type and range checks, keeping the
// first problem with the full path of the field ("waddles[3].voice_region").
// Every codec decodes through it, so every malformed document gets the same
// kind of clear error and a decoder can return either a whole value or an
// Error, never a half-filled object.
class JsonReader
{
public:
    static constexpr double kNoLimit = std::numeric_limits<double>::infinity();

    explicit JsonReader(const QJsonValue &value, const QString &path = {});

    // Parses a whole document that must be a JSON object.
    static Result<QJsonObject> parseObject(const QByteArray &json);
    // Parses a whole document that must be a JSON array.
    static Result<QJsonArray> parseArray(const QByteArray &json);

    [[nodiscard]] bool has(QLatin1String key) const;

    QString string(QLatin1String key);
    std::optional<QString> optionalString(QLatin1String key);
    double number(QLatin1String key, double min = -kNoLimit, double max = kNoLimit);
    std::optional<double> optionalNumber(QLatin1String key, double min = -kNoLimit,
                                         double max = kNoLimit);
    qint64 integer(QLatin1String key, double min = -kNoLimit, double max = kNoLimit);
    std::optional<qint64> optionalInteger(QLatin1String key, double min = -kNoLimit,
                                          double max = kNoLimit);
    bool boolean(QLatin1String key);
    std::optional<bool> optionalBoolean(QLatin1String key);
    QDateTime dateTime(QLatin1String key);
    std::optional<QDateTime> optionalDateTime(QLatin1String key);
    // A missing list reads as empty; a present one must hold only strings.
    QStringList stringList(QLatin1String key);

    template <typename E, std::size_t N>
    E enumeration(QLatin1String key, const std::array<EnumName<E>, N> &table)
    {
        const QString name = string(key);
        return checkedEnum(key, table, name).value_or(table.front().value);
    }

    template <typename E, std::size_t N>
    std::optional<E> optionalEnumeration(QLatin1String key, const std::array<EnumName<E>, N> &table)
    {
        const std::optional<QString> name = optionalString(key);
        if (!name)
            return std::nullopt;
        return checkedEnum(key, table, *name);
    }

    // A nested object decoded by T's own codec: `Result<T> decode(value, path)`.
    template <typename T, typename Decode>
    T object(QLatin1String key, Decode decode)
    {
        const QJsonValue v = field(key);
        if (failed())
            return T{};
        if (v.isUndefined() || v.isNull()) {
            fail(pathOf(key), QStringLiteral("is required"));
            return T{};
        }
        return adopt<T>(decode(v, pathOf(key)));
    }

    template <typename T, typename Decode>
    std::optional<T> optionalObject(QLatin1String key, Decode decode)
    {
        const QJsonValue v = field(key);
        if (failed() || v.isUndefined() || v.isNull())
            return std::nullopt;
        return adopt<T>(decode(v, pathOf(key)));
    }

    // A list of values each decoded by `Result<T> decode(value, path)`; a
    // missing list reads as empty.
    template <typename T, typename Decode>
    QList<T> list(QLatin1String key, Decode decode)
    {
        QList<T> out;
        const QJsonValue v = field(key);
        if (failed() || v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            failType(key, QStringLiteral("an array"), v);
            return out;
        }
        const QJsonArray array = v.toArray();
        out.reserve(array.size());
        for (qsizetype i = 0; i < array.size() && !failed(); ++i)
            out.append(adopt<T>(decode(array.at(i), pathOf(key) + indexSuffix(i))));
        return out;
    }

    // Records a problem found by the caller (a cross-field rule, say); only
    // the first problem is kept.
    void fail(const QString &field, const QString &message);
    void failField(QLatin1String key, const QString &message);

    [[nodiscard]] bool failed() const;
    [[nodiscard]] Error error() const;
    [[nodiscard]] QString pathOf(QLatin1String key) const;
    [[nodiscard]] const QString &path() const { return m_path; }

    // Wraps a decoded value: the value itself, or the first recorded error.
    template <typename T>
    Result<T> finish(T value) const
    {
        if (failed())
            return error();
        return value;
    }

    static QString indexSuffix(qsizetype index);
    static QString describeType(const QJsonValue &value);

private:
    QJsonValue field(QLatin1String key);
    void failType(QLatin1String key, const QString &expected, const QJsonValue &got);
    bool checkRange(QLatin1String key, double value, double min, double max);

    template <typename E, std::size_t N>
    std::optional<E> checkedEnum(QLatin1String key, const std::array<EnumName<E>, N> &table,
                                 const QString &name)
    {
        if (failed())
            return std::nullopt;
        const std::optional<E> value = enumFromName(table, name);
        if (!value) {
            failField(key, QStringLiteral("must be one of %1, not \"%2\"")
                               .arg(enumNames(table).join(QStringLiteral(", ")), name));
        }
        return value;
    }

    template <typename T>
    T adopt(const Result<T> &result)
    {
        if (result.ok())
            return result.value();
        // The nested decoder's error already names its full path.
        if (!m_error)
            m_error = result.error();
        return T{};
    }

    QJsonObject m_object;
    QString m_path;
    std::optional<Error> m_error;
};

QString toIsoString(const QDateTime &time);
// A time that may not have happened yet: ISO 8601 UTC, or JSON null (for
// nullopt and for an invalid time, which the decoders read back as absent).
QJsonValue toJsonTime(const std::optional<QDateTime> &time);
QJsonValue toJsonTime(const QDateTime &time);

} // namespace waddle::domain
