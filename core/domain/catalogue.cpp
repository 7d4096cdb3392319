#include "domain/catalogue.h"

#include "domain/jsonreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace waddle::domain {

namespace {

constexpr auto kFormat = "waddle-region-catalogue";
constexpr qint64 kVersion = 1;

} // namespace

Result<QList<Region>> parseCatalogue(const QByteArray &json)
{
    const Result<QJsonObject> document = JsonReader::parseObject(json);
    if (!document)
        return document.error();

    JsonReader r(*document);
    const std::optional<QString> format = r.optionalString(QLatin1String("format"));
    if (format && *format != QLatin1String(kFormat)) {
        r.failField(
            QLatin1String("format"),
            QStringLiteral("expected \"%1\", not \"%2\"").arg(QLatin1String(kFormat), *format));
    }
    const qint64 version = r.optionalInteger(QLatin1String("version"), 1).value_or(kVersion);
    if (!r.failed() && version != kVersion) {
        r.failField(QLatin1String("version"),
                    QStringLiteral("version %1 is not supported (this build reads %2)")
                        .arg(version)
                        .arg(kVersion));
    }
    if (!r.failed() && !r.has(QLatin1String("regions")))
        r.failField(QLatin1String("regions"), QStringLiteral("is required"));
    QList<Region> regions = r.list<Region>(QLatin1String("regions"), regionFromJson);
    if (r.failed())
        return r.error();
    if (regions.isEmpty())
        return Error{QStringLiteral("regions"), QStringLiteral("regions: the catalogue is empty")};

    QSet<QString> codes;
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const Region &region = regions.at(i);
        const QString field = QStringLiteral("regions[%1].code").arg(i);
        if (codes.contains(region.code)) {
            return Error{
                field,
                QStringLiteral("%1: region code \"%2\" appears twice").arg(field, region.code)};
        }
        if (!region.locationKnown) {
            return Error{QStringLiteral("regions[%1].location").arg(i),
                         QStringLiteral("regions[%1].location: is required in a catalogue").arg(i)};
        }
        codes.insert(region.code);
    }
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const QStringList &backups = regions.at(i).failoverRegions;
        for (qsizetype j = 0; j < backups.size(); ++j) {
            if (!codes.contains(backups.at(j))) {
                const QString field =
                    QStringLiteral("regions[%1].failover_regions[%2]").arg(i).arg(j);
                return Error{field,
                             QStringLiteral("%1: unknown region \"%2\"").arg(field, backups.at(j))};
            }
        }
    }
    return regions;
}

QString defaultCataloguePath()
{
    return QStringLiteral(":/waddle/regions/default-catalogue.json");
}

QList<Region> defaultCatalogue()
{
    QFile file(defaultCataloguePath());
    // A compiled-in resource: it opens, and it parses, or the build is broken
    // (tst_catalogue checks both).
    if (!file.open(QIODevice::ReadOnly))
        qFatal("built-in region catalogue is missing from the resources");
    Result<QList<Region>> regions = parseCatalogue(file.readAll());
    if (!regions)
        qFatal("built-in region catalogue is invalid: %s", qPrintable(regions.error().message));
    return std::move(regions).value();
}

QByteArray catalogueToJson(const QList<Region> &regions)
{
    QJsonArray array;
    for (const Region &region : regions)
        array.append(toJson(region));
    const QJsonObject document{{QStringLiteral("format"), QLatin1String(kFormat)},
                               {QStringLiteral("version"), kVersion},
                               {QStringLiteral("regions"), array}};
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

} // namespace waddle::domain
