#include "waddlerepository.h"

#include "database.h"
#include "domain/region.h"
#include "statements.h"
#include "waddlerows.h"

#include <QSqlQuery>

#include <algorithm>

namespace waddle::cp {

using namespace store;
using domain::Member;
using domain::Waddle;

namespace {

const QString kWaddleColumns = waddleColumns();

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

} // namespace

WaddleRepository::WaddleRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase WaddleRepository::db() const
{
    return m_database.connection();
}

StoreResult<qint64> WaddleRepository::waddleCount() const
{
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM waddles"), {},
                 QStringLiteral("count the waddles"));
}

StoreResult<QList<Waddle>> WaddleRepository::waddles(qint64 offset, qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    return selectRows<Waddle>(db(),
                              QStringLiteral("SELECT ") + kWaddleColumns +
                                  QStringLiteral(" FROM waddles ORDER BY id LIMIT ? OFFSET ?"),
                              {limit, offset}, QStringLiteral("read the waddles"), waddleFrom);
}

StoreResult<Waddle> WaddleRepository::readWaddle(const QString &id) const
{
    QSqlQuery q(db());
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

StoreResult<void> WaddleRepository::requireWaddle(const QString &id) const
{
    QSqlQuery q(db());
    if (auto error = run(q, QStringLiteral("SELECT 1 FROM waddles WHERE id = ?"), {id},
                         QStringLiteral("look up waddle %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("No waddle \"%1\"").arg(id));
    return {};
}

StoreResult<Waddle> WaddleRepository::waddle(const QString &id) const
{
    return readWaddle(id);
}

StoreResult<QList<Waddle>> WaddleRepository::waddlesOnRegion(const QString &code) const
{
    return selectRows<Waddle>(
        db(),
        QStringLiteral("SELECT ") + kWaddleColumns +
            QStringLiteral(" FROM waddles WHERE current_region = ? ORDER BY id"),
        {code}, QStringLiteral("read the waddles on region %1").arg(code), waddleFrom);
}

StoreResult<Waddle> WaddleRepository::updateVoiceRegion(const QString &id,
                                                        const QString &voiceRegion,
                                                        const QString &currentRegion,
                                                        qint64 expectedVersion)
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

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    // Compare-and-set: the row changes only if nobody changed it since the
    // caller read `expectedVersion` (SPEC §6, If-Match).
    QSqlQuery update(db());
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

StoreResult<Waddle> WaddleRepository::setCurrentRegion(const QString &id,
                                                       const QString &currentRegion, bool temporary,
                                                       const QString &originalRegion)
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

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    QSqlQuery update(db());
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

StoreResult<void> WaddleRepository::insertWaddles(const QList<Waddle> &waddles,
                                                  const QList<Member> &members)
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

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO waddles (") + kWaddleColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              w, QStringLiteral("insert waddles"))) {
        return *error;
    }
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO members (") + kMemberColumns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                              m, QStringLiteral("insert members"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<bool> WaddleRepository::isEmpty() const
{
    QSqlQuery q(db());
    if (auto error = run(q, QStringLiteral("SELECT 1 FROM waddles LIMIT 1"), {},
                         QStringLiteral("look for waddles"))) {
        return *error;
    }
    return !q.next();
}

StoreResult<QList<Member>> WaddleRepository::members(const QString &waddleId, qint64 offset,
                                                     qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    return selectRows<Member>(db(),
                              QStringLiteral("SELECT ") + kMemberColumns +
                                  QStringLiteral(" FROM members WHERE waddle_id = ? ORDER BY id "
                                                 "LIMIT ? OFFSET ?"),
                              {waddleId, limit, offset},
                              QStringLiteral("read the members of waddle %1").arg(waddleId),
                              memberFrom);
}

StoreResult<qint64> WaddleRepository::memberCount(const QString &waddleId) const
{
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM members WHERE waddle_id = ?"),
                 {waddleId}, QStringLiteral("count the members of waddle %1").arg(waddleId));
}

StoreResult<QList<domain::LocationGroup>>
WaddleRepository::memberGroups(const QString &waddleId) const
{
    if (auto exists = requireWaddle(waddleId); !exists)
        return exists.error();
    const QString what = QStringLiteral("group the members of waddle %1").arg(waddleId);
    QList<domain::LocationGroup> groups;

    // Named places: counted by the database, so a million members cost one
    // row per city.
    QSqlQuery named(db());
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
    QSqlQuery bare(db());
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

} // namespace waddle::cp
