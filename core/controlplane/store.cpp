#include "store.h"

#include "domain/jsonreader.h"
#include "migrations.h"
#include "sql/sqlhelpers.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <utility>

namespace waddle::cp {

using domain::Member;
using domain::Region;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Waddle;

namespace {

// The longest range hourlySessions fills hour by hour.
constexpr qint64 kMaxHourlyRangeHours = 400 * 24;

using MaybeError = std::optional<StoreError>;

StoreError invalid(const QString &message, const QString &field = {})
{
    return StoreError{StoreError::Kind::Invalid, message, field};
}

StoreError notFound(const QString &message)
{
    return StoreError{StoreError::Kind::NotFound, message, {}};
}

StoreError internal(const QString &message)
{
    return StoreError{StoreError::Kind::Internal, message, {}};
}

// A database error as a StoreError. Constraint violations are the caller's
// doing, not the database's: a duplicate key is a Conflict, a reference to a
// missing row Invalid. SQLite says so in its text, PostgreSQL by SQLSTATE.
StoreError sqlError(const QString &what, const QSqlError &error)
{
    const QString text = sql::errorText(error);
    const QString message = QStringLiteral("Could not %1: %2").arg(what, text);
    const QString code = error.nativeErrorCode();
    if (code == u"23505" || text.contains(u"UNIQUE constraint failed"))
        return StoreError{StoreError::Kind::Conflict, message, {}};
    if (code == u"23503" || text.contains(u"FOREIGN KEY constraint failed"))
        return StoreError{StoreError::Kind::Invalid, message, {}};
    return internal(message);
}

// Store-flavoured forms of the shared QtSql helpers (core/sql).
MaybeError run(QSqlQuery &query, const QString &statement, const QVariantList &values,
               const QString &what)
{
    return sql::run(query, statement, values, what, sqlError);
}

MaybeError runBatch(const QSqlDatabase &db, const QString &statement,
                    const QList<QVariantList> &columns, const QString &what)
{
    return sql::runBatch(db, statement, columns, what, sqlError);
}

using Transaction = sql::Transaction<StoreError, sqlError>;

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

using sql::timeFrom;
using sql::timeText;

// A text value for a NOT NULL column: a null QString would bind as NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// NULL for an empty string (optional region codes).
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant flag(bool value)
{
    return QVariant(value ? 1 : 0);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QDateTime startOfHour(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
}

// The stored text of the start of the hour of `time`, whose stored text is
// `text`: "2025-03-09T10:05:00.000Z" → "2025-03-09T10:00:00.000Z" by text
// alone when it has that shape (the cheap way, for millions of events).
QString hourText(const QString &text, const QDateTime &time)
{
    if (text.size() == 24 && text.at(13) == u':' && text.endsWith(u'Z'))
        return QStringView(text).left(13) + QStringLiteral(":00:00.000Z");
    return timeText(startOfHour(time));
}

MaybeError checkPaging(qint64 offset, qint64 limit)
{
    if (offset < 0)
        return invalid(QStringLiteral("offset must not be negative"), QStringLiteral("offset"));
    if (limit < 0)
        return invalid(QStringLiteral("limit must not be negative"), QStringLiteral("limit"));
    return std::nullopt;
}

bool isFileDatabase(const QString &path)
{
    return path != u":memory:" && !path.startsWith(u"file::memory:");
}

// --- rows ------------------------------------------------------------------

const QString kWaddleColumns = QStringLiteral(
    "id, name, owner_id, voice_region, current_region, temporary, original_region, member_count, "
    "active_voice_channels, version, updated_at");

Waddle waddleFrom(const QSqlQuery &q)
{
    Waddle w;
    w.id = q.value(0).toString();
    w.name = q.value(1).toString();
    w.ownerId = q.value(2).toString();
    w.voiceRegion = q.value(3).toString();
    w.currentRegion = q.value(4).toString();
    w.temporary = q.value(5).toInt() != 0;
    w.originalRegion = q.value(6).toString();
    w.memberCount = q.value(7).toLongLong();
    w.activeVoiceChannels = q.value(8).toInt();
    w.version = q.value(9).toLongLong();
    w.updatedAt = timeFrom(q.value(10));
    return w;
}

const QString kMemberColumns =
    QStringLiteral("id, waddle_id, display_name, city, country, latitude, longitude");

Member memberFrom(const QSqlQuery &q)
{
    Member m;
    m.id = q.value(0).toString();
    m.waddleId = q.value(1).toString();
    m.displayName = q.value(2).toString();
    if (!q.value(5).isNull() && !q.value(6).isNull()) {
        m.location =
            domain::MemberLocation{q.value(3).toString(), q.value(4).toString(),
                                   domain::GeoPoint{q.value(5).toDouble(), q.value(6).toDouble()}};
    }
    return m;
}

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

StoreResult<qint64> count(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          const QString &what)
{
    QSqlQuery q(db);
    if (auto error = run(q, sql, values, what))
        return *error;
    if (!q.next())
        return internal(QStringLiteral("Could not %1: no result").arg(what));
    return q.value(0).toLongLong();
}

} // namespace

// --- HourlyUsage -----------------------------------------------------------

double HourlyUsage::averageQuality() const
{
    return sessions > 0 ? qualitySum / static_cast<double>(sessions) : 0.0;
}

double HourlyUsage::averageLatencyMs() const
{
    return sessions > 0 ? latencySum / static_cast<double>(sessions) : 0.0;
}

// --- opening ---------------------------------------------------------------

Store::Store(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName))
{
    m_db.setDatabaseName(m_path);
}

Store::~Store()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

StoreResult<std::unique_ptr<Store>> Store::open(const QString &path)
{
    if (path.isEmpty())
        return invalid(QStringLiteral("No store path given"), QStringLiteral("path"));
    // A name of its own per instance: QtSql connections are per thread, and
    // two stores (tests, threads) must never share one.
    std::unique_ptr<Store> store(new Store(QStringLiteral("waddle-store-") + newId(), path));
    if (auto result = store->initialise(); !result)
        return result.error();
    return store;
}

// Nothing is written before the file is known to be ours and not newer than
// this build: a refused file is left exactly as it was.
StoreResult<void> Store::initialise()
{
    if (!m_db.isValid())
        return internal(QStringLiteral("The Qt SQLite driver (QSQLITE) is not available"));
    if (!m_db.open()) {
        return invalid(
            QStringLiteral("Cannot open the store at %1: %2").arg(m_path, m_db.lastError().text()),
            QStringLiteral("path"));
    }
    for (const QString &statement : sqlite::connectionSettings()) {
        QSqlQuery q(m_db);
        if (auto error = run(q, statement, {}, QStringLiteral("configure the connection")))
            return *error;
    }

    QStringList tables;
    {
        // The first read of the file: SQLite says here whether it is a database.
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(sqlite::tableNamesQuery())) {
            const QSqlError error = q.lastError();
            return invalid(QStringLiteral("%1 is not a Waddle store: SQLite cannot read it (%2)")
                               .arg(m_path, error.databaseText().isEmpty() ? error.text()
                                                                           : error.databaseText()),
                           QStringLiteral("path"));
        }
        while (q.next())
            tables.append(q.value(0).toString());
    }

    int current = 0;
    if (tables.contains(u"schema_version")) {
        QSqlQuery q(m_db);
        if (auto error = run(q, QStringLiteral("SELECT MAX(version) FROM schema_version"), {},
                             QStringLiteral("read the schema version"))) {
            return *error;
        }
        if (q.next())
            current = q.value(0).toInt();
    } else if (!tables.isEmpty()) {
        return invalid(QStringLiteral("%1 is a database but not a Waddle store (it has the tables "
                                      "%2 and no schema_version); refusing to change it")
                           .arg(m_path, tables.join(QStringLiteral(", "))),
                       QStringLiteral("path"));
    }

    const int latest = sqlite::latestSchemaVersion();
    if (current > latest) {
        return invalid(QStringLiteral("The store at %1 has schema version %2, newer than this "
                                      "build understands (%3); use a newer waddle-regiond or "
                                      "restore a backup")
                           .arg(m_path)
                           .arg(current)
                           .arg(latest),
                       QStringLiteral("path"));
    }

    if (isFileDatabase(m_path)) {
        QSqlQuery q(m_db);
        if (auto error = run(q, sqlite::enableWriteAheadLog(), {},
                             QStringLiteral("turn on write-ahead logging"))) {
            return *error;
        }
        const QString mode = q.next() ? q.value(0).toString() : QString();
        if (mode.compare(u"wal", Qt::CaseInsensitive) != 0) {
            return internal(QStringLiteral("Could not turn on write-ahead logging for %1 (the "
                                           "journal mode is \"%2\")")
                                .arg(m_path, mode));
        }
    }

    m_schemaVersion = current;
    return migrate(current);
}

StoreResult<void> Store::migrate(int from)
{
    for (const Migration &migration : sqlite::migrations()) {
        if (migration.version <= from)
            continue;
        const QString what = QStringLiteral("apply schema migration %1 (%2)")
                                 .arg(migration.version)
                                 .arg(migration.description);
        Transaction tx(m_db);
        if (auto error = tx.begin())
            return *error;
        for (const QString &statement : migration.statements) {
            QSqlQuery q(m_db);
            if (auto error = run(q, statement, {}, what))
                return *error;
        }
        QSqlQuery record(m_db);
        if (auto error =
                run(record,
                    QStringLiteral("INSERT INTO schema_version (version, description, "
                                   "applied_at) VALUES (?, ?, ?)"),
                    {migration.version, migration.description, timeText(nowUtc())}, what)) {
            return *error;
        }
        if (auto error = tx.commit())
            return *error;
        m_schemaVersion = migration.version;
    }
    return {};
}

int Store::schemaVersion() const
{
    return m_schemaVersion;
}

QString Store::path() const
{
    return m_path;
}

// --- regions ---------------------------------------------------------------

StoreResult<void> Store::saveRegions(const QList<Region> &regions)
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

    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    const QString now = timeText(nowUtc());
    for (const Region &region : regions) {
        const bool maintenance = region.status == RegionStatus::Maintenance;
        const QString status = toString(maintenance ? RegionStatus::Online : region.status);
        const QString document =
            QString::fromUtf8(QJsonDocument(domain::toJson(region)).toJson(QJsonDocument::Compact));
        QSqlQuery q(m_db);
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

StoreResult<QList<Region>> Store::regions() const
{
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT code, document, status, maintenance FROM regions "
                                        "ORDER BY position"),
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
        out.append(std::move(r));
    }
    return out;
}

StoreResult<void> Store::setRegionStatus(const QString &code, RegionStatus status)
{
    if (status == RegionStatus::Maintenance)
        return setMaintenance(code, true);
    QSqlQuery q(m_db);
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

StoreResult<void> Store::setMaintenance(const QString &code, bool on)
{
    QSqlQuery q(m_db);
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

// --- waddles ---------------------------------------------------------------

StoreResult<qint64> Store::waddleCount() const
{
    return count(m_db, QStringLiteral("SELECT COUNT(*) FROM waddles"), {},
                 QStringLiteral("count the waddles"));
}

StoreResult<QList<Waddle>> Store::waddles(qint64 offset, qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kWaddleColumns +
                             QStringLiteral(" FROM waddles ORDER BY id LIMIT ? OFFSET ?"),
                         {limit, offset}, QStringLiteral("read the waddles"))) {
        return *error;
    }
    QList<Waddle> out;
    while (q.next())
        out.append(waddleFrom(q));
    return out;
}

StoreResult<Waddle> Store::readWaddle(const QString &id) const
{
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kWaddleColumns +
                             QStringLiteral(" FROM waddles WHERE id = ?"),
                         {id}, QStringLiteral("read waddle %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("No waddle \"%1\"").arg(id));
    return waddleFrom(q);
}

StoreResult<void> Store::requireWaddle(const QString &id) const
{
    QSqlQuery q(m_db);
    if (auto error = run(q, QStringLiteral("SELECT 1 FROM waddles WHERE id = ?"), {id},
                         QStringLiteral("look up waddle %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("No waddle \"%1\"").arg(id));
    return {};
}

StoreResult<Waddle> Store::waddle(const QString &id) const
{
    return readWaddle(id);
}

StoreResult<QList<Waddle>> Store::waddlesOnRegion(const QString &code) const
{
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kWaddleColumns +
                             QStringLiteral(" FROM waddles WHERE current_region = ? ORDER BY id"),
                         {code}, QStringLiteral("read the waddles on region %1").arg(code))) {
        return *error;
    }
    QList<Waddle> out;
    while (q.next())
        out.append(waddleFrom(q));
    return out;
}

StoreResult<Waddle> Store::updateVoiceRegion(const QString &id, const QString &voiceRegion,
                                             const QString &currentRegion, qint64 expectedVersion)
{
    if (!domain::isValidVoiceRegion(voiceRegion)) {
        return invalid(
            QStringLiteral("\"%1\" is neither \"auto\" nor a region code").arg(voiceRegion),
            QStringLiteral("voice_region"));
    }
    if (!currentRegion.isEmpty() && !domain::isValidRegionCode(currentRegion)) {
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(currentRegion),
                       QStringLiteral("current_region"));
    }
    if (expectedVersion < 1)
        return invalid(QStringLiteral("A version is at least 1"), QStringLiteral("version"));

    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    // Compare-and-set: the row changes only if nobody changed it since the
    // caller read `expectedVersion` (SPEC §6, If-Match).
    QSqlQuery update(m_db);
    if (auto error =
            run(update,
                QStringLiteral("UPDATE waddles SET voice_region = ?, current_region = ?, "
                               "temporary = 0, original_region = NULL, "
                               "version = version + 1, updated_at = ? "
                               "WHERE id = ? AND version = ?"),
                {voiceRegion, textOrNull(currentRegion), timeText(nowUtc()), id, expectedVersion},
                QStringLiteral("update the voice region of waddle %1").arg(id))) {
        return *error;
    }
    if (update.numRowsAffected() == 0) {
        auto current = readWaddle(id);
        if (!current)
            return current.error();
        return StoreError{StoreError::Kind::Conflict,
                          QStringLiteral("Waddle \"%1\" was changed by someone else: it is at "
                                         "version %2, not %3")
                              .arg(id)
                              .arg(current->version)
                              .arg(expectedVersion),
                          QStringLiteral("version")};
    }
    auto stored = readWaddle(id);
    if (!stored)
        return stored.error();
    if (auto error = tx.commit())
        return *error;
    return stored;
}

StoreResult<Waddle> Store::setCurrentRegion(const QString &id, const QString &currentRegion,
                                            bool temporary, const QString &originalRegion)
{
    // SPEC §9: no waddle is ever left without a region.
    if (!domain::isValidRegionCode(currentRegion)) {
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(currentRegion),
                       QStringLiteral("current_region"));
    }
    if (temporary && originalRegion.isEmpty()) {
        return invalid(QStringLiteral("A temporary placement needs the original region"),
                       QStringLiteral("original_region"));
    }
    if (temporary && !domain::isValidRegionCode(originalRegion)) {
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(originalRegion),
                       QStringLiteral("original_region"));
    }

    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    QSqlQuery update(m_db);
    if (auto error = run(update,
                         QStringLiteral("UPDATE waddles SET current_region = ?, temporary = ?, "
                                        "original_region = ?, version = version + 1, "
                                        "updated_at = ? WHERE id = ?"),
                         {currentRegion, flag(temporary),
                          temporary ? QVariant(originalRegion) : textOrNull(QString()),
                          timeText(nowUtc()), id},
                         QStringLiteral("move waddle %1").arg(id))) {
        return *error;
    }
    if (update.numRowsAffected() == 0)
        return notFound(QStringLiteral("No waddle \"%1\"").arg(id));
    auto stored = readWaddle(id);
    if (!stored)
        return stored.error();
    if (auto error = tx.commit())
        return *error;
    return stored;
}

StoreResult<void> Store::insertWaddles(const QList<Waddle> &waddles, const QList<Member> &members)
{
    QList<QVariantList> w(11);
    for (QVariantList &column : w)
        column.reserve(waddles.size());
    const QString now = timeText(nowUtc());
    for (qsizetype i = 0; i < waddles.size(); ++i) {
        const Waddle &waddle = waddles.at(i);
        const QString at = QStringLiteral("waddles[%1].").arg(i);
        if (waddle.id.isEmpty())
            return invalid(QStringLiteral("A waddle needs an id"), at + QStringLiteral("id"));
        if (!domain::isValidVoiceRegion(waddle.voiceRegion)) {
            return invalid(QStringLiteral("\"%1\" is neither \"auto\" nor a region code")
                               .arg(waddle.voiceRegion),
                           at + QStringLiteral("voice_region"));
        }
        if (waddle.version < 1)
            return invalid(QStringLiteral("A version is at least 1"),
                           at + QStringLiteral("version"));
        w[0].append(waddle.id);
        w[1].append(text(waddle.name));
        w[2].append(text(waddle.ownerId));
        w[3].append(waddle.voiceRegion);
        w[4].append(textOrNull(waddle.currentRegion));
        w[5].append(flag(waddle.temporary));
        w[6].append(textOrNull(waddle.originalRegion));
        w[7].append(waddle.memberCount);
        w[8].append(waddle.activeVoiceChannels);
        w[9].append(waddle.version);
        w[10].append(waddle.updatedAt.isValid() ? timeText(waddle.updatedAt) : now);
    }

    QList<QVariantList> m(7);
    for (QVariantList &column : m)
        column.reserve(members.size());
    const QVariant noText(QMetaType::fromType<QString>());
    const QVariant noNumber(QMetaType::fromType<double>());
    for (qsizetype i = 0; i < members.size(); ++i) {
        const Member &member = members.at(i);
        const QString at = QStringLiteral("members[%1].").arg(i);
        if (member.id.isEmpty())
            return invalid(QStringLiteral("A member needs an id"), at + QStringLiteral("id"));
        if (member.waddleId.isEmpty()) {
            return invalid(QStringLiteral("A member needs a waddle"),
                           at + QStringLiteral("waddle_id"));
        }
        m[0].append(member.id);
        m[1].append(member.waddleId);
        m[2].append(text(member.displayName));
        if (member.location) {
            m[3].append(text(member.location->city));
            m[4].append(text(member.location->country));
            m[5].append(member.location->point.latitude);
            m[6].append(member.location->point.longitude);
        } else {
            m[3].append(noText);
            m[4].append(noText);
            m[5].append(noNumber);
            m[6].append(noNumber);
        }
    }

    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO waddles (") + kWaddleColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              w, QStringLiteral("insert waddles"))) {
        return *error;
    }
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO members (") + kMemberColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                              m, QStringLiteral("insert members"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<bool> Store::isEmpty() const
{
    QSqlQuery q(m_db);
    if (auto error = run(q, QStringLiteral("SELECT 1 FROM waddles LIMIT 1"), {},
                         QStringLiteral("look for waddles"))) {
        return *error;
    }
    return !q.next();
}

// --- members ---------------------------------------------------------------

StoreResult<QList<Member>> Store::members(const QString &waddleId, qint64 offset,
                                          qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kMemberColumns +
                             QStringLiteral(" FROM members WHERE waddle_id = ? ORDER BY id "
                                            "LIMIT ? OFFSET ?"),
                         {waddleId, limit, offset},
                         QStringLiteral("read the members of waddle %1").arg(waddleId))) {
        return *error;
    }
    QList<Member> out;
    while (q.next())
        out.append(memberFrom(q));
    return out;
}

StoreResult<qint64> Store::memberCount(const QString &waddleId) const
{
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    return count(m_db, QStringLiteral("SELECT COUNT(*) FROM members WHERE waddle_id = ?"),
                 {waddleId}, QStringLiteral("count the members of waddle %1").arg(waddleId));
}

StoreResult<QList<domain::LocationGroup>> Store::memberGroups(const QString &waddleId) const
{
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    const QString what = QStringLiteral("group the members of waddle %1").arg(waddleId);
    QList<domain::LocationGroup> groups;

    // Named places: counted by the database, so a million members cost one
    // row per city.
    QSqlQuery named(m_db);
    if (auto error = run(named,
                         QStringLiteral("SELECT city, country, COUNT(*), AVG(latitude), "
                                        "AVG(longitude) FROM members WHERE waddle_id = ? "
                                        "AND latitude IS NOT NULL AND longitude IS NOT NULL "
                                        "AND city <> '' GROUP BY city, country"),
                         {waddleId}, what)) {
        return *error;
    }
    while (named.next()) {
        const QString city = named.value(0).toString();
        const QString country = named.value(1).toString();
        groups.append(domain::LocationGroup{
            domain::GeoPoint{named.value(3).toDouble(), named.value(4).toDouble()},
            country.isEmpty() ? city : city + QStringLiteral(", ") + country,
            named.value(2).toLongLong()});
    }

    // Bare coordinates (rare): the domain's 0.01° cells, which portable SQL
    // cannot round the same way.
    QSqlQuery bare(m_db);
    if (auto error = run(bare,
                         QStringLiteral("SELECT latitude, longitude FROM members "
                                        "WHERE waddle_id = ? AND latitude IS NOT NULL "
                                        "AND longitude IS NOT NULL "
                                        "AND (city IS NULL OR city = '')"),
                         {waddleId}, what)) {
        return *error;
    }
    QList<Member> unnamed;
    while (bare.next()) {
        Member member;
        member.location = domain::MemberLocation{
            {}, {}, domain::GeoPoint{bare.value(0).toDouble(), bare.value(1).toDouble()}};
        unnamed.append(std::move(member));
    }
    groups.append(domain::groupByLocation(unnamed));

    std::stable_sort(groups.begin(), groups.end(),
                     [](const domain::LocationGroup &a, const domain::LocationGroup &b) {
                         if (a.members != b.members)
                             return a.members > b.members;
                         return a.label < b.label;
                     });
    return groups;
}

// --- API keys --------------------------------------------------------------

StoreResult<QString> Store::createApiKey(const QString &name, Role role,
                                         const QStringList &waddleIds)
{
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("An API key needs a name"), QStringLiteral("name"));
    const QString secret = generateApiKeySecret();
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO api_keys (id, name, key_hash, role, waddle_ids, "
                               "created_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)"),
                {newId(), name, QString::fromLatin1(hashApiKey(secret)), toString(role),
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(waddleIds))
                                       .toJson(QJsonDocument::Compact)),
                 timeText(nowUtc())},
                QStringLiteral("create API key %1").arg(name))) {
        return *error;
    }
    return secret;
}

StoreResult<void> Store::ensureApiKey(const QString &secret, const QString &name, Role role)
{
    if (secret.isEmpty())
        return invalid(QStringLiteral("The API key is empty"), QStringLiteral("secret"));
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("An API key needs a name"), QStringLiteral("name"));
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO api_keys (id, name, key_hash, role, "
                                        "waddle_ids, created_at, revoked) "
                                        "VALUES (?, ?, ?, ?, '[]', ?, 0) "
                                        "ON CONFLICT (key_hash) DO UPDATE SET "
                                        "name = excluded.name, role = excluded.role"),
                         {newId(), name, QString::fromLatin1(hashApiKey(secret)), toString(role),
                          timeText(nowUtc())},
                         QStringLiteral("ensure API key %1").arg(name))) {
        return *error;
    }
    return {};
}

StoreResult<ApiKey> Store::findApiKey(const QString &secret) const
{
    const StoreError unknown = notFound(QStringLiteral("Unknown or revoked API key"));
    if (secret.isEmpty())
        return unknown;
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("SELECT id, name, role, waddle_ids, created_at, revoked "
                               "FROM api_keys WHERE key_hash = ?"),
                {QString::fromLatin1(hashApiKey(secret))}, QStringLiteral("look up an API key"))) {
        return *error;
    }
    if (!q.next() || q.value(5).toInt() != 0)
        return unknown;
    ApiKey key;
    key.id = q.value(0).toString();
    key.name = q.value(1).toString();
    const auto role = roleFromString(q.value(2).toString());
    if (!role) {
        return internal(QStringLiteral("API key %1 has an unknown role \"%2\"")
                            .arg(key.id, q.value(2).toString()));
    }
    key.role = *role;
    const QJsonArray ids = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array();
    for (const QJsonValue &id : ids)
        key.waddleIds.append(id.toString());
    key.createdAt = timeFrom(q.value(4));
    key.revoked = false;
    return key;
}

StoreResult<void> Store::revokeApiKey(const QString &id)
{
    QSqlQuery q(m_db);
    if (auto error = run(q, QStringLiteral("UPDATE api_keys SET revoked = 1 WHERE id = ?"), {id},
                         QStringLiteral("revoke API key %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No API key \"%1\"").arg(id));
    return {};
}

StoreResult<qint64> Store::apiKeyCount() const
{
    return count(m_db, QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE revoked = 0"), {},
                 QStringLiteral("count the API keys"));
}

// --- health ----------------------------------------------------------------

StoreResult<void> Store::recordHealth(const QList<RegionHealth> &checks)
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
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO health_checks (") + kHealthColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              c, QStringLiteral("record health checks"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<QList<RegionHealth>> Store::healthHistory(const QString &code, const QDateTime &since,
                                                      int limit) const
{
    if (limit <= 0)
        return invalid(QStringLiteral("limit must be positive"), QStringLiteral("limit"));
    // Every stored time is at or after the empty text.
    const QString from = since.isValid() ? timeText(since) : QStringLiteral("");
    QSqlQuery q(m_db);
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

StoreResult<std::optional<RegionHealth>> Store::latestHealth(const QString &code) const
{
    auto latest = healthHistory(code, {}, 1);
    if (!latest)
        return latest.error();
    if (latest->isEmpty())
        return std::optional<RegionHealth>();
    return std::optional<RegionHealth>(latest->constFirst());
}

StoreResult<qint64> Store::pruneHealthBefore(const QDateTime &before)
{
    if (!before.isValid())
        return invalid(QStringLiteral("A time is required"), QStringLiteral("before"));
    QSqlQuery q(m_db);
    if (auto error = run(q, QStringLiteral("DELETE FROM health_checks WHERE checked_at < ?"),
                         {timeText(before)}, QStringLiteral("prune the health history"))) {
        return *error;
    }
    return static_cast<qint64>(q.numRowsAffected());
}

// --- region alerts ---------------------------------------------------------

StoreResult<void> Store::recordAlert(const RegionAlert &alert)
{
    if (alert.regionCode.isEmpty())
        return invalid(QStringLiteral("An alert needs a region"), QStringLiteral("region_code"));
    if (alert.title.trimmed().isEmpty())
        return invalid(QStringLiteral("An alert needs a title"), QStringLiteral("title"));
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO region_alerts (id, region_code, severity, title, "
                               "description, from_status, to_status, created_at, acknowledged_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {alert.id.isEmpty() ? newId() : alert.id, alert.regionCode,
                 domain::toString(alert.severity), alert.title, text(alert.description),
                 toString(alert.from), toString(alert.to),
                 timeText(alert.createdAt.isValid() ? alert.createdAt : nowUtc()),
                 alert.acknowledgedAt ? QVariant(timeText(*alert.acknowledgedAt))
                                      : QVariant(QMetaType::fromType<QString>())},
                QStringLiteral("record an alert for %1").arg(alert.regionCode))) {
        return *error;
    }
    return {};
}

StoreResult<QList<RegionAlert>> Store::alerts(int limit) const
{
    if (limit <= 0)
        return invalid(QStringLiteral("limit must be positive"), QStringLiteral("limit"));
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT id, region_code, severity, title, description, "
                                        "from_status, to_status, created_at, acknowledged_at "
                                        "FROM region_alerts ORDER BY created_at DESC, id DESC "
                                        "LIMIT ?"),
                         {limit}, QStringLiteral("read the alerts"))) {
        return *error;
    }
    QList<RegionAlert> out;
    while (q.next()) {
        RegionAlert a;
        a.id = q.value(0).toString();
        a.regionCode = q.value(1).toString();
        const auto severity = domain::severityFromString(q.value(2).toString());
        const auto from = domain::regionStatusFromString(q.value(5).toString());
        const auto to = domain::regionStatusFromString(q.value(6).toString());
        if (!severity || !from || !to)
            return internal(QStringLiteral("Stored alert %1 is unreadable").arg(a.id));
        a.severity = *severity;
        a.title = q.value(3).toString();
        a.description = q.value(4).toString();
        a.from = *from;
        a.to = *to;
        a.createdAt = timeFrom(q.value(7));
        if (!q.value(8).isNull())
            a.acknowledgedAt = timeFrom(q.value(8));
        out.append(std::move(a));
    }
    return out;
}

StoreResult<void> Store::acknowledgeAlert(const QString &id, const QDateTime &at)
{
    QSqlQuery q(m_db);
    if (auto error =
            run(q, QStringLiteral("UPDATE region_alerts SET acknowledged_at = ? WHERE id = ?"),
                {timeText(at.isValid() ? at : nowUtc()), id},
                QStringLiteral("acknowledge alert %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No alert \"%1\"").arg(id));
    return {};
}

// --- usage -----------------------------------------------------------------

StoreResult<void> Store::insertUsageEvents(const QList<domain::UsageEvent> &events)
{
    // Two statements: events the database numbers and events that bring their
    // number (binding NULL to a generated key is not portable).
    QList<QVariantList> fresh(8);
    QList<QVariantList> numbered(9);
    QHash<std::pair<QString, QString>, HourlyUsage> hours;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const domain::UsageEvent &e = events.at(i);
        const QString at = QStringLiteral("events[%1].").arg(i);
        if (!domain::isValidRegionCode(e.regionCode)) {
            return invalid(QStringLiteral("\"%1\" is not a region code").arg(e.regionCode),
                           at + QStringLiteral("region"));
        }
        if (!e.startedAt.isValid())
            return invalid(QStringLiteral("A usage event needs its start"),
                           at + QStringLiteral("started_at"));
        if (e.participants < 0)
            return invalid(QStringLiteral("must not be negative"),
                           at + QStringLiteral("participant_count"));
        if (!std::isfinite(e.durationSeconds) || e.durationSeconds < 0)
            return invalid(QStringLiteral("must be a number ≥ 0"),
                           at + QStringLiteral("duration_seconds"));
        if (!std::isfinite(e.quality) || e.quality < 0 || e.quality > 5)
            return invalid(QStringLiteral("must be 0…5"), at + QStringLiteral("quality"));
        if (!std::isfinite(e.latencyMs) || e.latencyMs < 0)
            return invalid(QStringLiteral("must be a number ≥ 0"),
                           at + QStringLiteral("latency_ms"));

        QList<QVariantList> *target = &fresh;
        if (!e.id.isEmpty()) {
            bool isNumber = false;
            const qint64 id = e.id.toLongLong(&isNumber);
            if (!isNumber || id <= 0) {
                return invalid(QStringLiteral("A usage event id is a positive whole number, not "
                                              "\"%1\"")
                                   .arg(e.id),
                               at + QStringLiteral("id"));
            }
            numbered.last().append(id);
            target = &numbered;
        }
        (*target)[0].append(e.regionCode);
        (*target)[1].append(text(e.waddleId));
        (*target)[2].append(text(e.channelId));
        (*target)[3].append(e.participants);
        (*target)[4].append(e.durationSeconds);
        (*target)[5].append(e.quality);
        (*target)[6].append(e.latencyMs);
        const QString started = timeText(e.startedAt);
        (*target)[7].append(started);

        HourlyUsage &sum = hours[{e.regionCode, hourText(started, e.startedAt)}];
        sum.sessions += 1;
        sum.participants += e.participants;
        sum.totalDurationSeconds += e.durationSeconds;
        sum.qualitySum += e.quality;
        sum.latencySum += e.latencyMs;
    }

    QList<QVariantList> h(7);
    for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
        h[0].append(it.key().first);
        h[1].append(it.key().second);
        h[2].append(it->sessions);
        h[3].append(it->participants);
        h[4].append(it->totalDurationSeconds);
        h[5].append(it->qualitySum);
        h[6].append(it->latencySum);
    }

    const QString columns = QStringLiteral(
        "region, waddle_id, channel_id, participant_count, duration_seconds, quality, latency_ms, "
        "started_at");
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO usage_events (") + columns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                              fresh, QStringLiteral("insert usage events"))) {
        return *error;
    }
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO usage_events (") + columns +
                                  QStringLiteral(", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              numbered, QStringLiteral("insert usage events"))) {
        return *error;
    }
    if (auto error = runBatch(
            m_db,
            QStringLiteral(
                "INSERT INTO usage_hourly (region, hour, sessions, participants, "
                "total_duration_seconds, quality_sum, latency_sum) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (region, hour) DO UPDATE SET "
                "sessions = usage_hourly.sessions + excluded.sessions, "
                "participants = usage_hourly.participants + excluded.participants, "
                "total_duration_seconds = usage_hourly.total_duration_seconds + "
                "excluded.total_duration_seconds, "
                "quality_sum = usage_hourly.quality_sum + excluded.quality_sum, "
                "latency_sum = usage_hourly.latency_sum + excluded.latency_sum"),
            h, QStringLiteral("update the hourly usage"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<qint64> Store::usageEventCount() const
{
    return count(m_db, QStringLiteral("SELECT COUNT(*) FROM usage_events"), {},
                 QStringLiteral("count the usage events"));
}

StoreResult<QList<HourlyUsage>> Store::hourlyUsage(const QString &region, const QDateTime &from,
                                                   const QDateTime &to) const
{
    if (!from.isValid())
        return invalid(QStringLiteral("A start time is required"), QStringLiteral("from"));
    if (!to.isValid())
        return invalid(QStringLiteral("An end time is required"), QStringLiteral("to"));
    QString sql = QStringLiteral(
        "SELECT region, hour, sessions, participants, total_duration_seconds, quality_sum, "
        "latency_sum FROM usage_hourly WHERE hour >= ? AND hour < ?");
    QVariantList values{timeText(startOfHour(from)), timeText(to)};
    if (!region.isEmpty()) {
        sql += QStringLiteral(" AND region = ?");
        values.append(region);
    }
    sql += QStringLiteral(" ORDER BY hour, region");
    QSqlQuery q(m_db);
    if (auto error = run(q, sql, values, QStringLiteral("read the hourly usage")))
        return *error;
    QList<HourlyUsage> out;
    while (q.next()) {
        out.append(HourlyUsage{q.value(0).toString(), timeFrom(q.value(1)), q.value(2).toLongLong(),
                               q.value(3).toLongLong(), q.value(4).toDouble(),
                               q.value(5).toDouble(), q.value(6).toDouble()});
    }
    return out;
}

StoreResult<QList<domain::MetricPoint>>
Store::hourlySessions(const QString &region, const QDateTime &from, const QDateTime &to) const
{
    if (!domain::isValidRegionCode(region))
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(region),
                       QStringLiteral("region"));
    if (!from.isValid() || !to.isValid() || to < from) {
        return invalid(QStringLiteral("The range needs a start before its end"),
                       QStringLiteral("from"));
    }
    const QDateTime first = startOfHour(from);
    if (first.secsTo(to) / 3600 > kMaxHourlyRangeHours) {
        return invalid(
            QStringLiteral("The range is longer than %1 days").arg(kMaxHourlyRangeHours / 24),
            QStringLiteral("to"));
    }
    auto stored = hourlyUsage(region, from, to);
    if (!stored)
        return stored.error();
    QMap<QDateTime, qint64> sessions;
    for (const HourlyUsage &hour : stored.value())
        sessions.insert(hour.hour, hour.sessions);
    QList<domain::MetricPoint> out;
    for (QDateTime hour = first; hour < to; hour = hour.addSecs(3600))
        out.append(domain::MetricPoint{hour, static_cast<double>(sessions.value(hour, 0))});
    return out;
}

} // namespace waddle::cp
