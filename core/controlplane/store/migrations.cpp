#include "migrations.h"

namespace waddle::cp::sqlite {

namespace {

// v1: everything SPEC §3, §6, §8, §9, §11 and §12 need the control plane to
// remember. Times are ISO 8601 UTC text with milliseconds (text order = time
// order); booleans are 0/1 integers.
sql::Migration initialSchema()
{
    return sql::Migration{
        1,
        QStringLiteral("regions, waddles, members, API keys, health, alerts, usage"),
        {
            QStringLiteral("CREATE TABLE schema_version ("
                           " version INTEGER PRIMARY KEY,"
                           " description TEXT NOT NULL,"
                           " applied_at TEXT NOT NULL)"),

            // `document` is the region's canonical JSON (domain toJson); status
            // and maintenance live beside it because they change on their own.
            // `position` keeps the catalogue's order.
            QStringLiteral("CREATE TABLE regions ("
                           " code TEXT PRIMARY KEY,"
                           " position INTEGER NOT NULL,"
                           " document TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " maintenance INTEGER NOT NULL DEFAULT 0,"
                           " updated_at TEXT NOT NULL)"),

            QStringLiteral("CREATE TABLE waddles ("
                           " id TEXT PRIMARY KEY,"
                           " name TEXT NOT NULL,"
                           " owner_id TEXT NOT NULL,"
                           " voice_region TEXT NOT NULL,"
                           " current_region TEXT,"
                           " temporary INTEGER NOT NULL DEFAULT 0,"
                           " original_region TEXT,"
                           " member_count INTEGER NOT NULL DEFAULT 0,"
                           " active_voice_channels INTEGER NOT NULL DEFAULT 0,"
                           " version INTEGER NOT NULL DEFAULT 1,"
                           " updated_at TEXT)"),
            QStringLiteral("CREATE INDEX waddles_current_region ON waddles (current_region)"),

            // Location columns are all NULL for a member who shared none.
            QStringLiteral("CREATE TABLE members ("
                           " id TEXT PRIMARY KEY,"
                           " waddle_id TEXT NOT NULL REFERENCES waddles (id) ON DELETE CASCADE,"
                           " display_name TEXT NOT NULL,"
                           " city TEXT,"
                           " country TEXT,"
                           " latitude REAL,"
                           " longitude REAL)"),
            // (waddle_id, id) serves both the per-waddle filter and its paging order.
            QStringLiteral("CREATE INDEX members_waddle ON members (waddle_id, id)"),

            // Only the SHA-256 of a secret; waddle_ids is a JSON array of strings.
            QStringLiteral("CREATE TABLE api_keys ("
                           " id TEXT PRIMARY KEY,"
                           " name TEXT NOT NULL,"
                           " key_hash TEXT NOT NULL UNIQUE,"
                           " role TEXT NOT NULL,"
                           " waddle_ids TEXT NOT NULL DEFAULT '[]',"
                           " created_at TEXT NOT NULL,"
                           " revoked INTEGER NOT NULL DEFAULT 0)"),

            QStringLiteral("CREATE TABLE health_checks ("
                           " id INTEGER PRIMARY KEY,"
                           " region_code TEXT NOT NULL,"
                           " checked_at TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " score REAL NOT NULL,"
                           " endpoint_healthy INTEGER NOT NULL,"
                           " response_ms REAL NOT NULL,"
                           " utilisation REAL NOT NULL,"
                           " p99_ms REAL NOT NULL,"
                           " error_rate REAL NOT NULL,"
                           " consecutive_failures INTEGER NOT NULL,"
                           " message TEXT)"),
            QStringLiteral("CREATE INDEX health_checks_region_time ON health_checks (region_code, "
                           "checked_at)"),
            // Retention deletes by time across all regions.
            QStringLiteral("CREATE INDEX health_checks_time ON health_checks (checked_at)"),

            QStringLiteral("CREATE TABLE region_alerts ("
                           " id TEXT PRIMARY KEY,"
                           " region_code TEXT NOT NULL,"
                           " severity TEXT NOT NULL,"
                           " title TEXT NOT NULL,"
                           " description TEXT NOT NULL,"
                           " from_status TEXT NOT NULL,"
                           " to_status TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " acknowledged_at TEXT)"),
            QStringLiteral("CREATE INDEX region_alerts_time ON region_alerts (created_at)"),

            // INTEGER PRIMARY KEY is SQLite's row id: no second index to keep
            // up to date over millions of events.
            QStringLiteral("CREATE TABLE usage_events ("
                           " id INTEGER PRIMARY KEY,"
                           " region TEXT NOT NULL,"
                           " waddle_id TEXT NOT NULL,"
                           " channel_id TEXT NOT NULL,"
                           " participant_count INTEGER NOT NULL,"
                           " duration_seconds REAL NOT NULL,"
                           " quality REAL NOT NULL,"
                           " latency_ms REAL NOT NULL,"
                           " started_at TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE INDEX usage_events_region_time ON usage_events (region, started_at)"),

            // Maintained on every insert of usage events (PERFORMANCE.md).
            QStringLiteral("CREATE TABLE usage_hourly ("
                           " region TEXT NOT NULL,"
                           " hour TEXT NOT NULL,"
                           " sessions INTEGER NOT NULL,"
                           " participants INTEGER NOT NULL,"
                           " total_duration_seconds REAL NOT NULL,"
                           " quality_sum REAL NOT NULL,"
                           " latency_sum REAL NOT NULL,"
                           " PRIMARY KEY (region, hour))"),
        },
    };
}

} // namespace

QList<sql::Migration> migrations()
{
    return {initialSchema()};
}

int latestSchemaVersion()
{
    return migrations().constLast().version;
}

QStringList connectionSettings()
{
    return {QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA busy_timeout = 5000")};
}

} // namespace waddle::cp::sqlite
