#include "migrations.h"

#include <QRegularExpression>

namespace waddle::cp {

QString usageEventHour()
{
    return QStringLiteral("substr(started_at, 1, 13)");
}

} // namespace waddle::cp

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

// v2: the persisted jobs of SPEC §9 and §10 (issue 11). A failover job
// and its moves are written before anything is moved and each move is
// marked in the same transaction that moves its waddle, so a restart resumes
// exactly the moves still pending. `capacity` and `preview` are the domain's
// JSON (they are read back whole, never queried).
sql::Migration failoverAndMigrationJobs()
{
    return sql::Migration{
        2,
        QStringLiteral("failover jobs and moves, migrations and steps, member notifications"),
        {
            QStringLiteral("CREATE TABLE failover_jobs ("
                           " id TEXT PRIMARY KEY,"
                           " region TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " trigger_kind TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " started_at TEXT,"
                           " finished_at TEXT,"
                           " capacity TEXT NOT NULL DEFAULT '[]')"),
            QStringLiteral("CREATE INDEX failover_jobs_created ON failover_jobs (created_at)"),
            QStringLiteral("CREATE INDEX failover_jobs_region_state ON failover_jobs (region, "
                           "state)"),

            // `position` keeps the plan's order (the batches).
            QStringLiteral("CREATE TABLE failover_moves ("
                           " job_id TEXT NOT NULL REFERENCES failover_jobs (id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " waddle_id TEXT NOT NULL,"
                           " from_region TEXT NOT NULL,"
                           " to_region TEXT,"
                           " state TEXT NOT NULL,"
                           " error TEXT,"
                           " PRIMARY KEY (job_id, waddle_id))"),
            QStringLiteral("CREATE INDEX failover_moves_order ON failover_moves (job_id, "
                           "position)"),

            QStringLiteral("CREATE TABLE migrations ("
                           " id TEXT PRIMARY KEY,"
                           " waddle_id TEXT NOT NULL,"
                           " from_region TEXT NOT NULL,"
                           " to_region TEXT NOT NULL,"
                           " reason TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " start_at TEXT NOT NULL,"
                           " finished_at TEXT,"
                           " preview TEXT NOT NULL DEFAULT '{}',"
                           " error TEXT)"),
            QStringLiteral("CREATE INDEX migrations_waddle ON migrations (waddle_id, created_at)"),
            QStringLiteral("CREATE INDEX migrations_state ON migrations (state, start_at)"),

            QStringLiteral("CREATE TABLE migration_steps ("
                           " migration_id TEXT NOT NULL REFERENCES migrations (id) "
                           "ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " name TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " started_at TEXT,"
                           " finished_at TEXT,"
                           " error TEXT,"
                           " PRIMARY KEY (migration_id, position))"),

            // What members were told (SPEC §9 "Voice region temporarily
            // changed to <name> due to technical issues"), per waddle.
            QStringLiteral("CREATE TABLE member_notifications ("
                           " id INTEGER PRIMARY KEY,"
                           " waddle_id TEXT NOT NULL,"
                           " message TEXT NOT NULL,"
                           " source TEXT NOT NULL,"
                           " created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX member_notifications_waddle ON member_notifications "
                           "(waddle_id, id)"),
        },
    };
}

// v3 (issue 12): analytics.
sql::Migration analyticsSchema()
{
    return sql::Migration{
        3,
        QStringLiteral(
            "key expiry and last use, analytics audit, per-waddle hourly usage, "
            "custom metrics, alerts, triggers, silences, deliveries, export jobs, metric points"),
        {
            QStringLiteral("ALTER TABLE api_keys ADD COLUMN expires_at TEXT"),
            QStringLiteral("ALTER TABLE api_keys ADD COLUMN last_used_at TEXT"),

            // Who read or wrote which analytics project, and when (issue 12).
            QStringLiteral("CREATE TABLE analytics_audit ("
                           " id INTEGER PRIMARY KEY,"
                           " at TEXT NOT NULL,"
                           " key_id TEXT NOT NULL,"
                           " key_name TEXT NOT NULL,"
                           " role TEXT NOT NULL,"
                           " action TEXT NOT NULL,"
                           " project_id TEXT NOT NULL,"
                           " target TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX analytics_audit_time ON analytics_audit (at)"),

            // usage_hourly's twin per waddle (a waddle's project), maintained
            // by the same insert, never recomputed at query time.
            QStringLiteral("CREATE TABLE usage_hourly_waddle ("
                           " waddle_id TEXT NOT NULL,"
                           " region TEXT NOT NULL,"
                           " hour TEXT NOT NULL,"
                           " sessions INTEGER NOT NULL,"
                           " participants INTEGER NOT NULL,"
                           " total_duration_seconds REAL NOT NULL,"
                           " quality_sum REAL NOT NULL,"
                           " latency_sum REAL NOT NULL,"
                           " PRIMARY KEY (waddle_id, hour, region))"),
            // Existing usage into the new rollup, once.
            QStringLiteral("INSERT INTO usage_hourly_waddle SELECT waddle_id, region, "
                           "substr(started_at, 1, 13) || ':00:00.000Z', COUNT(*), "
                           "SUM(participant_count), SUM(duration_seconds), SUM(quality), "
                           "SUM(latency_ms) FROM usage_events GROUP BY 1, 2, 3"),

            // `document` is the domain JSON; the columns beside it are what
            // queries select by.
            QStringLiteral("CREATE TABLE custom_metrics ("
                           " id TEXT PRIMARY KEY,"
                           " project_id TEXT NOT NULL,"
                           " name TEXT NOT NULL,"
                           " document TEXT NOT NULL,"
                           " is_active INTEGER NOT NULL DEFAULT 1,"
                           " created_at TEXT NOT NULL,"
                           " UNIQUE (project_id, name))"),
            QStringLiteral("CREATE TABLE metric_alerts ("
                           " id TEXT PRIMARY KEY,"
                           " project_id TEXT NOT NULL,"
                           " document TEXT NOT NULL,"
                           " last_triggered TEXT,"
                           " trigger_count INTEGER NOT NULL DEFAULT 0,"
                           " holding_since TEXT,"
                           " clear_streak INTEGER NOT NULL DEFAULT 0,"
                           " last_evaluated TEXT,"
                           " created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX metric_alerts_project ON metric_alerts (project_id)"),
            QStringLiteral("CREATE TABLE alert_triggers ("
                           " id TEXT PRIMARY KEY,"
                           " alert_id TEXT NOT NULL,"
                           " project_id TEXT NOT NULL,"
                           " metric_value REAL NOT NULL,"
                           " threshold REAL NOT NULL,"
                           " message TEXT NOT NULL,"
                           " severity TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " triggered_at TEXT NOT NULL,"
                           " resolved_at TEXT,"
                           " acknowledged_at TEXT)"),
            QStringLiteral(
                "CREATE INDEX alert_triggers_project ON alert_triggers (project_id, triggered_at)"),

            // Alertmanager-style silences and every delivery attempt.
            QStringLiteral("CREATE TABLE silences ("
                           " id TEXT PRIMARY KEY,"
                           " project_id TEXT NOT NULL,"
                           " alert_id TEXT,"
                           " severity TEXT,"
                           " until TEXT NOT NULL,"
                           " comment TEXT NOT NULL,"
                           " created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE alert_deliveries ("
                           " id INTEGER PRIMARY KEY,"
                           " at TEXT NOT NULL,"
                           " project_id TEXT NOT NULL,"
                           " channel TEXT NOT NULL,"
                           " target TEXT NOT NULL,"
                           " attempt INTEGER NOT NULL,"
                           " outcome TEXT NOT NULL,"
                           " http_status INTEGER,"
                           " detail TEXT NOT NULL,"
                           " trigger_ids TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE INDEX alert_deliveries_project ON alert_deliveries (project_id, id)"),

            // Export jobs (pending → processing → completed | failed).
            QStringLiteral("CREATE TABLE export_jobs ("
                           " id TEXT PRIMARY KEY,"
                           " project_id TEXT NOT NULL,"
                           " export_type TEXT NOT NULL,"
                           " date_from TEXT NOT NULL,"
                           " date_to TEXT NOT NULL,"
                           " metrics TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " file_path TEXT,"
                           " file_size INTEGER NOT NULL DEFAULT 0,"
                           " rows INTEGER NOT NULL DEFAULT 0,"
                           " sha256 TEXT,"
                           " error TEXT,"
                           " created_at TEXT NOT NULL,"
                           " completed_at TEXT)"),

            // The real-time metrics of seed 001 per project and minute,
            // summed as they arrive: participant_minutes from usage events,
            // api_request from the control plane's own requests.
            QStringLiteral("CREATE TABLE metric_points ("
                           " project_id TEXT NOT NULL,"
                           " metric TEXT NOT NULL,"
                           " minute TEXT NOT NULL,"
                           " value REAL NOT NULL,"
                           " PRIMARY KEY (project_id, metric, minute))"),
        },
    };
}

// v4 (issue 12, ingest at 10,000 events a request): the rollups and the
// metric points keep their rows in their key's B-tree (WITHOUT ROWID), so
// an upsert writes one B-tree instead of a table and its key's index.
sql::Migration clusteredRollups()
{
    const auto rebuild = [](const QString &table, const QString &columns) {
        return QStringList{
            QStringLiteral("CREATE TABLE %1_v4 (%2) WITHOUT ROWID").arg(table, columns),
            QStringLiteral("INSERT INTO %1_v4 SELECT * FROM %1").arg(table),
            QStringLiteral("DROP TABLE %1").arg(table),
            QStringLiteral("ALTER TABLE %1_v4 RENAME TO %1").arg(table)};
    };
    const QString sums = QStringLiteral(
        " sessions INTEGER NOT NULL, participants INTEGER NOT NULL, total_duration_seconds REAL "
        "NOT NULL, quality_sum REAL NOT NULL, latency_sum REAL NOT NULL,");
    return sql::Migration{
        4,
        QStringLiteral("hourly usage and metric points clustered by their keys"),
        rebuild(QStringLiteral("usage_hourly"),
                QStringLiteral("region TEXT NOT NULL, hour TEXT NOT NULL,") + sums +
                    QStringLiteral(" PRIMARY KEY (region, hour)")) +
            rebuild(QStringLiteral("usage_hourly_waddle"),
                    QStringLiteral("waddle_id TEXT NOT NULL, region TEXT NOT NULL, hour TEXT NOT "
                                   "NULL,") +
                        sums + QStringLiteral(" PRIMARY KEY (waddle_id, hour, region)")) +
            rebuild(QStringLiteral("metric_points"),
                    QStringLiteral("project_id TEXT NOT NULL, metric TEXT NOT NULL, minute TEXT "
                                   "NOT NULL, value REAL NOT NULL, PRIMARY KEY (project_id, "
                                   "metric, minute)")),
    };
}

// v5 (issue 13): an operator's edits of a region (priority, failover list)
// kept beside the catalogue's definition, so a restart with the catalogue
// does not undo them, and the version that If-Match checks.
sql::Migration regionSettings()
{
    return sql::Migration{
        5,
        QStringLiteral("operator region settings and their version"),
        {
            QStringLiteral("ALTER TABLE regions ADD COLUMN settings TEXT"),
            QStringLiteral("ALTER TABLE regions ADD COLUMN version INTEGER NOT NULL DEFAULT 1"),
        },
    };
}

// v6 (issue 16): the control planes sharing a store, as each last said
// (GET /api/v1/cluster); the leader is the one holding the advisory lock,
// this only reports it.
sql::Migration clusterInstances()
{
    return sql::Migration{
        6,
        QStringLiteral("control plane instances sharing the store"),
        {
            QStringLiteral("CREATE TABLE cluster_instances ("
                           " id TEXT PRIMARY KEY,"
                           " address TEXT NOT NULL,"
                           " started_at TEXT NOT NULL,"
                           " last_seen TEXT NOT NULL,"
                           " leader INTEGER NOT NULL DEFAULT 0,"
                           " leader_since TEXT)"),
        },
    };
}

// v7 (issue 16): export jobs run by the leader. `runner` is the instance
// that claimed a job and `attempts` how often one did (a job that stopped
// three control planes is failed, not run a fourth time); an export's bytes
// live in export_parts when the store is shared (PostgreSQL), so every
// instance can serve the download, keyed by the runner that wrote them.
sql::Migration exportsOnTheLeader()
{
    return sql::Migration{
        7,
        QStringLiteral("export jobs claimed by the leader, their bytes in the store"),
        {
            QStringLiteral("ALTER TABLE export_jobs ADD COLUMN runner TEXT"),
            QStringLiteral(
                "ALTER TABLE export_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE TABLE export_parts ("
                           " job_id TEXT NOT NULL,"
                           " runner TEXT NOT NULL,"
                           " part INTEGER NOT NULL,"
                           " data BLOB NOT NULL,"
                           " PRIMARY KEY (job_id, runner, part))"),
        },
    };
}

// v8 (issue 12): the usage events' index keyed by region and the hour of
// a session's start, then the row (its row id on SQLite, its place in the
// heap on PostgreSQL), instead of the start itself. Sessions are reported
// when they end, so a batch of them started over the last half hour or
// more: keyed by their start, each landed at a random place among the
// index's millions of entries (a page written per session, 30–50 ms of a
// 10,000-event batch and 20–30 ms more in its commit); keyed by their hour,
// they are appended at a few places, one per region and hour. A range of
// starts reads its hours and keeps the sessions inside it.
sql::Migration eventsByHour()
{
    return sql::Migration{
        8,
        QStringLiteral("usage events indexed by region and hour of start"),
        {
            QStringLiteral("DROP INDEX usage_events_region_time"),
            QStringLiteral("CREATE INDEX usage_events_region_hour ON usage_events (region, ") +
                usageEventHour() + u')',
        },
    };
}

} // namespace

QList<sql::Migration> migrations()
{
    return {initialSchema(),  failoverAndMigrationJobs(), analyticsSchema(),    clusteredRollups(),
            regionSettings(), clusterInstances(),         exportsOnTheLeader(), eventsByHour()};
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

QStringList fileSettings()
{
    return {QStringLiteral("PRAGMA synchronous = NORMAL"),
            QStringLiteral("PRAGMA cache_size = -65536"),
            QStringLiteral("PRAGMA mmap_size = 268435456"),
            QStringLiteral("PRAGMA wal_autocheckpoint = 4000")};
}

} // namespace waddle::cp::sqlite

namespace waddle::cp::postgresql {

QString translated(const QString &sqliteStatement)
{
    static const QRegularExpression generatedKey(QStringLiteral("\\bINTEGER PRIMARY KEY\\b"));
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    static const QRegularExpression real(QStringLiteral("\\bREAL\\b"));
    static const QRegularExpression text(QStringLiteral("\\bTEXT\\b"));
    static const QRegularExpression blob(QStringLiteral("\\bBLOB\\b"));
    QString out = sqliteStatement;
    out.replace(generatedKey,
                QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
    out.replace(integer, QStringLiteral("BIGINT"));
    out.replace(real, QStringLiteral("DOUBLE PRECISION"));
    out.replace(text, QStringLiteral("TEXT COLLATE \"C\""));
    out.replace(blob, QStringLiteral("BYTEA"));
    return out;
}

QList<sql::Migration> migrations()
{
    QList<sql::Migration> out = sqlite::migrations();
    for (sql::Migration &migration : out) {
        if (migration.version == 4) {
            migration.statements.clear();
            continue;
        }
        for (QString &statement : migration.statements)
            statement = translated(statement);
    }
    return out;
}

QStringList connectionSettings()
{
    return {QStringLiteral("SET lock_timeout = '5s'"),
            QStringLiteral("SET client_min_messages = warning")};
}

} // namespace waddle::cp::postgresql
