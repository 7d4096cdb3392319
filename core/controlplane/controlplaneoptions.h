#pragma once

#include "domain/geo.h"

#include <QHostAddress>
#include <QString>

namespace waddle::cp {

struct ControlPlaneOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8740;   // 0: any free port (tests, the embedded backend)
    QString dataDir;       // holds waddle.db and admin.key
    QString cataloguePath; // empty: the built-in catalogue
    // The demo (--demo): read by the wiring (app/, the embedded backend, the
    // test backend), which then hands ControlPlane a DemoFleetControl.
    bool demo = false;
    domain::GeoPoint vantage{50.11, 8.68}; // demo: where the user sits
    quint64 demoSeed = 1;
    int requestsPerMinute = 1000;
    qint64 maxBodyBytes = 1024 * 1024;
    int healthIntervalMs = 5000;
    int healthTimeoutMs = 2000;
    int healthRetentionDays = 7;
    QString adminKey; // WADDLE_ADMIN_KEY: this value is the admin key
};

} // namespace waddle::cp
