#include "domain/citytable.h"

#include <QFile>
#include <QTimeZone>

#include <cmath>

namespace waddle::domain {

Result<QList<City>> parseCityTable(const QByteArray &tsv)
{
    QList<City> cities;
    qsizetype lineNumber = 0;
    for (QByteArray line : tsv.split('\n')) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QString field = QStringLiteral("line %1").arg(lineNumber);
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() != 7) {
            return Error{field, QStringLiteral("%1: expected 7 tab-separated fields, found %2")
                                    .arg(field)
                                    .arg(parts.size())};
        }
        City city;
        city.name = QString::fromUtf8(parts.at(0));
        city.country = QString::fromUtf8(parts.at(1));
        city.iso2 = QString::fromUtf8(parts.at(2));
        bool latOk = false, lonOk = false, popOk = false;
        city.point.latitude = parts.at(3).toDouble(&latOk);
        city.point.longitude = parts.at(4).toDouble(&lonOk);
        city.population = parts.at(5).toLongLong(&popOk);
        city.timeZone = QString::fromUtf8(parts.at(6));
        if (city.name.isEmpty() || !latOk || !lonOk || !popOk ||
            std::fabs(city.point.latitude) > 90.0 || std::fabs(city.point.longitude) > 180.0 ||
            city.population < 0) {
            return Error{field, QStringLiteral("%1: needs a name, a latitude within ±90, a "
                                               "longitude within ±180 and a population ≥ 0")
                                    .arg(field)};
        }
        cities.append(std::move(city));
    }
    if (cities.isEmpty())
        return Error{{}, QStringLiteral("the city table is empty")};
    return cities;
}

const QList<City> &defaultCityTable()
{
    static const QList<City> table = [] {
        QFile file(QStringLiteral(":/waddle/cities/cities.tsv"));
        // Compiled into the library: present and valid, or the build is
        // broken (tst_citytable checks both).
        if (!file.open(QIODevice::ReadOnly))
            qFatal("built-in city table is missing from the resources");
        Result<QList<City>> cities = parseCityTable(file.readAll());
        if (!cities)
            qFatal("built-in city table is invalid: %s", qPrintable(cities.error().message));
        return std::move(cities).value();
    }();
    return table;
}

std::optional<City> cityOfSystemTimeZone()
{
    return largestCityInTimeZone(defaultCityTable(),
                                 QString::fromLatin1(QTimeZone::systemTimeZoneId()));
}

std::optional<City> largestCityInTimeZone(const QList<City> &cities, const QString &timeZone)
{
    const City *best = nullptr;
    for (const City &city : cities) {
        if (city.timeZone == timeZone && (!best || city.population > best->population))
            best = &city;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

} // namespace waddle::domain
