#include "voiceservice.h"

#include <vector>

namespace waddle::cp {

namespace {

enum class Step
{
    Prepare,
    Notify,
    Cleanup
};

// Every room's single call started at once (QCoro tasks are eager), then
// awaited in order.
QCoro::Task<VoiceService::RoomResults> eachRoom(VoiceService &voice, domain::Region region,
                                                QList<VoiceService::Room> rooms, Step step)
{
    std::vector<QCoro::Task<domain::Result<void>>> calls;
    calls.reserve(std::size_t(rooms.size()));
    for (const VoiceService::Room &room : rooms) {
        if (step == Step::Prepare)
            calls.push_back(voice.prepare(region, room.waddleId, room.members));
        else if (step == Step::Notify)
            calls.push_back(voice.notify(region, room.waddleId, room.message));
        else
            calls.push_back(voice.cleanup(region, room.waddleId));
    }
    VoiceService::RoomResults results;
    results.reserve(rooms.size());
    for (QCoro::Task<domain::Result<void>> &call : calls) {
        domain::Result<void> result = co_await std::move(call);
        results.append(std::move(result));
    }
    co_return results;
}

} // namespace

QCoro::Task<VoiceService::RoomResults> VoiceService::prepareRooms(domain::Region region,
                                                                  QList<Room> rooms)
{
    return eachRoom(*this, std::move(region), std::move(rooms), Step::Prepare);
}

QCoro::Task<VoiceService::RoomResults> VoiceService::notifyRooms(domain::Region region,
                                                                 QList<Room> rooms)
{
    return eachRoom(*this, std::move(region), std::move(rooms), Step::Notify);
}

QCoro::Task<VoiceService::RoomResults> VoiceService::cleanupRooms(domain::Region region,
                                                                  QList<Room> rooms)
{
    return eachRoom(*this, std::move(region), std::move(rooms), Step::Cleanup);
}

void detach(QCoro::Task<domain::Result<void>> call)
{
    Q_UNUSED(call);
}

void detach(QCoro::Task<VoiceService::RoomResults> call)
{
    Q_UNUSED(call);
}

} // namespace waddle::cp
