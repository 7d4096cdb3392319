#include "domain/worldmap.h"

#include <QtEndian>

#include <cmath>
#include <cstring>

namespace waddle::domain {

namespace {

class Reader
{
public:
    explicit Reader(const QByteArray &data)
        : m_data(data)
    {}

    bool u32(quint32 &value)
    {
        if (m_offset + 4 > m_data.size())
            return false;
        value = qFromLittleEndian<quint32>(m_data.constData() + m_offset);
        m_offset += 4;
        return true;
    }

    bool f32(float &value)
    {
        quint32 bits = 0;
        if (!u32(bits))
            return false;
        std::memcpy(&value, &bits, sizeof value);
        return true;
    }

    [[nodiscard]] qsizetype offset() const { return m_offset; }
    [[nodiscard]] qsizetype remaining() const { return m_data.size() - m_offset; }
    void skip(qsizetype bytes) { m_offset += bytes; }

private:
    const QByteArray &m_data;
    qsizetype m_offset = 0;
};

Error truncated(const QString &what, qsizetype offset)
{
    return Error{what,
                 QStringLiteral("%1: the map data ends early (at byte %2)").arg(what).arg(offset)};
}

Result<QList<QList<GeoPoint>>> readLines(Reader &in, const QString &what)
{
    quint32 count = 0;
    if (!in.u32(count))
        return truncated(what, in.offset());
    // Each line needs at least its 4-byte count: refuse absurd counts before
    // allocating for them.
    if (static_cast<qsizetype>(count) * 4 > in.remaining())
        return truncated(what, in.offset());
    QList<QList<GeoPoint>> lines;
    lines.reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        quint32 n = 0;
        if (!in.u32(n) || static_cast<qsizetype>(n) * 8 > in.remaining())
            return truncated(QStringLiteral("%1[%2]").arg(what).arg(i), in.offset());
        QList<GeoPoint> line;
        line.reserve(n);
        for (quint32 p = 0; p < n; ++p) {
            float lon = 0, lat = 0;
            in.f32(lon);
            in.f32(lat);
            if (!std::isfinite(lon) || !std::isfinite(lat) || std::fabs(lon) > 180.0f ||
                std::fabs(lat) > 90.0f) {
                const QString field = QStringLiteral("%1[%2][%3]").arg(what).arg(i).arg(p);
                return Error{field, QStringLiteral("%1: not a longitude/latitude").arg(field)};
            }
            line.append(GeoPoint{lat, lon});
        }
        lines.append(std::move(line));
    }
    return lines;
}

} // namespace

Result<WorldMap> parseWorldMap(const QByteArray &data)
{
    if (data.size() < 8 || !data.startsWith("WMAP"))
        return Error{{}, QStringLiteral("not a world map file (no WMAP header)")};
    const auto version = qFromLittleEndian<quint16>(data.constData() + 4);
    if (version != 1)
        return Error{QStringLiteral("version"),
                     QStringLiteral("map format version %1 is not supported (this build reads 1)")
                         .arg(version)};
    Reader in(data);
    in.skip(8);
    Result<QList<QList<GeoPoint>>> land = readLines(in, QStringLiteral("land"));
    if (!land)
        return land.error();
    Result<QList<QList<GeoPoint>>> borders = readLines(in, QStringLiteral("borders"));
    if (!borders)
        return borders.error();
    if (in.remaining() != 0) {
        return Error{{},
                     QStringLiteral("%1 unexpected bytes after the borders").arg(in.remaining())};
    }
    return WorldMap{std::move(land).value(), std::move(borders).value()};
}

} // namespace waddle::domain
