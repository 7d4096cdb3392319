#include "healthrepository.h"

#include "database.h"
#include "statements.h"

#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using domain::RegionHealth;

namespace {

const QString kHealthColumns = QStringLiteral(
    "region_code, checked_at, status, score, endpoint_healthy, response_ms, utilisation, p99_ms, "
    "error_rate, consecutive_failures, message");

StoreResult<RegionHealth> healthFrom(const QSqlQuery &q)
{
    RegionHealth h;
    h.code = q.value(0).toString();
    h.checkedAt = timeFrom(q.value(1));
    const auto status = domain::regionStatusFromString(q.value(2).toString());
    if (!status) {
        return internal(QStringLiteral("A stored health check of %1 has an unknown status \"%2\"")
                            .arg(h.code, q.value(2).toString()));
    }
    h.status = *status;
    h.score = q.value(3).toDouble();
    h.reading.endpointHealthy = q.value(4).toInt() != 0;
    h.reading.responseMs = q.value(5).toDouble();
    h.reading.utilisation = q.value(6).toDouble();
    h.reading.p99Ms = q.value(7).toDouble();
    h.reading.errorRatePercent = q.value(8).toDouble();
    h.consecutiveFailures = q.value(9).toInt();
    h.message = q.value(10).toString();
    return h;
}

StoreResult<QList<RegionHealth>> healthRows(QSqlQuery &q)
{
    QList<RegionHealth> out;
    while (q.next()) {
        auto h = healthFrom(q);
        if (!h)
            return h.error();
        out.append(std::move(h).value());
    }
    return out;
}

} // namespace

HealthRepository::HealthRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase HealthRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> HealthRepository::recordHealth(const QList<RegionHealth> &checks)
{
    QList<QVariantList> c(11);
    for (qsizetype i = 0; i < checks.size(); ++i) {
        const RegionHealth &h = checks.at(i);
        const QString at = QStringLiteral("checks[%1].").arg(i);
        if (!domain::isValidRegionCode(h.code))
            return invalid(QStringLiteral("\"%1\" is not a region code").arg(h.code),
                           at + QStringLiteral("code"));
        if (!h.checkedAt.isValid())
            return invalid(QStringLiteral("A health check needs its time"),
                           at + QStringLiteral("checked_at"));
        c[0].append(h.code);
        c[1].append(timeText(h.checkedAt));
        c[2].append(toString(h.status));
        c[3].append(h.score);
        c[4].append(flag(h.reading.endpointHealthy));
        c[5].append(h.reading.responseMs);
        c[6].append(h.reading.utilisation);
        c[7].append(h.reading.p99Ms);
        c[8].append(h.reading.errorRatePercent);
        c[9].append(h.consecutiveFailures);
        c[10].append(textOrNull(h.message));
    }
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO health_checks (") + kHealthColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              c, QStringLiteral("record health checks"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<QList<RegionHealth>>
HealthRepository::healthHistory(const QString &code, const QDateTime &since, int limit) const
{
    if (limit <= 0)
        return invalid(QStringLiteral("limit must be positive"), QStringLiteral("limit"));
    // Every stored time is at or after the empty text.
    const QString from = since.isValid() ? timeText(since) : QStringLiteral("");
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("SELECT ") + kHealthColumns +
                    QStringLiteral(" FROM health_checks WHERE region_code = ? AND "
                                   "checked_at >= ? ORDER BY checked_at DESC, id DESC "
                                   "LIMIT ?"),
                {code, from, limit}, QStringLiteral("read the health history of %1").arg(code))) {
        return *error;
    }
    return healthRows(q);
}

StoreResult<std::optional<double>> HealthRepository::availabilitySince(const QDateTime &since) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN status IN ('online', "
                                        "'degraded') THEN 1 ELSE 0 END) FROM health_checks "
                                        "WHERE checked_at >= ?"),
                         {timeText(since)}, QStringLiteral("count the health checks"))) {
        return *error;
    }
    if (!q.next() || q.value(0).toLongLong() == 0)
        return std::optional<double>();
    return std::optional<double>(100.0 * q.value(1).toDouble() / q.value(0).toDouble());
}

StoreResult<std::optional<RegionHealth>> HealthRepository::latestHealth(const QString &code) const
{
    auto latest = healthHistory(code, {}, 1);
    if (!latest)
        return latest.error();
    if (latest->isEmpty())
        return std::optional<RegionHealth>();
    return std::optional<RegionHealth>(latest->constFirst());
}

StoreResult<qint64> HealthRepository::pruneHealthBefore(const QDateTime &before)
{
    if (!before.isValid())
        return invalid(QStringLiteral("A time is required"), QStringLiteral("before"));
    QSqlQuery q(db());
    if (auto error = run(q, QStringLiteral("DELETE FROM health_checks WHERE checked_at < ?"),
                         {timeText(before)}, QStringLiteral("prune the health history"))) {
        return *error;
    }
    return static_cast<qint64>(q.numRowsAffected());
}

} // namespace waddle::cp
