#pragma once

#include "domain/region.h"
#include "domain/result.h"

#include <QCoroTask>
#include <QList>
#include <QString>

namespace waddle::cp {

// The media servers as failover and migration need them (issue 11, SPEC §9,
// §10): a room for a waddle in a region, its members told, the call moved,
// the old room removed. Every call is a coroutine that ends within the
// implementation's timeout, with an error in words when the region refused
// or did not answer. The control plane declares it; HttpVoiceService talks to
// each region agent's room API, tests may script their own.
class VoiceService
{
public:
    virtual ~VoiceService() = default;

    // A room for the waddle's `members` in `region` (idempotent).
    virtual QCoro::Task<domain::Result<void>> prepare(domain::Region region, QString waddleId,
                                                      qint64 members) = 0;
    // Tells the members in the room in `region`.
    virtual QCoro::Task<domain::Result<void>> notify(domain::Region region, QString waddleId,
                                                     QString message) = 0;
    // The call moves into the prepared room in `to`.
    virtual QCoro::Task<domain::Result<void>> move(domain::Region from, domain::Region to,
                                                   QString waddleId) = 0;
    // Removes the waddle's room in `region` (idempotent).
    virtual QCoro::Task<domain::Result<void>> cleanup(domain::Region region, QString waddleId) = 0;

    // The batch forms: many rooms of one region in one call where the
    // implementation can (failover moves thousands of waddles). One result
    // per room, in order; a call that fails as a whole fails every room.
    // These defaults run the single calls side by side.
    struct Room
    {
        QString waddleId;
        qint64 members = 0; // prepare
        QString message;    // notify
    };
    using RoomResults = QList<domain::Result<void>>;
    virtual QCoro::Task<RoomResults> prepareRooms(domain::Region region, QList<Room> rooms);
    virtual QCoro::Task<RoomResults> notifyRooms(domain::Region region, QList<Room> rooms);
    // Best effort (the region may be the one that failed): the
    // implementation may give up sooner than for the other calls.
    virtual QCoro::Task<RoomResults> cleanupRooms(domain::Region region, QList<Room> rooms);
};

// Lets a call run on without anyone waiting for it (best effort: a room left
// behind on a failed region is harmless). QCoro tasks start at once and
// finish on their own when nobody awaits them.
void detach(QCoro::Task<domain::Result<void>> call);
void detach(QCoro::Task<VoiceService::RoomResults> call);

} // namespace waddle::cp
