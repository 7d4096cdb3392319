#pragma once

#include "domain/placement/migration.h"
#include "domain/placement/nearestanswer.h"
#include "domain/placement/recommendationanswer.h"
#include "domain/role.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// What the client adds to the control plane's answers (SPEC §12): every
// JSON shape is a domain type (core/domain, the wire format server and client
// share); a waddle read comes with the ETag header to send back.
namespace waddle::client {

// One stored version of a waddle and the ETag to send back as If-Match when
// changing it (SPEC §6 optimistic concurrency).
struct VersionedWaddle
{
    domain::Waddle waddle;
    QString etag; // quoted, as the header carries it: "\"w-w-0001-3\""

    friend bool operator==(const VersionedWaddle &, const VersionedWaddle &) = default;
};

// One proposal of the optimiser (POST /optimiser/run): move a waddle
// whose members would be served clearly better elsewhere.
struct OptimiserProposal
{
    QString waddleId;
    QString from;
    QString to;
    double improvementPercent = 0.0;
    qint64 affectedUsers = 0;
    domain::MigrationPreview preview;
    QString migrationId; // set when the run was not a dry run

    friend bool operator==(const OptimiserProposal &, const OptimiserProposal &) = default;
};

struct OptimiserRun
{
    QList<OptimiserProposal> proposals;
    qint64 considered = 0; // waddles weighed
    qint64 skipped = 0;    // not eligible, or already migrating

    friend bool operator==(const OptimiserRun &, const OptimiserRun &) = default;
};

domain::Result<OptimiserRun> optimiserRunFromJson(const QJsonValue &json);

// The calling key as GET /keys/self tells it (issue 13): the console
// disables what its role cannot do.
struct KeyInfo
{
    QString id;
    QString name;
    domain::Role role = domain::Role::Viewer;
    QStringList waddleIds;              // an owner key's waddles
    std::optional<QDateTime> expiresAt; // UTC; none: never

    friend bool operator==(const KeyInfo &, const KeyInfo &) = default;
};

domain::Result<KeyInfo> keyInfoFromJson(const QJsonValue &json);

// The endpoints' answers are domain types (the wire format). These two
// names stay as aliases so code written against them keeps building.
using domain::NearestAnswer;
using domain::RecommendationAnswer;

} // namespace waddle::client
