#pragma once

#include "domain/geo.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>

namespace waddle::domain {

struct City
{
    QString name;
    QString country;
    QString iso2;
    GeoPoint point;
    qint64 population = 0;
    QString timeZone; // IANA id, may be empty

    friend bool operator==(const City &, const City &) = default;
};

// The world city table (resources/cities/cities.tsv, from Natural Earth via
// city-timezones): where demo members live, and the location guess from the
// system time zone. Tab-separated: name, country, iso2, latitude, longitude,
// population, time zone; '#' lines are comments. A malformed line is an
// error naming the line, never a silently skipped city.
Result<QList<City>> parseCityTable(const QByteArray &tsv);

// The built-in table, largest population first.
const QList<City> &defaultCityTable();

// The most populous city in an IANA time zone ("Europe/Berlin" → Berlin), or
// nothing when the zone has no city in the table.
std::optional<City> largestCityInTimeZone(const QList<City> &cities, const QString &timeZone);

// The most populous city of this system's time zone in the built-in table:
// the location guess when nothing better is known (SPEC §13).
std::optional<City> cityOfSystemTimeZone();

} // namespace waddle::domain
