#include "apitypes.h"

#include "domain/jsonreader.h"

namespace waddle::client {

using namespace waddle::domain;

namespace {

Result<OptimiserProposal> proposalFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    OptimiserProposal p;
    p.waddleId = r.string(QLatin1String("waddle_id"));
    p.from = r.string(QLatin1String("from"));
    p.to = r.string(QLatin1String("to"));
    p.improvementPercent = r.number(QLatin1String("improvement"));
    p.affectedUsers = r.integer(QLatin1String("affected_users"), 0);
    p.preview = r.object<MigrationPreview>(QLatin1String("preview"), migrationPreviewFromJson);
    p.migrationId = r.optionalString(QLatin1String("migration_id")).value_or(QString());
    return r.finish(std::move(p));
}

} // namespace

Result<OptimiserRun> optimiserRunFromJson(const QJsonValue &json)
{
    JsonReader r(json);
    OptimiserRun run;
    if (!r.has(QLatin1String("proposals")))
        r.failField(QLatin1String("proposals"), QStringLiteral("is required"));
    run.proposals = r.list<OptimiserProposal>(QLatin1String("proposals"), proposalFromJson);
    run.considered = r.integer(QLatin1String("considered"), 0);
    run.skipped = r.integer(QLatin1String("skipped"), 0);
    return r.finish(std::move(run));
}

Result<KeyInfo> keyInfoFromJson(const QJsonValue &json)
{
    JsonReader r(json);
    KeyInfo key;
    key.id = r.string(QLatin1String("id"));
    key.name = r.string(QLatin1String("name"));
    key.role = r.enumeration(QLatin1String("role"), kRoleNames);
    key.waddleIds = r.stringList(QLatin1String("waddles"));
    key.expiresAt = r.optionalDateTime(QLatin1String("expires_at"));
    return r.finish(std::move(key));
}

} // namespace waddle::client
