#include "usagebatch.h"

#include "domain/region.h"

#include <QHash>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace waddle::cp {

using domain::UsageEvent;

namespace {

enum Field : unsigned
{
    Id,
    Region,
    Waddle,
    Channel,
    Participants,
    Duration,
    Quality,
    Latency,
    Started,
    kFieldCount
};

constexpr std::array<std::string_view, kFieldCount> kNames{
    "id",      "region",     "waddle_id", "channel_id", "participant_count", "duration_seconds",
    "quality", "latency_ms", "started_at"};
constexpr unsigned kRequired = ((1u << kFieldCount) - 1) & ~(1u << Id);

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Strict JSON over the bytes; every reader answers nothing on what it does
// not take.
class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_p(bytes.data())
        , m_end(bytes.data() + bytes.size())
    {}

    bool atEnd()
    {
        space();
        return m_p == m_end;
    }

    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    // A string without escapes or control characters: its UTF-8 bytes.
    std::optional<std::string_view> string()
    {
        if (!take('"'))
            return std::nullopt;
        const char *first = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return std::nullopt;
            ++m_p;
        }
        if (m_p == m_end)
            return std::nullopt;
        return std::string_view(first, static_cast<std::size_t>(m_p++ - first));
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    std::optional<double> number()
    {
        space();
        const char *first = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0')
            ++m_p;
        else if (!digits())
            return std::nullopt;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return std::nullopt;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return std::nullopt;
        }
        double value = 0;
        const auto [end, error] = std::from_chars(first, m_p, value);
        if (error != std::errc() || end != m_p)
            return std::nullopt;
        return value;
    }

private:
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool digits()
    {
        const char *first = m_p;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        return m_p != first;
    }

    const char *m_p;
    const char *m_end;
};

int number(std::string_view s, std::size_t at, std::size_t count)
{
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!isDigit(s[i]))
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// YYYY-MM-DDTHH:MM:SS[.mmm]Z, as QDateTime::fromString(Qt::ISODateWithMs)
// reads it.
std::optional<QDateTime> utcTime(std::string_view s)
{
    if ((s.size() != 20 && s.size() != 24) || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
        s[13] != ':' || s[16] != ':' || s.back() != 'Z' || (s.size() == 24 && s[19] != '.')) {
        return std::nullopt;
    }
    const int year = number(s, 0, 4);
    const int month = number(s, 5, 2);
    const int day = number(s, 8, 2);
    if (year < 1 || month < 1 || day < 1)
        return std::nullopt;
    const QDate date(year, month, day);
    const int hour = number(s, 11, 2);
    const int minute = number(s, 14, 2);
    const int second = number(s, 17, 2);
    const int ms = s.size() == 24 ? number(s, 20, 3) : 0;
    if (!date.isValid() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
        second > 59 || ms < 0) {
        return std::nullopt;
    }
    return QDateTime(date, QTime(hour, minute, second, ms), Qt::UTC);
}

// The strings of one body, each made once (a batch repeats its regions,
// waddles and channels).
class Strings
{
public:
    QString get(std::string_view utf8)
    {
        const QByteArrayView key(utf8.data(), qsizetype(utf8.size()));
        auto it = m_made.constFind(key);
        if (it == m_made.cend())
            it = m_made.insert(key, QString::fromUtf8(key));
        return *it;
    }

private:
    QHash<QByteArrayView, QString> m_made;
};

std::optional<UsageEvent> event(Reader &r, Strings &strings)
{
    if (!r.take('{'))
        return std::nullopt;
    UsageEvent e;
    unsigned seen = 0;
    do {
        const auto key = r.string();
        if (!key || !r.take(':'))
            return std::nullopt;
        unsigned field = 0;
        while (field < kFieldCount && kNames[field] != *key)
            ++field;
        if (field == kFieldCount || (seen & (1u << field)))
            return std::nullopt;
        seen |= 1u << field;
        if (field <= Channel || field == Started) {
            const auto text = r.string();
            if (!text)
                return std::nullopt;
            if (field == Started) {
                auto time = utcTime(*text);
                if (!time)
                    return std::nullopt;
                e.startedAt = std::move(*time);
                continue;
            }
            if (text->empty() && field != Id)
                return std::nullopt;
            QString &target = field == Id       ? e.id
                              : field == Region ? e.regionCode
                              : field == Waddle ? e.waddleId
                                                : e.channelId;
            target = strings.get(*text);
            continue;
        }
        const auto value = r.number();
        if (!value || !std::isfinite(*value) || *value < 0)
            return std::nullopt;
        switch (field) {
        case Participants:
            if (std::trunc(*value) != *value || *value > std::numeric_limits<int>::max())
                return std::nullopt;
            e.participants = static_cast<int>(*value);
            break;
        case Duration:
            e.durationSeconds = *value;
            break;
        case Quality:
            if (*value > 5)
                return std::nullopt;
            e.quality = *value;
            break;
        default:
            e.latencyMs = *value;
            break;
        }
    } while (r.take(','));
    if (!r.take('}') || (seen & kRequired) != kRequired ||
        !domain::isValidRegionCode(e.regionCode)) {
        return std::nullopt;
    }
    return e;
}

} // namespace

std::optional<QList<UsageEvent>> quickUsageBatch(QByteArrayView body, qsizetype maxEvents)
{
    Reader r(body);
    const auto key = r.take('{') ? r.string() : std::nullopt;
    if (!key || *key != "events" || !r.take(':') || !r.take('['))
        return std::nullopt;
    QList<UsageEvent> events;
    Strings strings;
    if (!r.take(']')) {
        do {
            if (events.size() == maxEvents)
                return std::nullopt;
            auto e = event(r, strings);
            if (!e)
                return std::nullopt;
            events.append(std::move(*e));
        } while (r.take(','));
        if (!r.take(']'))
            return std::nullopt;
    }
    if (!r.take('}') || !r.atEnd())
        return std::nullopt;
    return events;
}

} // namespace waddle::cp
