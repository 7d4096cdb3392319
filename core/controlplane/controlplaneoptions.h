#pragma once

#include "api/transportlimits.h"
#include "domain/geo.h"

#include <QHostAddress>
#include <QString>

namespace waddle::cp {

struct ControlPlaneOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8740; // 0: any free port (tests, the embedded backend)
    QString dataDir;     // holds waddle.db (unless `database` says otherwise), admin.key, exports
    // The store: empty for SQLite's waddle.db in dataDir, or a PostgreSQL URL
    // (postgresql://user[:password]@host[:port]/database[?libpq parameters])
    // that several control planes share (issue 16).
    QString database;
    QString cataloguePath; // empty: the built-in catalogue
    // The demo (--demo): read by the wiring (app/, the embedded backend, the
    // test backend), which then hands ControlPlane a DemoFleetControl.
    bool demo = false;
    domain::GeoPoint vantage{50.11, 8.68}; // demo: where the user sits
    quint64 demoSeed = 1;
    int demoWaddles = 240; // demo: waddles seeded into an empty store
    int requestsPerMinute = 1000;
    qint64 maxBodyBytes = 1024 * 1024;
    int failedAuthPerMinute = 20; // per remote address, then 429
    TransportLimits transport;    // its maxBodyBytes is set from the one above
    int healthIntervalMs = 5000;
    int healthTimeoutMs = 2000;
    int healthRetentionDays = 7;
    QString adminKey; // WADDLE_ADMIN_KEY: this value is the admin key
    // Failover (SPEC §9, issue 11): automatic starts at once and fails back
    // on its own; confirm leaves a pending job for an operator.
    bool failoverConfirm = false;
    // Batches of 100 with 4 under way: 10,000 waddles in about 2.5 s with
    // 20 ms room calls (bench_failover; batches of 10 one at a time: 52 s).
    int failoverBatchSize = 100;
    int failoverBatchesInFlight = 4;
    // The pre-batch way (room calls and a transaction per waddle), for the
    // benchmark's same-run comparison only.
    bool failoverRoomCallsPerWaddle = false;
    int failbackAfterSeconds = 120;
    int voiceTimeoutMs = 5000; // each call to a region agent's room API
    // SPEC §7 optimiser: how often the whole fleet is weighed (0: never on
    // its own) and the improvement that makes a move worth it.
    int optimiseIntervalSeconds = 3600;
    double optimiseThreshold = 0.20;
};

} // namespace waddle::cp
