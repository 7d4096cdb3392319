#include "regionrepository.h"

#include "database.h"
#include "statements.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using domain::Region;
using domain::RegionStatus;

RegionRepository::RegionRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase RegionRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> RegionRepository::saveRegions(const QList<Region> &regions)
{
    QStringList seen;
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const QString &code = regions.at(i).code;
        const QString field = QStringLiteral("regions[%1].code").arg(i);
        if (!domain::isValidRegionCode(code))
            return invalid(QStringLiteral("\"%1\" is not a region code").arg(code), field);
        if (seen.contains(code))
            return invalid(QStringLiteral("Region \"%1\" is listed twice").arg(code), field);
        seen.append(code);
    }

    // A new region goes after the last one. A known region keeps its place
    // and its maintenance flag; its status follows the given one unless that
    // is Maintenance, which is the flag's business, not the status column's.
    const QString insert = QStringLiteral(
        "INSERT INTO regions (code, position, document, status, maintenance, updated_at) "
        "VALUES (?, (SELECT COALESCE(MAX(position), -1) + 1 FROM regions), ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET document = excluded.document, ");
    const QString withStatus =
        insert + QStringLiteral("status = excluded.status, updated_at = excluded.updated_at");
    const QString keepStatus = insert + QStringLiteral("updated_at = excluded.updated_at");

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    const QString now = timeText(nowUtc());
    for (const Region &region : regions) {
        const bool maintenance = region.status == RegionStatus::Maintenance;
        const QString status = toString(maintenance ? RegionStatus::Online : region.status);
        const QString document =
            QString::fromUtf8(QJsonDocument(domain::toJson(region)).toJson(QJsonDocument::Compact));
        QSqlQuery q(db());
        if (auto error = run(q, maintenance ? keepStatus : withStatus,
                             {region.code, document, status, flag(maintenance), now},
                             QStringLiteral("save region %1").arg(region.code))) {
            return *error;
        }
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<QList<Region>> RegionRepository::regions() const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT code, document, status, maintenance, settings, "
                                        "version FROM regions ORDER BY position"),
                         {}, QStringLiteral("read the regions"))) {
        return *error;
    }
    QList<Region> out;
    while (q.next()) {
        const QString code = q.value(0).toString();
        const QJsonDocument document = QJsonDocument::fromJson(q.value(1).toString().toUtf8());
        auto region = domain::regionFromJson(document.object());
        if (!region) {
            return internal(QStringLiteral("Stored region %1 is unreadable: %2 %3")
                                .arg(code, region.error().field, region.error().message));
        }
        Region r = std::move(region).value();
        const auto status = domain::regionStatusFromString(q.value(2).toString());
        if (!status) {
            return internal(QStringLiteral("Stored region %1 has an unknown status \"%2\"")
                                .arg(code, q.value(2).toString()));
        }
        r.status = q.value(3).toInt() != 0 ? RegionStatus::Maintenance : *status;
        if (!q.value(4).isNull()) {
            // Stored by updateSettings, so only unreadable if tampered with.
            const QJsonObject settings =
                QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
            if (const QJsonValue priority = settings.value(QLatin1String("priority"));
                priority.isDouble())
                r.priority = priority.toInt();
            if (const QJsonValue backups = settings.value(QLatin1String("failover_regions"));
                backups.isArray())
                r.failoverRegions = backups.toVariant().toStringList();
        }
        r.version = q.value(5).toLongLong();
        out.append(std::move(r));
    }
    return out;
}

StoreResult<void> RegionRepository::setRegionStatus(const QString &code, RegionStatus status)
{
    if (status == RegionStatus::Maintenance)
        return setMaintenance(code, true);
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE regions SET status = ?, updated_at = ? "
                                        "WHERE code = ?"),
                         {toString(status), timeText(nowUtc()), code},
                         QStringLiteral("set the status of region %1").arg(code))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No region \"%1\"").arg(code));
    return {};
}

StoreResult<void> RegionRepository::setMaintenance(const QString &code, bool on)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE regions SET maintenance = ?, updated_at = ? "
                                        "WHERE code = ?"),
                         {flag(on), timeText(nowUtc()), code},
                         QStringLiteral("set maintenance of region %1").arg(code))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No region \"%1\"").arg(code));
    return {};
}

StoreResult<qint64> RegionRepository::updateSettings(const QString &code,
                                                     const domain::RegionSettings &settings,
                                                     qint64 expectedVersion)
{
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    QSqlQuery read(db());
    if (auto error =
            run(read, QStringLiteral("SELECT settings, version FROM regions WHERE code = ?"),
                {code}, QStringLiteral("read the settings of region %1").arg(code))) {
        return *error;
    }
    if (!read.next())
        return notFound(QStringLiteral("No region \"%1\"").arg(code));
    const qint64 version = read.value(1).toLongLong();
    if (version != expectedVersion) {
        return conflict(QStringLiteral("Region %1 changed since it was read (now version %2)")
                            .arg(code)
                            .arg(version),
                        QStringLiteral("If-Match"));
    }
    // Merged with earlier edits: a field not sent keeps the operator's value.
    QJsonObject merged = QJsonDocument::fromJson(read.value(0).toString().toUtf8()).object();
    const QJsonObject edit = domain::toJson(settings);
    for (auto it = edit.begin(); it != edit.end(); ++it)
        merged.insert(it.key(), it.value());
    read.finish();
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE regions SET settings = ?, version = version + 1, "
                                        "updated_at = ? WHERE code = ?"),
                         {QString::fromUtf8(QJsonDocument(merged).toJson(QJsonDocument::Compact)),
                          timeText(nowUtc()), code},
                         QStringLiteral("save the settings of region %1").arg(code))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return version + 1;
}

} // namespace waddle::cp
