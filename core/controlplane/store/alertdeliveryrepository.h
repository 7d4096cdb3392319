#pragma once

#include "domain/analytics/silence.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace waddle::cp {

class Database;

// One attempt to deliver a notification (issue 12: the log the API lists).
struct DeliveryRecord
{
    QDateTime at; // UTC
    QString projectId;
    QString channel; // webhook, slack, email
    QString target;  // the URL or address
    int attempt = 1;
    QString outcome; // delivered, retrying, failed, silenced, not_configured
    std::optional<int> httpStatus;
    QString detail;
    QStringList triggerIds;

    friend bool operator==(const DeliveryRecord &, const DeliveryRecord &) = default;
};

// Silences and the delivery log of analytics alerts. No repository knows
// another; each runs its own statements on the Database.
class AlertDeliveryRepository
{
public:
    explicit AlertDeliveryRepository(const Database &database);

    [[nodiscard]] StoreResult<domain::Silence> createSilence(domain::Silence silence,
                                                             const QDateTime &now);
    // A project's silences still in force at `now` (every one when `now`
    // is invalid), newest first.
    [[nodiscard]] StoreResult<QList<domain::Silence>> silences(const QString &projectId,
                                                               const QDateTime &now) const;
    [[nodiscard]] StoreResult<void> removeSilence(const QString &projectId, const QString &id);

    [[nodiscard]] StoreResult<void> record(const DeliveryRecord &record);
    // A project's delivery attempts, newest first.
    [[nodiscard]] StoreResult<QList<DeliveryRecord>> deliveries(const QString &projectId,
                                                                qint64 limit) const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
