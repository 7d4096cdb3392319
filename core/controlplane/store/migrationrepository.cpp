#include "migrationrepository.h"

#include "database.h"
#include "statements.h"
#include "waddlerows.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using domain::Migration;
using domain::MigrationState;
using domain::MigrationStep;
using domain::Waddle;

namespace {

const QString kColumns = QStringLiteral("id, waddle_id, from_region, to_region, reason, state, "
                                        "created_at, start_at, finished_at, preview, error");

Migration migrationFrom(const QSqlQuery &q)
{
    Migration m;
    m.id = q.value(0).toString();
    m.waddleId = q.value(1).toString();
    m.from = q.value(2).toString();
    m.to = q.value(3).toString();
    m.reason = domain::enumFromName(domain::kMigrationReasonNames, q.value(4).toString())
                   .value_or(domain::MigrationReason::Manual);
    m.state = domain::enumFromName(domain::kMigrationStateNames, q.value(5).toString())
                  .value_or(MigrationState::Failed);
    m.createdAt = timeFrom(q.value(6));
    m.startAt = timeFrom(q.value(7));
    const QDateTime finished = timeFrom(q.value(8));
    if (finished.isValid())
        m.finishedAt = finished;
    if (auto preview = domain::migrationPreviewFromJson(
            QJsonDocument::fromJson(q.value(9).toByteArray()).object()))
        m.preview = preview.value();
    m.error = q.value(10).toString();
    return m;
}

MigrationStep stepFrom(const QSqlQuery &q)
{
    MigrationStep step;
    step.name = domain::enumFromName(domain::kMigrationStepNames, q.value(0).toString())
                    .value_or(domain::MigrationStepName::Prepare);
    step.state = domain::enumFromName(domain::kStepStateNames, q.value(1).toString())
                     .value_or(domain::StepState::Failed);
    const QDateTime started = timeFrom(q.value(2));
    if (started.isValid())
        step.startedAt = started;
    const QDateTime finished = timeFrom(q.value(3));
    if (finished.isValid())
        step.finishedAt = finished;
    step.error = q.value(4).toString();
    return step;
}

QVariant timeOrNull(const std::optional<QDateTime> &time)
{
    return time ? QVariant(timeText(*time)) : QVariant(QMetaType::fromType<QString>());
}

QString stateName(MigrationState state)
{
    return domain::enumToName(domain::kMigrationStateNames, state);
}

// The WHERE clause of a list: waddle and state when given.
std::pair<QString, QVariantList> filter(const QString &waddleId,
                                        std::optional<MigrationState> state)
{
    QStringList clauses;
    QVariantList values;
    if (!waddleId.isEmpty()) {
        clauses.append(QStringLiteral("waddle_id = ?"));
        values.append(waddleId);
    }
    if (state) {
        clauses.append(QStringLiteral("state = ?"));
        values.append(stateName(*state));
    }
    return {clauses.isEmpty() ? QString()
                              : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND ")),
            values};
}

} // namespace

MigrationRepository::MigrationRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase MigrationRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> MigrationRepository::create(const QList<Migration> &migrations)
{
    QList<QVariantList> rows(11);
    QList<QVariantList> steps(7);
    QSet<QString> waddles;
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        const Migration &m = migrations.at(i);
        const QString at = QStringLiteral("migrations[%1].").arg(i);
        if (m.id.isEmpty())
            return invalid(QStringLiteral("A migration needs an id"), at + QStringLiteral("id"));
        if (m.waddleId.isEmpty()) {
            return invalid(QStringLiteral("A migration needs a waddle"),
                           at + QStringLiteral("waddle_id"));
        }
        if (m.steps.size() != 6) {
            return invalid(QStringLiteral("A migration has six steps, not %1").arg(m.steps.size()),
                           at + QStringLiteral("steps"));
        }
        if (waddles.contains(m.waddleId)) {
            return StoreError{StoreError::Kind::Conflict,
                              QStringLiteral("Waddle %1 is named twice").arg(m.waddleId),
                              at + QStringLiteral("waddle_id")};
        }
        waddles.insert(m.waddleId);
        const QVariantList row{
            m.id,
            m.waddleId,
            text(m.from),
            text(m.to),
            domain::enumToName(domain::kMigrationReasonNames, m.reason),
            stateName(m.state),
            timeText(m.createdAt.isValid() ? m.createdAt : nowUtc()),
            timeText(m.startAt.isValid() ? m.startAt : m.createdAt),
            timeOrNull(m.finishedAt),
            QString::fromUtf8(
                QJsonDocument(domain::toJson(m.preview)).toJson(QJsonDocument::Compact)),
            textOrNull(m.error)};
        for (qsizetype c = 0; c < row.size(); ++c)
            rows[c].append(row.at(c));
        for (qsizetype s = 0; s < m.steps.size(); ++s) {
            const MigrationStep &step = m.steps.at(s);
            steps[0].append(m.id);
            steps[1].append(s);
            steps[2].append(domain::enumToName(domain::kMigrationStepNames, step.name));
            steps[3].append(domain::enumToName(domain::kStepStateNames, step.state));
            steps[4].append(timeOrNull(step.startedAt));
            steps[5].append(timeOrNull(step.finishedAt));
            steps[6].append(textOrNull(step.error));
        }
    }

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO migrations (") + kColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              rows, QStringLiteral("store migrations"))) {
        return *error;
    }
    // Checked after the insert (the write lock is held): any waddle with
    // two unfinished migrations rolls everything back.
    QSqlQuery busy(db());
    if (auto error = run(busy,
                         QStringLiteral("SELECT waddle_id FROM migrations WHERE state IN "
                                        "('scheduled', 'running') GROUP BY waddle_id "
                                        "HAVING COUNT(*) > 1 ORDER BY waddle_id LIMIT 1"),
                         {}, QStringLiteral("look for running migrations"))) {
        return *error;
    }
    if (busy.next()) {
        return StoreError{
            StoreError::Kind::Conflict,
            QStringLiteral("Waddle %1 is already migrating").arg(busy.value(0).toString()),
            QStringLiteral("waddle_id")};
    }
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO migration_steps (migration_id, position, "
                                             "name, state, started_at, finished_at, error) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                              steps, QStringLiteral("store migration steps"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<QList<Migration>> MigrationRepository::withSteps(QList<Migration> found) const
{
    for (Migration &m : found) {
        auto steps = selectRows<MigrationStep>(
            db(),
            QStringLiteral("SELECT name, state, started_at, finished_at, error "
                           "FROM migration_steps WHERE migration_id = ? ORDER BY position"),
            {m.id}, QStringLiteral("read the steps of migration %1").arg(m.id), stepFrom);
        if (!steps)
            return steps.error();
        m.steps = std::move(steps).value();
    }
    return found;
}

StoreResult<Migration> MigrationRepository::migration(const QString &id) const
{
    auto rows = selectRows<Migration>(
        db(),
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM migrations WHERE id = ?"),
        {id}, QStringLiteral("read migration %1").arg(id), migrationFrom);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return notFound(QStringLiteral("No migration \"%1\"").arg(id));
    auto full = withSteps(std::move(rows).value());
    if (!full)
        return full.error();
    return full->constFirst();
}

StoreResult<QList<Migration>> MigrationRepository::migrations(const QString &waddleId,
                                                              std::optional<MigrationState> state,
                                                              qint64 offset, qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    auto [where, values] = filter(waddleId, state);
    values << limit << offset;
    auto rows = selectRows<Migration>(
        db(),
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM migrations") + where +
            QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
        values, QStringLiteral("read the migrations"), migrationFrom);
    if (!rows)
        return rows.error();
    return withSteps(std::move(rows).value());
}

StoreResult<qint64> MigrationRepository::migrationCount(const QString &waddleId,
                                                        std::optional<MigrationState> state) const
{
    const auto [where, values] = filter(waddleId, state);
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM migrations") + where, values,
                 QStringLiteral("count the migrations"));
}

StoreResult<QList<Migration>> MigrationRepository::unfinished() const
{
    auto rows = selectRows<Migration>(
        db(),
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM migrations WHERE state IN ('scheduled', 'running') "
                           "ORDER BY start_at, id"),
        {}, QStringLiteral("read the unfinished migrations"), migrationFrom);
    if (!rows)
        return rows.error();
    return withSteps(std::move(rows).value());
}

StoreResult<void> MigrationRepository::write(const Migration &m)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE migrations SET state = ?, finished_at = ?, "
                                        "error = ? WHERE id = ?"),
                         {stateName(m.state), timeOrNull(m.finishedAt), textOrNull(m.error), m.id},
                         QStringLiteral("save migration %1").arg(m.id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No migration \"%1\"").arg(m.id));
    for (qsizetype s = 0; s < m.steps.size(); ++s) {
        const MigrationStep &step = m.steps.at(s);
        QSqlQuery u(db());
        if (auto error = run(u,
                             QStringLiteral("UPDATE migration_steps SET state = ?, started_at = ?, "
                                            "finished_at = ?, error = ? "
                                            "WHERE migration_id = ? AND position = ?"),
                             {domain::enumToName(domain::kStepStateNames, step.state),
                              timeOrNull(step.startedAt), timeOrNull(step.finishedAt),
                              textOrNull(step.error), m.id, s},
                             QStringLiteral("save the steps of migration %1").arg(m.id))) {
            return *error;
        }
    }
    return {};
}

StoreResult<void> MigrationRepository::save(const Migration &migration)
{
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto written = write(migration); !written)
        return written.error();
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<MigrationRepository::Moved> MigrationRepository::saveWithMove(const Migration &m)
{
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto written = write(m); !written)
        return written.error();
    const QString read =
        QStringLiteral("SELECT ") + waddleColumns() + QStringLiteral(" FROM waddles WHERE id = ?");
    auto before = selectRows<Waddle>(db(), read, {m.waddleId},
                                     QStringLiteral("read waddle %1").arg(m.waddleId), waddleFrom);
    if (!before)
        return before.error();
    if (before->isEmpty())
        return notFound(QStringLiteral("No waddle \"%1\"").arg(m.waddleId));
    if (before->constFirst().currentRegion != m.from) {
        return StoreError{StoreError::Kind::Conflict,
                          QStringLiteral("Waddle %1 is on %2, no longer on %3")
                              .arg(m.waddleId, before->constFirst().currentRegion, m.from),
                          QStringLiteral("from")};
    }
    QSqlQuery update(db());
    if (auto error = run(update,
                         QStringLiteral("UPDATE waddles SET current_region = ?, temporary = 0, "
                                        "original_region = NULL, version = version + 1, "
                                        "updated_at = ? WHERE id = ?"),
                         {m.to, timeText(nowUtc()), m.waddleId},
                         QStringLiteral("move waddle %1").arg(m.waddleId))) {
        return *error;
    }
    auto after = selectRows<Waddle>(db(), read, {m.waddleId},
                                    QStringLiteral("read waddle %1").arg(m.waddleId), waddleFrom);
    if (!after)
        return after.error();
    if (auto error = tx.commit())
        return *error;
    return Moved{before->constFirst(), after->constFirst()};
}

} // namespace waddle::cp
