#include "domain/placement/migration.h"

#include "domain/jsonreader.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace waddle::domain {

namespace {

constexpr std::array kStepOrder{MigrationStepName::Prepare, MigrationStepName::Notify,
                                MigrationStepName::Move,    MigrationStepName::Update,
                                MigrationStepName::Cleanup, MigrationStepName::Record};

qsizetype stepIndex(MigrationStepName name)
{
    return static_cast<qsizetype>(name);
}

bool beforeUpdate(MigrationStepName name)
{
    return stepIndex(name) < stepIndex(MigrationStepName::Update);
}

} // namespace

double weightedP95(QList<std::pair<double, qint64>> rttAndMembers)
{
    std::sort(rttAndMembers.begin(), rttAndMembers.end());
    qint64 total = 0;
    for (const auto &[rtt, members] : rttAndMembers)
        total += std::max<qint64>(members, 0);
    if (total == 0)
        return 0.0;
    // Nearest rank: the smallest RTT at which the running count reaches
    // ceil(0.95 × total) members (integer arithmetic: 0.95 is not exact in
    // binary, and 95 of 100 members must give rank 95, not 96).
    const qint64 rank = (95 * total + 99) / 100;
    qint64 seen = 0;
    for (const auto &[rtt, members] : rttAndMembers) {
        seen += std::max<qint64>(members, 0);
        if (seen >= rank)
            return rtt;
    }
    return rttAndMembers.constLast().first;
}

namespace {

// Means and p95 over every member of `groups` (a place may come twice), and
// the groups largest first.
void summarise(MigrationPreview &preview, const QList<PreviewGroup> &groups)
{
    QList<std::pair<double, qint64>> before;
    QList<std::pair<double, qint64>> after;
    double sumBefore = 0.0;
    double sumAfter = 0.0;
    qint64 total = 0;
    for (const PreviewGroup &group : groups) {
        const auto weight = static_cast<double>(group.members);
        sumBefore += group.rttBeforeMs * weight;
        sumAfter += group.rttAfterMs * weight;
        total += group.members;
        before.append({group.rttBeforeMs, group.members});
        after.append({group.rttAfterMs, group.members});
    }
    std::stable_sort(
        preview.groups.begin(), preview.groups.end(),
        [](const PreviewGroup &a, const PreviewGroup &b) { return a.members > b.members; });
    if (total > 0) {
        preview.meanBeforeMs = sumBefore / static_cast<double>(total);
        preview.meanAfterMs = sumAfter / static_cast<double>(total);
    }
    preview.p95BeforeMs = weightedP95(before);
    preview.p95AfterMs = weightedP95(after);
}

} // namespace

MigrationPreview previewMigration(const QList<LocationGroup> &groups, GeoPoint from, GeoPoint to,
                                  const RttModel &model)
{
    MigrationPreview preview;
    for (const LocationGroup &group : groups) {
        if (group.members <= 0)
            continue;
        PreviewGroup row{group.label, group.members, model.estimateMs(group.point, from),
                         model.estimateMs(group.point, to), group.point};
        const double change = row.rttAfterMs - row.rttBeforeMs;
        if (change < -kPreviewToleranceMs)
            preview.faster += row.members;
        else if (change > kPreviewToleranceMs)
            preview.slower += row.members;
        preview.groups.append(row);
    }
    summarise(preview, preview.groups);
    return preview;
}

MigrationPreview combinePreviews(const QList<MigrationPreview> &previews)
{
    MigrationPreview combined;
    QList<PreviewGroup> every;
    QHash<QString, qsizetype> index; // place → its row in combined.groups
    for (const MigrationPreview &preview : previews) {
        combined.faster += preview.faster;
        combined.slower += preview.slower;
        for (const PreviewGroup &group : preview.groups) {
            if (group.members <= 0)
                continue;
            every.append(group);
            const auto known = index.constFind(group.place);
            if (known == index.cend()) {
                index.insert(group.place, combined.groups.size());
                combined.groups.append(group);
                continue;
            }
            PreviewGroup &same = combined.groups[*known];
            const auto had = static_cast<double>(same.members);
            const auto weight = static_cast<double>(group.members);
            same.rttBeforeMs =
                (same.rttBeforeMs * had + group.rttBeforeMs * weight) / (had + weight);
            same.rttAfterMs = (same.rttAfterMs * had + group.rttAfterMs * weight) / (had + weight);
            same.members += group.members;
        }
    }
    summarise(combined, every);
    return combined;
}

Migration newMigration(const QString &id, const QString &waddleId, const QString &from,
                       const QString &to, MigrationReason reason, const QDateTime &createdAt,
                       const QDateTime &startAt)
{
    Migration m;
    m.id = id;
    m.waddleId = waddleId;
    m.from = from;
    m.to = to;
    m.reason = reason;
    m.createdAt = createdAt;
    m.startAt = startAt.isValid() ? startAt : createdAt;
    for (const MigrationStepName name : kStepOrder)
        m.steps.append(MigrationStep{name});
    return m;
}

bool isFinished(MigrationState state)
{
    return state == MigrationState::Completed || state == MigrationState::RolledBack ||
           state == MigrationState::Cancelled || state == MigrationState::Failed;
}

std::optional<MigrationStepName> nextStep(const Migration &migration, const QDateTime &now)
{
    if (isFinished(migration.state))
        return std::nullopt;
    if (migration.state == MigrationState::Scheduled && migration.startAt.isValid() &&
        now < migration.startAt)
        return std::nullopt;
    for (const MigrationStep &step : migration.steps) {
        if (step.state == StepState::Pending || step.state == StepState::Running)
            return step.name;
    }
    return std::nullopt;
}

Migration stepStarted(Migration migration, MigrationStepName step, const QDateTime &now)
{
    const qsizetype i = stepIndex(step);
    if (i >= migration.steps.size() || isFinished(migration.state))
        return migration;
    migration.state = MigrationState::Running;
    MigrationStep &s = migration.steps[i];
    s.state = StepState::Running;
    s.startedAt = now;
    s.finishedAt.reset();
    s.error.clear();
    return migration;
}

Migration stepFinished(Migration migration, MigrationStepName step, const QString &error,
                       const QDateTime &now)
{
    const qsizetype i = stepIndex(step);
    if (i >= migration.steps.size() || isFinished(migration.state))
        return migration;
    MigrationStep &s = migration.steps[i];
    if (!s.startedAt)
        s.startedAt = now;
    s.finishedAt = now;
    s.state = error.isEmpty() ? StepState::Done : StepState::Failed;
    s.error = error;

    if (!error.isEmpty() && beforeUpdate(step)) {
        for (qsizetype j = i + 1; j < migration.steps.size(); ++j)
            migration.steps[j].state = StepState::Skipped;
        migration.state = MigrationState::RolledBack;
        migration.error = error;
        migration.finishedAt = now;
        return migration;
    }
    if (!error.isEmpty() && migration.error.isEmpty())
        migration.error = error;
    if (i == migration.steps.size() - 1) {
        migration.state = MigrationState::Completed;
        migration.finishedAt = now;
    }
    return migration;
}

bool canCancel(const Migration &migration)
{
    if (isFinished(migration.state))
        return false;
    const qsizetype move = stepIndex(MigrationStepName::Move);
    return move < migration.steps.size() && migration.steps.at(move).state == StepState::Pending;
}

Result<Migration> cancelMigration(Migration migration, const QDateTime &now)
{
    if (!canCancel(migration)) {
        return Error{QString(),
                     isFinished(migration.state)
                         ? QStringLiteral("the migration has already ended (%1)")
                               .arg(enumToName(kMigrationStateNames, migration.state))
                         : QStringLiteral("the move has started: a migration can only be "
                                          "cancelled before its move step")};
    }
    for (MigrationStep &step : migration.steps) {
        if (step.state == StepState::Pending || step.state == StepState::Running)
            step.state = StepState::Skipped;
    }
    migration.state = MigrationState::Cancelled;
    migration.finishedAt = now;
    return migration;
}

QJsonObject toJson(const MigrationStep &step)
{
    QJsonObject json{{QStringLiteral("name"), enumToName(kMigrationStepNames, step.name)},
                     {QStringLiteral("state"), enumToName(kStepStateNames, step.state)}};
    json.insert(QStringLiteral("started_at"), toJsonTime(step.startedAt));
    json.insert(QStringLiteral("finished_at"), toJsonTime(step.finishedAt));
    if (!step.error.isEmpty())
        json.insert(QStringLiteral("error"), step.error);
    return json;
}

QJsonObject toJson(const PreviewGroup &group)
{
    QJsonObject json{{QStringLiteral("place"), group.place},
                     {QStringLiteral("members"), group.members},
                     {QStringLiteral("rtt_before"), group.rttBeforeMs},
                     {QStringLiteral("rtt_after"), group.rttAfterMs}};
    if (group.point) {
        json.insert(QStringLiteral("latitude"), group.point->latitude);
        json.insert(QStringLiteral("longitude"), group.point->longitude);
    }
    return json;
}

QJsonObject toJson(const MigrationPreview &preview)
{
    QJsonArray groups;
    for (const PreviewGroup &group : preview.groups)
        groups.append(toJson(group));
    return {{QStringLiteral("groups"), groups},
            {QStringLiteral("mean_before"), preview.meanBeforeMs},
            {QStringLiteral("mean_after"), preview.meanAfterMs},
            {QStringLiteral("p95_before"), preview.p95BeforeMs},
            {QStringLiteral("p95_after"), preview.p95AfterMs},
            {QStringLiteral("faster"), preview.faster},
            {QStringLiteral("slower"), preview.slower}};
}

QJsonObject toJson(const Migration &migration)
{
    QJsonArray steps;
    for (const MigrationStep &step : migration.steps)
        steps.append(toJson(step));
    QJsonObject json{
        {QStringLiteral("id"), migration.id},
        {QStringLiteral("waddle_id"), migration.waddleId},
        {QStringLiteral("from"), migration.from},
        {QStringLiteral("to"), migration.to},
        {QStringLiteral("reason"), enumToName(kMigrationReasonNames, migration.reason)},
        {QStringLiteral("state"), enumToName(kMigrationStateNames, migration.state)},
        {QStringLiteral("created_at"), toIsoString(migration.createdAt)},
        {QStringLiteral("start_at"), toIsoString(migration.startAt)},
        {QStringLiteral("steps"), steps},
        {QStringLiteral("preview"), toJson(migration.preview)}};
    json.insert(QStringLiteral("finished_at"), toJsonTime(migration.finishedAt));
    if (!migration.error.isEmpty())
        json.insert(QStringLiteral("error"), migration.error);
    return json;
}

Result<MigrationStep> migrationStepFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MigrationStep step;
    step.name = r.enumeration(QLatin1String("name"), kMigrationStepNames);
    step.state = r.enumeration(QLatin1String("state"), kStepStateNames);
    step.startedAt = r.optionalDateTime(QLatin1String("started_at"));
    step.finishedAt = r.optionalDateTime(QLatin1String("finished_at"));
    step.error = r.optionalString(QLatin1String("error")).value_or(QString());
    return r.finish(step);
}

Result<PreviewGroup> previewGroupFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    PreviewGroup group;
    group.place = r.string(QLatin1String("place"));
    group.members = r.integer(QLatin1String("members"), 0);
    group.rttBeforeMs = r.number(QLatin1String("rtt_before"), 0);
    group.rttAfterMs = r.number(QLatin1String("rtt_after"), 0);
    // Both or neither.
    const auto latitude = r.optionalNumber(QLatin1String("latitude"), -90.0, 90.0);
    const auto longitude = r.optionalNumber(QLatin1String("longitude"), -180.0, 180.0);
    if (!r.failed() && latitude.has_value() != longitude.has_value()) {
        r.failField(latitude ? QLatin1String("longitude") : QLatin1String("latitude"),
                    QStringLiteral("is required with %1")
                        .arg(latitude ? QStringLiteral("latitude") : QStringLiteral("longitude")));
    }
    if (latitude && longitude)
        group.point = GeoPoint{*latitude, *longitude};
    return r.finish(group);
}

Result<MigrationPreview> migrationPreviewFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MigrationPreview preview;
    preview.groups = r.list<PreviewGroup>(QLatin1String("groups"), previewGroupFromJson);
    preview.meanBeforeMs = r.number(QLatin1String("mean_before"), 0);
    preview.meanAfterMs = r.number(QLatin1String("mean_after"), 0);
    preview.p95BeforeMs = r.number(QLatin1String("p95_before"), 0);
    preview.p95AfterMs = r.number(QLatin1String("p95_after"), 0);
    preview.faster = r.integer(QLatin1String("faster"), 0);
    preview.slower = r.integer(QLatin1String("slower"), 0);
    return r.finish(preview);
}

Result<Migration> migrationFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Migration m;
    m.id = r.string(QLatin1String("id"));
    m.waddleId = r.string(QLatin1String("waddle_id"));
    m.from = r.string(QLatin1String("from"));
    m.to = r.string(QLatin1String("to"));
    m.reason = r.enumeration(QLatin1String("reason"), kMigrationReasonNames);
    m.state = r.enumeration(QLatin1String("state"), kMigrationStateNames);
    m.createdAt = r.dateTime(QLatin1String("created_at"));
    m.startAt = r.dateTime(QLatin1String("start_at"));
    m.finishedAt = r.optionalDateTime(QLatin1String("finished_at"));
    m.steps = r.list<MigrationStep>(QLatin1String("steps"), migrationStepFromJson);
    m.preview = r.object<MigrationPreview>(QLatin1String("preview"), migrationPreviewFromJson);
    m.error = r.optionalString(QLatin1String("error")).value_or(QString());
    if (!r.failed()) {
        bool inOrder = m.steps.size() == qsizetype(kStepOrder.size());
        for (qsizetype i = 0; inOrder && i < m.steps.size(); ++i)
            inOrder = m.steps.at(i).name == kStepOrder.at(std::size_t(i));
        if (!inOrder) {
            r.failField(QLatin1String("steps"),
                        QStringLiteral("must list prepare, notify, move, update, cleanup and "
                                       "record, in that order"));
        }
    }
    return r.finish(m);
}

} // namespace waddle::domain
