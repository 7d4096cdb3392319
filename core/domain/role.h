#pragma once

#include "domain/enumnames.h"

#include <QString>

#include <array>
#include <optional>

namespace waddle::domain {

// What an API key may do (SPEC §12, §11), from the least to the most
// powerful: viewers read; analysts also read every analytics project and make
// custom metrics, alerts and exports, but move no waddle; owners also edit the
// waddles listed on their key (and see only those waddles' analytics);
// operators edit any waddle and run region actions; admins also manage keys.
// The control plane enforces it; the console reads the same table to disable
// what a key cannot do (permitted() below).
enum class Role
{
    Viewer,
    Analyst,
    Owner,
    Operator,
    Admin
};

inline constexpr std::array<EnumName<Role>, 5> kRoleNames{{
    {Role::Viewer, QLatin1String("viewer")},
    {Role::Analyst, QLatin1String("analyst")},
    {Role::Owner, QLatin1String("owner")},
    {Role::Operator, QLatin1String("operator")},
    {Role::Admin, QLatin1String("admin")},
}};

QString toString(Role role);
// The role's name with its article, for sentences: "an analyst", "a viewer".
QString withArticle(Role role);
std::optional<Role> roleFromString(QStringView name);

// True when `have` is `need` or more powerful.
bool roleAtLeast(Role have, Role need);

// The console's actions that change something on the control plane, each
// with the least role the control plane asks of it (the routes' Access;
// tst_keyroutes checks that the two agree route by route).
enum class Action
{
    Failover,           // POST /failovers, /failovers/{id}/start
    FailBack,           // POST /failovers/{id}/failback
    MigrateWaddles,     // POST /migrations with waddle ids (owners: their own)
    CancelMigration,    // POST /migrations/{id}/cancel (owners: their own)
    DrainRegion,        // POST /migrations with from_region
    OptimiseFleet,      // POST /optimiser/run, applying makes migrations
    ManageRegions,      // PUT /regions/{code}, …/maintenance, POST …/check
    AcknowledgeAlert,   // POST /alerts/{id}/ack
    AcknowledgeTrigger, // POST /analytics/triggers/{project_id}/{id}/ack
    ChangeVoiceRegion,  // PUT /waddles/{id}/voice-region (owners: their own)
    EditCustomMetrics,  // POST/PUT/DELETE /analytics/metrics…
    EditAlertRules,     // POST/PUT/DELETE /analytics/alerts…, their check, silences
    ExportAnalytics,    // POST /analytics/export/{project_id}
    ManageKeys,         // POST/GET/DELETE /keys
};

inline constexpr std::array<EnumName<Action>, 14> kActionNames{{
    {Action::Failover, QLatin1String("failover")},
    {Action::FailBack, QLatin1String("fail-back")},
    {Action::MigrateWaddles, QLatin1String("migrate-waddles")},
    {Action::CancelMigration, QLatin1String("cancel-migration")},
    {Action::DrainRegion, QLatin1String("drain-region")},
    {Action::OptimiseFleet, QLatin1String("optimise-fleet")},
    {Action::ManageRegions, QLatin1String("manage-regions")},
    {Action::AcknowledgeAlert, QLatin1String("acknowledge-alert")},
    {Action::AcknowledgeTrigger, QLatin1String("acknowledge-trigger")},
    {Action::ChangeVoiceRegion, QLatin1String("change-voice-region")},
    {Action::EditCustomMetrics, QLatin1String("edit-custom-metrics")},
    {Action::EditAlertRules, QLatin1String("edit-alert-rules")},
    {Action::ExportAnalytics, QLatin1String("export-analytics")},
    {Action::ManageKeys, QLatin1String("manage-keys")},
}};

QString toString(Action action);
std::optional<Action> actionFromString(QStringView name);

// The least role that may do `action`.
Role requiredRole(Action action);
// Whether a key of `role` may do `action` (owners: on their own waddles).
bool permitted(Role role, Action action);

} // namespace waddle::domain
