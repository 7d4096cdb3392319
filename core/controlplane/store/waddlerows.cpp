#include "waddlerows.h"

#include "statements.h"

namespace waddle::cp::store {

QString waddleColumns()
{
    return QStringLiteral("id, name, owner_id, voice_region, current_region, temporary, "
                          "original_region, member_count, active_voice_channels, version, "
                          "updated_at");
}

domain::Waddle waddleFrom(const QSqlQuery &q)
{
    domain::Waddle w;
    w.id = q.value(0).toString();
    w.name = q.value(1).toString();
    w.ownerId = q.value(2).toString();
    w.voiceRegion = q.value(3).toString();
    w.currentRegion = q.value(4).toString();
    w.temporary = q.value(5).toInt() != 0;
    w.originalRegion = q.value(6).toString();
    w.memberCount = q.value(7).toLongLong();
    w.activeVoiceChannels = q.value(8).toInt();
    w.version = q.value(9).toLongLong();
    w.updatedAt = timeFrom(q.value(10));
    return w;
}

} // namespace waddle::cp::store
