#pragma once

#include "domain/analytics/usageevent.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace waddle::cp {

// The quick way through a POST /usage body (issue 12: 10,000 events a
// request): `{"events": [{…}, …]}` read in one pass over the bytes, without a
// QJsonDocument or a JsonReader per event. It takes only the plain shape —
// one top-level key, flat events with the fields of usageEventFromJson and
// nothing else, strings without escapes, started_at as
// YYYY-MM-DDTHH:MM:SS[.mmm]Z — and only events that usageEventFromJson would
// accept, into the same values. Anything else (more than `maxEvents`,
// malformed JSON, a bad event, another shape) answers nothing, and the
// caller reads the body the general way, which says what is wrong and at
// which index.
std::optional<QList<domain::UsageEvent>> quickUsageBatch(QByteArrayView body, qsizetype maxEvents);

} // namespace waddle::cp
