#include "scriptedvoice.h"

#include <QCoroTimer>
#include <QTest>

#include <algorithm>
#include <chrono>

namespace waddle::test {

using domain::Error;
using domain::Region;
using domain::Result;

ScriptedVoice::~ScriptedVoice()
{
    if (!QTest::qWaitFor([this] { return busy == 0; }, 5000))
        qWarning("ScriptedVoice: %d calls still under way", busy);
}

QCoro::Task<Result<void>> ScriptedVoice::answer(QString step, QString region, QString waddleId)
{
    calls.append(step + QLatin1Char(' ') + region + QLatin1Char(' ') + waddleId);
    const bool preparing = step == QLatin1String("prepare");
    if (preparing) {
        ++inFlight;
        maxInFlight = std::max(maxInFlight, inFlight);
    }
    ++busy;
    if (delayMs > 0)
        co_await QCoro::sleepFor(std::chrono::milliseconds(delayMs));
    --busy;
    if (preparing)
        --inFlight;
    if (refusing.contains(region) || refusingSteps.contains(step) ||
        refusingCalls.contains(step + QLatin1Char(' ') + waddleId)) {
        co_return Error{{},
                        QStringLiteral("cannot %1 in %2: HTTP 503 this region refuses voice rooms")
                            .arg(step, region)};
    }
    co_return Result<void>{};
}

QCoro::Task<Result<void>> ScriptedVoice::prepare(Region region, QString waddleId, qint64)
{
    Result<void> done = co_await answer(QStringLiteral("prepare"), region.code, waddleId);
    if (done)
        ++prepared[waddleId];
    co_return done;
}

QCoro::Task<Result<void>> ScriptedVoice::notify(Region region, QString waddleId, QString)
{
    co_return co_await answer(QStringLiteral("notify"), region.code, waddleId);
}

QCoro::Task<Result<void>> ScriptedVoice::move(Region, Region to, QString waddleId)
{
    co_return co_await answer(QStringLiteral("move"), to.code, waddleId);
}

QCoro::Task<Result<void>> ScriptedVoice::cleanup(Region region, QString waddleId)
{
    Result<void> done = co_await answer(QStringLiteral("cleanup"), region.code, waddleId);
    if (done)
        ++cleaned[waddleId];
    co_return done;
}

QCoro::Task<ScriptedVoice::RoomResults> ScriptedVoice::prepareRooms(Region region,
                                                                    QList<Room> rooms)
{
    batches.append(QStringLiteral("prepare %1 %2").arg(region.code).arg(rooms.size()));
    return VoiceService::prepareRooms(std::move(region), std::move(rooms));
}

QCoro::Task<ScriptedVoice::RoomResults> ScriptedVoice::notifyRooms(Region region, QList<Room> rooms)
{
    batches.append(QStringLiteral("notify %1 %2").arg(region.code).arg(rooms.size()));
    return VoiceService::notifyRooms(std::move(region), std::move(rooms));
}

QCoro::Task<ScriptedVoice::RoomResults> ScriptedVoice::cleanupRooms(Region region,
                                                                    QList<Room> rooms)
{
    batches.append(QStringLiteral("cleanup %1 %2").arg(region.code).arg(rooms.size()));
    return VoiceService::cleanupRooms(std::move(region), std::move(rooms));
}

} // namespace waddle::test
