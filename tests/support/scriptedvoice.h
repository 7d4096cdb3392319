#pragma once

#include "controlplane/services/voiceservice.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace waddle::test {

// Media servers as a test wants them (issue 11): regions, steps or one
// waddle's step whose room calls are refused, an optional real delay per call to see
// batches overlap, the batch calls logged,
// and a count of what was done. The HTTP implementation is tested against
// real agents; services are tested against this.
class ScriptedVoice final : public cp::VoiceService
{
public:
    ScriptedVoice() = default;
    // Lets calls still sleeping finish first (they touch this object).
    ~ScriptedVoice() override;
    ScriptedVoice(const ScriptedVoice &) = delete;
    ScriptedVoice &operator=(const ScriptedVoice &) = delete;
    ScriptedVoice(ScriptedVoice &&) = delete;
    ScriptedVoice &operator=(ScriptedVoice &&) = delete;

    QSet<QString> refusing;      // regions whose every room call fails
    QSet<QString> refusingSteps; // "prepare", "notify", "move", "cleanup": fail everywhere
    QSet<QString> refusingCalls; // "notify w-03": that step fails for that waddle only
    int delayMs = 0;
    int inFlight = 0;             // prepare calls under way
    int maxInFlight = 0;          // the most prepare calls at once
    int busy = 0;                 // calls of any kind under way
    QHash<QString, int> prepared; // waddle → rooms prepared for it
    QHash<QString, int> cleaned;  // waddle → rooms removed
    QStringList calls;            // "prepare eu-north w-01", in order
    QStringList batches;          // batch calls: "prepare eu-north 4", in order

    QCoro::Task<domain::Result<void>> prepare(domain::Region region, QString waddleId,
                                              qint64 members) override;
    QCoro::Task<domain::Result<void>> notify(domain::Region region, QString waddleId,
                                             QString message) override;
    QCoro::Task<domain::Result<void>> move(domain::Region from, domain::Region to,
                                           QString waddleId) override;
    QCoro::Task<domain::Result<void>> cleanup(domain::Region region, QString waddleId) override;
    // Logged in `batches`, then the single calls (VoiceService's defaults).
    QCoro::Task<RoomResults> prepareRooms(domain::Region region, QList<Room> rooms) override;
    QCoro::Task<RoomResults> notifyRooms(domain::Region region, QList<Room> rooms) override;
    QCoro::Task<RoomResults> cleanupRooms(domain::Region region, QList<Room> rooms) override;

private:
    QCoro::Task<domain::Result<void>> answer(QString step, QString region, QString waddleId);
};

} // namespace waddle::test
